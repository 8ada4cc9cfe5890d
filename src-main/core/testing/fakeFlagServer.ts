import type { Flag, FlagServerEvent } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { FlagProvider } from '../ports';

/** An in-memory flag server for the core's unit tests, with switches for the faults they need. */
export function fakeFlagServer(initial: Flag[], now: () => number = () => 0, options: { incremental?: boolean } = {}) {
  const flags = new Map(initial.map((f) => [f.name, structuredClone(f)]));
  const events: FlagServerEvent[] = [];
  const faults = {
    down: false,
    ignoreWrites: false,
    failFlag: null as string | null,
    /** thrown by every call while set (a 429 with Retry-After, a timeout, …) */
    error: null as RingsideError | null,
    /** every call waits for this before answering (a slow server) */
    gate: null as Promise<void> | null,
  };
  /** calls per method, to count what a poll costs */
  const calls: Record<string, number> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  const enter = async (method: string) => {
    calls[method] = (calls[method] ?? 0) + 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (faults.gate) await faults.gate;
      if (faults.error) throw faults.error;
    } finally {
      inFlight -= 1;
    }
  };
  /** every write that changed something, in order: "checkout.pricing production on", "… strategy s2 disabled" */
  const writes: string[] = [];
  const reachable = () => {
    if (faults.down) throw new RingsideError('unavailable', 'The flag server at 127.0.0.1:9 is not answering.');
  };
  const env = (name: string, environment: string) => {
    const state = flags.get(name)?.environments.find((e) => e.environment === environment);
    if (!state) throw new RingsideError('not_found', `No flag ${name} in ${environment}`);
    return state;
  };
  const provider: FlagProvider = {
    provider: 'fake',
    async listFlags() {
      await enter('listFlags');
      reachable();
      return structuredClone({ flags: [...flags.values()], environments: [{ name: 'development', type: 'development' }, { name: 'production', type: 'production' }] });
    },
    async readState(name, environment) {
      await enter('readState');
      reachable();
      return structuredClone(env(name, environment));
    },
    async setEnabled(name, environment, enabled) {
      await enter('setEnabled');
      reachable();
      if (faults.failFlag === name) throw new RingsideError('unavailable', `Unleash answered 500 for ${name}`);
      if (faults.ignoreWrites) return;
      const state = env(name, environment);
      // As Unleash 7.5 does: turning on with every strategy disabled adds a default strategy for everyone.
      if (enabled && state.strategies.every((s) => s.disabled)) {
        state.strategies.push({ id: `default-${state.strategies.length + 1}`, name: 'flexibleRollout', rollout: 100, constraintCount: 0, disabled: false });
      }
      state.enabled = enabled;
      writes.push(`${name} ${environment} ${enabled ? 'on' : 'off'}`);
      events.push({ id: events.length + 1, type: enabled ? 'feature-environment-enabled' : 'feature-environment-disabled', createdBy: 'ci', createdAt: now(), flag: name, environment, data: null, preData: null });
    },
    async setRollout(name, environment, strategyId, rollout) {
      reachable();
      const strategy = env(name, environment).strategies.find((s) => s.id === strategyId);
      if (!strategy) throw new RingsideError('not_found', `No strategy ${strategyId}`);
      strategy.rollout = rollout;
    },
    async setStrategyEnabled(name, environment, strategyId, enabled) {
      reachable();
      if (faults.failFlag === name) throw new RingsideError('unavailable', `Unleash answered 500 for ${name}`);
      const state = env(name, environment);
      const strategy = state.strategies.find((s) => s.id === strategyId);
      if (!strategy) throw new RingsideError('not_found', `No strategy ${strategyId}`);
      if (faults.ignoreWrites) return;
      strategy.disabled = !enabled;
      writes.push(`${name} ${environment} strategy ${strategyId} ${enabled ? 'enabled' : 'disabled'}`);
      // As Unleash 7.5 does: an environment whose strategies are all disabled is turned off.
      if (state.strategies.every((s) => s.disabled)) state.enabled = false;
    },
    featureTypes: async () => [
      { id: 'release', name: 'Release', lifetimeDays: 40 },
      { id: 'kill-switch', name: 'Kill switch', lifetimeDays: null },
    ],
    async eventsSince(cursor) {
      await enter('eventsSince');
      reachable();
      return structuredClone(events.filter((e) => cursor === null || e.id > cursor));
    },
  };
  /** Someone else changes a flag on the server. */
  const changeByOther = (actor: string, name: string, environment: string, enabled: boolean) => {
    env(name, environment).enabled = enabled;
    events.push({ id: events.length + 1, type: enabled ? 'feature-environment-enabled' : 'feature-environment-disabled', createdBy: actor, createdAt: now(), flag: name, environment, data: null, preData: null });
  };
  if (options.incremental) {
    provider.listSummaries = async () => {
      await enter('listSummaries');
      reachable();
      const all = [...flags.values()].map((f) => ({
        ...structuredClone(f),
        environments: f.environments.map((e) => ({
          environment: e.environment,
          enabled: e.enabled,
          hasStrategies: e.strategies.length > 0,
          hasEnabledStrategies: e.strategies.some((st) => !st.disabled),
        })),
      }));
      return { flags: all, environments: [{ name: 'development', type: 'development' }, { name: 'production', type: 'production' }] };
    };
    provider.readFlags = async (names) => {
      await enter('readFlags');
      reachable();
      return {
        flags: names.filter((n) => flags.has(n)).map((n) => structuredClone(flags.get(n)!)),
        missing: names.filter((n) => !flags.has(n)),
      };
    };
  }
  return {
    provider,
    faults,
    changeByOther,
    flags,
    writes,
    calls,
    events,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

export const testFlag = (name: string, overrides: Partial<Flag> = {}): Flag => ({
  name,
  project: 'default',
  type: 'release',
  description: '',
  createdBy: 'ana',
  createdAt: 0,
  tags: [],
  lifecycleStage: null,
  environments: [
    { environment: 'development', enabled: true, strategies: [] },
    { environment: 'production', enabled: true, strategies: [{ id: 's1', name: 'flexibleRollout', rollout: 25, constraintCount: 0, disabled: false }] },
  ],
  ...overrides,
});
