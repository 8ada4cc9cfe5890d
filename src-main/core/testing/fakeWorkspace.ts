import type { Flag } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { Clock } from '../ports';
import type { Workspace } from '../workspace';

/** Test doubles for the core's own tests; real providers are tested against real servers. */
export function fakeClock(start = 1_800_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, every: () => () => {}, advance: (ms) => void (now += ms) };
}

const flag = (name: string, enabled: boolean): Flag => ({
  name,
  project: 'default',
  type: 'kill-switch',
  description: '',
  createdBy: 'ana',
  createdAt: 0,
  tags: [],
  lifecycleStage: null,
  environments: [{ environment: 'production', enabled, strategies: [] }],
});

/** One kill-switch flag in one production environment, with a switch to take the "server" down. */
export function fakeWorkspace() {
  const state = { down: false, enabled: true };
  const reachable = () => {
    if (state.down) throw new RingsideError('unavailable', 'The flag server at 127.0.0.1:9 is not answering.');
  };
  const workspace: Workspace = {
    id: 'fake',
    name: 'Fake',
    kind: 'live',
    flags: {
      provider: 'fake',
      async listFlags() {
        reachable();
        return { flags: [flag('checkout.kill', state.enabled)], environments: [{ name: 'production', type: 'production' }] };
      },
      async readState(name) {
        reachable();
        const env = flag(name, state.enabled).environments[0]!;
        return env;
      },
      async setEnabled(_name, _env, enabled) {
        reachable();
        state.enabled = enabled;
      },
      async setRollout() {
        throw new RingsideError('not_found', 'The fake flag has no gradual rollout.');
      },
      async setStrategyEnabled() {
        throw new RingsideError('not_found', 'The fake flag has no strategies.');
      },
      featureTypes: async () => [],
      eventsSince: async () => [],
    },
    deploy: null,
    metrics: null,
    releases: [],
  };
  return { workspace, state };
}

