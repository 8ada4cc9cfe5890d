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

export function fakeWorkspace() {
  const state = { down: false, enabled: true };
  const workspace: Workspace = {
    id: 'fake',
    name: 'Fake',
    kind: 'live',
    flags: {
      provider: 'fake',
      async listFlags() {
        if (state.down) throw new RingsideError('unavailable', 'The flag server at 127.0.0.1:9 is not answering.');
        return { flags: [flag('checkout.kill', state.enabled)], environments: [{ name: 'production', type: 'production' }] };
      },
    },
    deploy: null,
    metrics: null,
    releases: [],
  };
  return { workspace, state };
}

