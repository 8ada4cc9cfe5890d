import type { Flag } from '../../../src-shared/domain/flag';
import type { FlagChange } from '../../../src-shared/domain/flagDebt';
import { fail, ok } from '../../../src-shared/ipc/result';
import type { HandlerMap } from './fakeBridge';
import * as fixtures from './fixtures';

type FlagChannel = 'flags:list' | 'flags:setEnabled' | 'flags:setRollout' | 'flags:killByTag' | 'flags:debt';

/** Who the fake server says made a change from the console. */
export const FAKE_ACTOR = 'you@console';

/**
 * An in-memory flag server over a copy of the fixtures: a change is read back by the next
 * flags:list, as the real one would, so a test sees exactly what the server would confirm.
 */
export function fakeFlagHandlers(): Pick<HandlerMap, FlagChannel> {
  const flags: Flag[] = structuredClone(fixtures.flags);
  let changes: FlagChange[] = structuredClone(fixtures.changes);

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

  return {
    'flags:list': () => ok(fixtures.flagsListing({ flags: structuredClone(flags), changes: structuredClone(changes) })),
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
    'flags:debt': () => ok({ rows: structuredClone(fixtures.debtRows), computedAt: fixtures.NOW }),
  };
}
