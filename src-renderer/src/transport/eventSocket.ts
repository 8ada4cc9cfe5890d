import { currentWorkspaceId } from './workspaceScope';
import type { Subscribe } from '../../../src-shared/ipc/api';
import type { EventName } from '../../../src-shared/ipc/contract';
import { checkMessage } from './eventPayload';
import type { LivenessMonitor } from './liveness';

export interface EventSocketOptions {
  url: string;
  WebSocket?: typeof WebSocket;
  /** First reconnect delay; doubles on each failure up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Told of every sign of life (open, any message, heartbeats) and of every drop. */
  liveness?: LivenessMonitor;
  /** An attempt closed before it opened: the core is down, or refused the upgrade (a browser cannot see which). */
  onRefused?: () => void;
}

export interface EventSocket {
  subscribe: Subscribe;
  /** Called when the socket comes back after a drop: events may have been missed meanwhile. */
  onReconnect(callback: () => void): () => void;
  close(): void;
}

type Callback = (payload: unknown) => void;

/**
 * Push events over one WebSocket, opened with the first subscriber, reconnected with capped
 * backoff. The cap is short (3 s) because the other end is this machine: a restarted core is
 * found within seconds.
 */
export function createEventSocket(options: EventSocketOptions): EventSocket {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 3_000;
  const listeners = new Map<EventName, Set<Callback>>();
  const reconnectListeners = new Set<() => void>();
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let everOpened = false;
  let closed = false;

  const subscriberCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  function connect() {
    if (closed || socket) return;
    const ws = new Socket(options.url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      failures = 0;
      options.liveness?.beat();
      if (everOpened) for (const cb of [...reconnectListeners]) cb();
      everOpened = true;
    };
    ws.onmessage = (message: MessageEvent) => dispatch(message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      options.liveness?.lost('closed');
      if (!opened) options.onRefused?.();
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (closed || timer || subscriberCount() === 0) return;
    const delay = Math.min(maxDelay, minDelay * 2 ** failures);
    failures += 1;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
  }

  function dispatch(data: unknown) {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const checked = checkMessage(raw);
    if (!checked) return;
    options.liveness?.beat(checked.event === 'app:heartbeat' ? checked.payload : undefined);
    for (const callback of [...(listeners.get(checked.event) ?? [])]) {
      try {
        callback(checked.payload);
      } catch (error) {
        // One broken subscriber must not starve the others.
        console.error(`ringside: a ${checked.event} subscriber threw`, error);
      }
    }
  }

  function disconnect() {
    if (timer) clearTimeout(timer);
    timer = null;
    const ws = socket;
    socket = null;
    ws?.close();
  }

  const subscribe: Subscribe = (event, callback) => {
    const set = listeners.get(event) ?? new Set<Callback>();
    listeners.set(event, set);
    const entry = callback as Callback;
    set.add(entry);
    connect();
    return () => {
      set.delete(entry);
      if (subscriberCount() === 0) disconnect();
    };
  };

  return {
    subscribe,
    onReconnect(callback) {
      reconnectListeners.add(callback);
      return () => void reconnectListeners.delete(callback);
    },
    close() {
      closed = true;
      listeners.clear();
      reconnectListeners.clear();
      disconnect();
    },
  };
}

/** ws: or wss: to /api/events on the page's own host. */
export function eventsUrl(location: Pick<Location, 'protocol' | 'host' | 'search'> = window.location): string {
  const workspace = currentWorkspaceId(location);
  const scope = workspace ? `?workspace=${encodeURIComponent(workspace)}` : '';
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events${scope}`;
}
