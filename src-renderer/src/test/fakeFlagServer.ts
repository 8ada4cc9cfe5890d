import type { Flag } from '../../../src-shared/domain/flag';
import type { FlagChange } from '../../../src-shared/domain/flagDebt';
import type { KillRetry, ReconciledIntent } from '../../../src-shared/domain/killRetry';
import { fail, ok } from '../../../src-shared/ipc/result';
import type { HandlerMap } from './fakeBridge';
import * as fixtures from './fixtures';

type FlagChannel =
  | 'flags:list'
  | 'flags:setEnabled'
  | 'flags:setRollout'
  | 'flags:killByTag'
  | 'flags:keepTrying'
  | 'flags:cancelRetry'
  | 'flags:debt';

/** Who the fake server says made a change from the console. */
export const FAKE_ACTOR = 'you@console';

export interface FakeFlagServerOptions {
  /** the flags it starts with (default: the fixtures) */
  flags?: Flag[];
  /** what the start-up reconciliation found */
  reconciled?: ReconciledIntent[];
}

export interface FakeFlagServer {
  handlers: Pick<HandlerMap, FlagChannel>;
  /** Move a kill main keeps trying on, as main would; 'confirmed' also turns the flag off on the server. */
  advanceRetry(flag: string, environment: string, patch: Partial<KillRetry>): void;
}

/** The flag channels of an in-memory flag server over a copy of the fixtures (or the flags given). */
export const fakeFlagHandlers = (options?: FakeFlagServerOptions) => createFakeFlagServer(options).handlers;

/**
 * An in-memory flag server: a change is read back by the next flags:list, as the real one would,
 * so a test sees exactly what the server would confirm. Kills main keeps trying are listed too.
 */
export function createFakeFlagServer(options: FakeFlagServerOptions = {}): FakeFlagServer {
  const flags: Flag[] = structuredClone(options.flags ?? fixtures.flags);
  let changes: FlagChange[] = structuredClone(fixtures.changes);
  let retries: KillRetry[] = [];
  const retryOf = (flag: string, environment: string) => retries.find((r) => r.flag === flag && r.environment === environment);

  const stateOf = (flag: string, environment: string) =>
    flags.find((f) => f.name === flag)?.environments.find((e) => e.environment === environment);

  const record = (flag: string, environment: string, action: string, at: number) => {
    changes = [
      ...changes.filter((c) => !(c.flag === flag && c.environment === environment)),
      { flag, environment, by: FAKE_ACTOR, at, action, source: 'console' },
    ];
  };

  const setEnabled: HandlerMap['flags:setEnabled'] = (req) => {
    const state = stateOf(req.flag, req.environment);
    if (!state) return fail('not_found', `No flag "${req.flag}" in ${req.environment}.`);
    const production = fixtures.environments.find((e) => e.name === req.environment)?.type === 'production';
    if (req.enabled && production && !req.reason) {
      return fail('bad_request', `reason: turning ${req.flag} on in ${req.environment} is a release, not a kill; give a reason.`);
    }
    const at = Date.now();
    state.enabled = req.enabled;
    record(req.flag, req.environment, req.enabled ? 'flag.enabled' : 'flag.disabled', at);
    return ok({ flag: req.flag, environment: req.environment, enabled: req.enabled, confirmedAt: at, latencyMs: 12 });
  };

  const keepTrying: HandlerMap['flags:keepTrying'] = (req) => {
    if (!stateOf(req.flag, req.environment)) return fail('not_found', `No flag "${req.flag}" in ${req.environment}.`);
    const at = Date.now();
    const retry: KillRetry = {
      ...req, state: 'trying', attempts: 0, startedAt: at, nextAttemptAt: at + 5_000, lastError: null, endedAt: null, message: null,
    };
    retries = [retry, ...retries.filter((r) => r !== retryOf(req.flag, req.environment))];
    return ok(retry);
  };

  const advanceRetry: FakeFlagServer['advanceRetry'] = (flag, environment, patch) => {
    const retry = retryOf(flag, environment);
    if (!retry) throw new Error(`no retry for ${flag} in ${environment}`);
    Object.assign(retry, patch);
    const state = stateOf(flag, environment);
    if (patch.state === 'confirmed' && state) {
      state.enabled = false;
      record(flag, environment, 'flag.disabled', retry.endedAt ?? Date.now());
    }
  };

  const handlers: FakeFlagServer['handlers'] = {
    'flags:list': () =>
      ok(
        fixtures.flagsListing({
          flags: structuredClone(flags),
          changes: structuredClone(changes),
          retries: structuredClone(retries),
          reconciled: structuredClone(options.reconciled ?? []),
        }),
      ),
    'flags:setEnabled': setEnabled,
    'flags:setRollout': (req) => {
      const strategy = stateOf(req.flag, req.environment)?.strategies.find((s) => s.id === req.strategyId);
      if (!strategy) return fail('not_found', `No strategy "${req.strategyId}" on ${req.flag} in ${req.environment}.`);
      const at = Date.now();
      strategy.rollout = req.rollout;
      record(req.flag, req.environment, 'flag.strategy.updated', at);
      return ok({ flag: req.flag, environment: req.environment, rollout: req.rollout, confirmedAt: at, latencyMs: 12 });
    },
    'flags:killByTag': async (req) => {
      const [type, value] = [req.tag.slice(0, req.tag.indexOf(':')), req.tag.slice(req.tag.indexOf(':') + 1)];
      const targets = flags.filter(
        (f) => f.tags.some((t) => t.type === type && t.value === value) && stateOf(f.name, req.environment)?.enabled,
      );
      const results = [];
      for (const flag of targets) {
        const done = await setEnabled({ flag: flag.name, environment: req.environment, enabled: false });
        results.push(
          done.ok
            ? { flag: flag.name, ok: true, message: null, confirmedAt: done.value.confirmedAt }
            : { flag: flag.name, ok: false, message: done.error.message, confirmedAt: null },
        );
      }
      return ok({ results });
    },
    'flags:keepTrying': keepTrying,
    'flags:cancelRetry': (req) => {
      const retry = retryOf(req.flag, req.environment);
      if (retry?.state !== 'trying') return ok({ cancelled: false });
      Object.assign(retry, { state: 'cancelled', nextAttemptAt: null, endedAt: Date.now() });
      return ok({ cancelled: true });
    },
    'flags:debt': () => ok({ rows: structuredClone(fixtures.debtRows), computedAt: fixtures.NOW }),
  };
  return { handlers, advanceRetry };
}
