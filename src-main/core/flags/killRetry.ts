import type { FlagServerEvent } from '../../../src-shared/domain/flag';
import type { KillRetry } from '../../../src-shared/domain/killRetry';
import { RingsideError } from '../../../src-shared/ipc/result';
import { clockTime } from '../time/clockTime';
import type { ActionContext } from './flagActions';
import { cellKey } from './flagSnapshot';
import { RETRY_AFTER_CAP_MS } from './pollBackoff';

/** Waits between attempts; the last repeats. A server's longer Retry-After wins (up to the cap). */
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/** Ended retries stay on show this long. */
const SHOWN_MS = 60 * 60_000;
/** Failures worth another try: the server may answer in a moment. */
const TRANSIENT = new Set(['unavailable', 'timeout', 'rate_limited', 'offline', 'bad_response']);
/** Server events that change what a flag exposes: someone else acted on it. */
const CHANGES = /^feature-(environment-(enabled|disabled)|strategy-)/;

interface Entry extends KillRetry {
  intentId: number;
  cancelTimer: (() => void) | null;
  changedBy: { by: string; at: number; type: string } | null;
}

/** The flag actions' context (without the release gate: a kill is never blocked), and a timer. */
export type KillRetryDeps = Pick<ActionContext, 'workspace' | 'audit' | 'backends' | 'flags' | 'bus' | 'clock' | 'actor' | 'policy'> & {
  schedule: (ms: number, fn: () => void) => () => void;
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Kills that keep trying: after a transient failure the person may ask main to keep sending the
 * kill, with backoff, until the server's read-back confirms it, the person cancels, or someone
 * else changes the flag meanwhile (then it stops and says who). Each is one audited intent.
 */
export function createKillRetrier(deps: KillRetryDeps) {
  const { workspace, audit, backends, flags, bus, clock } = deps;
  const entries = new Map<string, Entry>();

  const view = ({ intentId: _i, cancelTimer: _c, changedBy: _b, ...shown }: Entry): KillRetry => shown;
  const changed = () => bus.emit('state:changed', { domain: 'flags' });

  function outcome(entry: Entry, result: string, after: Record<string, unknown>) {
    audit.append({
      time: clock.now(),
      source: 'console',
      actor: deps.actor,
      workspace: workspace.id,
      environment: entry.environment,
      objectType: 'flag',
      objectId: entry.flag,
      action: 'flag.disabled',
      before: null,
      after: { intentId: entry.intentId, attempts: entry.attempts, keepTrying: true, ...after },
      reason: null,
      result,
    });
    bus.emit('state:changed', { domain: 'audit' });
  }

  function end(entry: Entry, state: KillRetry['state'], text: string | null) {
    entry.cancelTimer?.();
    entry.cancelTimer = null;
    entry.state = state;
    entry.endedAt = clock.now();
    entry.nextAttemptAt = null;
    entry.message = text;
    changed();
  }

  function later(entry: Entry, retryAfterMs: number | null) {
    const backoff = BACKOFF_MS[Math.min(Math.max(0, entry.attempts - 1), BACKOFF_MS.length - 1)]!;
    const wait = Math.max(backoff, retryAfterMs === null ? 0 : Math.min(retryAfterMs, RETRY_AFTER_CAP_MS));
    entry.nextAttemptAt = clock.now() + wait;
    entry.cancelTimer = deps.schedule(wait, () => void attempt(entry));
    changed();
  }

  async function attempt(entry: Entry): Promise<void> {
    entry.cancelTimer = null;
    if (entry.state !== 'trying') return;
    const provider = workspace.flags;
    if (!provider) return end(entry, 'stopped', 'No flag backend is configured for this workspace any more.');
    entry.attempts += 1;
    try {
      let state = await backends.track('flags', () => provider.readState(entry.flag, entry.environment));
      if (entry.state !== 'trying') return;
      if (state.enabled && entry.changedBy) {
        const { by, at } = entry.changedBy;
        outcome(entry, 'stopped: changed by someone else', { state, changedBy: entry.changedBy });
        return end(entry, 'stopped', `${by} changed ${entry.flag} in ${entry.environment} at ${clockTime(at)}; stopped trying.`);
      }
      if (state.enabled) {
        await backends.track('flags', async () => {
          await provider.setEnabled(entry.flag, entry.environment, false);
          state = await provider.readState(entry.flag, entry.environment);
        });
      }
      if (entry.state !== 'trying') return;
      if (!state.enabled) {
        const confirmedAt = clock.now();
        flags.applyState(entry.flag, state, confirmedAt);
        outcome(entry, 'confirmed', { state, confirmedAt, latencyMs: confirmedAt - entry.startedAt });
        await deps.policy?.afterFlag('flag.off', entry.flag, entry.environment, { actor: deps.actor, source: 'console' }, 'flag.disabled', null);
        return end(entry, 'confirmed', `Off in ${entry.environment}, confirmed at ${clockTime(confirmedAt)} after ${entry.attempts} attempt(s).`);
      }
      entry.lastError = 'The server accepted the kill but still reads the flag on.';
      later(entry, null);
    } catch (error) {
      if (entry.state !== 'trying') return;
      entry.lastError = message(error);
      const code = error instanceof RingsideError ? error.code : 'internal';
      deps.policy?.fourEyes.noteRefusal(error, entry.environment);
      if (!TRANSIENT.has(code)) {
        outcome(entry, `failed: ${entry.lastError.slice(0, 500)}`, {});
        return end(entry, 'stopped', `Stopped trying: ${entry.lastError}`);
      }
      later(entry, error instanceof RingsideError ? error.retryAfterMs : null);
    }
  }

  return {
    /** Keep sending the kill of one cell (or answer the retry already running for it). */
    start(flag: string, environment: string): KillRetry {
      const key = cellKey(flag, environment);
      const running = entries.get(key);
      if (running?.state === 'trying') return view(running);
      // A kill is never held for a second person, but a viewer may not kill at all.
      deps.policy?.requireAllowed('flag.off', environment, deps.actor);
      const now = clock.now();
      const intentId = audit.append({
        time: now,
        source: 'console',
        actor: deps.actor,
        workspace: workspace.id,
        environment,
        objectType: 'flag',
        objectId: flag,
        action: 'flag.disabled.requested',
        before: flags.cachedState(flag, environment),
        after: { enabled: false, keepTrying: true },
        reason: null,
        result: 'pending',
      });
      const entry: Entry = {
        flag,
        environment,
        state: 'trying',
        attempts: 0,
        startedAt: now,
        nextAttemptAt: now,
        lastError: null,
        endedAt: null,
        message: null,
        intentId,
        cancelTimer: null,
        changedBy: null,
      };
      entries.set(key, entry);
      bus.emit('state:changed', { domain: 'audit' });
      void attempt(entry);
      return view(entry);
    },
    /** Stop trying; the flag stays as the server has it. */
    cancel(flag: string, environment: string): boolean {
      const entry = entries.get(cellKey(flag, environment));
      if (entry?.state !== 'trying') return false;
      outcome(entry, 'cancelled', {});
      end(entry, 'cancelled', `Cancelled after ${entry.attempts} attempt(s); ${entry.flag} is as the server has it.`);
      return true;
    },
    /** The server's events since the last poll: a change by someone else stops a retry of that cell. */
    observe(events: FlagServerEvent[]): void {
      for (const event of events) {
        if (!event.flag || !event.environment || !CHANGES.test(event.type)) continue;
        const entry = entries.get(cellKey(event.flag, event.environment));
        if (entry?.state === 'trying' && event.createdAt >= entry.startedAt) {
          entry.changedBy = { by: event.createdBy, at: event.createdAt, type: event.type };
        }
      }
    },
    list(): KillRetry[] {
      const since = clock.now() - SHOWN_MS;
      return [...entries.values()].filter((e) => e.state === 'trying' || (e.endedAt ?? 0) >= since).map(view);
    },
    /** Timers stop; an intent still trying stays open and is reconciled at the next start. */
    dispose(): void {
      for (const entry of entries.values()) entry.cancelTimer?.();
    },
  };
}
export type KillRetrier = ReturnType<typeof createKillRetrier>;
