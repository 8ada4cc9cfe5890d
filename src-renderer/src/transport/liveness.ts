import { HEARTBEAT_EVERY_MS } from '../../../src-shared/ipc/contract';

/**
 * Whether the core answers, as the page knows it:
 * - connecting: nothing heard yet (page just opened);
 * - online: a heartbeat (or the channel opening) within the last timeout;
 * - offline: `silent` (no beat for the timeout: hung, or gone without closing), `closed` (the
 *   channel dropped), or `signed-out` (the core answers but refuses this page's token).
 */
export type Liveness = LivenessBase &
  ({ status: 'connecting' } | { status: 'online'; since: number } | { status: 'offline'; since: number; reason: OfflineReason });
export type OfflineReason = 'silent' | 'closed' | 'signed-out';

interface LivenessBase {
  /** how the page reaches the core: the Electron preload, or serve mode's loopback HTTP + WebSocket */
  via: 'electron' | 'loopback';
  /** how often the core polls its backends, from its heartbeat; null until heard */
  pollMs: number | null;
}

export interface LivenessSource {
  current(): Liveness;
  /** Called with the current state at once, then on every change (not on every beat). */
  subscribe(listener: (liveness: Liveness) => void): () => void;
}

export interface LivenessMonitor extends LivenessSource {
  /** A sign of life: a heartbeat (with its period and the poll interval), or the channel opening. */
  beat(heartbeat?: { everyMs: number; pollMs: number }): void;
  /** The channel says the core is gone (or refuses us); no need to wait for the timeout. */
  lost(reason: OfflineReason): void;
  /** Called when the core answers again after being offline: whatever was pushed meanwhile is lost. */
  onBack(callback: () => void): () => void;
  dispose(): void;
}

export interface LivenessOptions {
  via?: Liveness['via'];
  /** Beats missed before the core counts as silent. */
  missedBeats?: number;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * The heartbeat timeout: the core is online while beats keep coming, offline `missedBeats` periods
 * after the last one (1.5 s at the default 500 ms), or at once when the channel drops. The timer
 * also runs before the first beat, so a page whose core never answers does not stay "connecting".
 */
export function createLivenessMonitor(options: LivenessOptions = {}): LivenessMonitor {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((cb: () => void, ms: number) => setTimeout(cb, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const missed = options.missedBeats ?? 3;
  const listeners = new Set<(liveness: Liveness) => void>();
  const backListeners = new Set<() => void>();
  let everyMs = HEARTBEAT_EVERY_MS;
  const via = options.via ?? 'loopback';
  let state: Liveness = { status: 'connecting', via, pollMs: null };
  let timer: unknown = null;
  let disposed = false;

  function set(next: Liveness) {
    const wasOffline = state.status === 'offline';
    state = next;
    for (const listener of [...listeners]) listener(state);
    // After listeners, so a reload started by onBack already sees the core online.
    if (wasOffline && next.status === 'online') for (const callback of [...backListeners]) callback();
  }

  function arm() {
    if (timer !== null) clearTimer(timer);
    timer = disposed ? null : setTimer(() => {
      timer = null;
      lost('silent');
    }, everyMs * missed);
  }

  function lost(reason: OfflineReason) {
    if (disposed) return;
    if (timer !== null) clearTimer(timer);
    timer = null;
    // A refusal learnt from a probe counts only while the channel is down: if it is up, it got in.
    if (reason === 'signed-out' && state.status !== 'offline') return;
    if (state.status === 'offline' && state.reason === reason) return;
    // A refused token is more telling than the drop that came with it; keep it until the core is back.
    if (state.status === 'offline' && state.reason === 'signed-out') return;
    set({ status: 'offline', since: state.status === 'offline' ? state.since : now(), reason, via, pollMs: state.pollMs });
  }

  arm();
  return {
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => void listeners.delete(listener);
    },
    beat(heartbeat) {
      if (disposed) return;
      if (heartbeat) everyMs = heartbeat.everyMs;
      const pollMs = heartbeat ? heartbeat.pollMs : state.pollMs;
      arm();
      if (state.status !== 'online' || state.pollMs !== pollMs) {
        set({ status: 'online', since: state.status === 'online' ? state.since : now(), via, pollMs });
      }
    },
    lost,
    onBack(callback) {
      backListeners.add(callback);
      return () => void backListeners.delete(callback);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      listeners.clear();
      backListeners.clear();
    },
  };
}
