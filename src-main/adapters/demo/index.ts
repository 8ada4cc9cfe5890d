import type { Clock } from '../../core/ports';
import type { StoredWorkspaceState, Workspace } from '../../core/workspace';
import { DemoFlagProvider } from './flags';
import { demoHistory } from './history';
import { DemoMetricsProvider } from './metrics';
import { demoReleases, releaseDefinition } from './releases';
import { RING_DEMO_PLAN_ID, withRingDemo } from './ringDemo';
import { DemoDeployProvider } from './rollouts';

export { DemoFlagProvider } from './flags';
export { DemoDeployProvider } from './rollouts';
export { DemoMetricsProvider } from './metrics';
export { demoHistory } from './history';
export { metricQuery, DEMO_METRICS } from './releases';

export interface DemoWorkspaceOptions {
  /** Same seed and same clock give the same fleet, series and history. */
  seed?: number;
  clock: Clock;
  /** how much faster than real time the ring demo's release plan plays (1: real time) */
  speed?: number;
}

/** The embedded demo: simulated flags, rollouts and metrics behind the real ports, no servers. */
export function createDemoWorkspace({ seed = 42, clock, speed = 1 }: DemoWorkspaceOptions): Workspace {
  // Everything relative (flag ages, release starts, history) hangs off the moment of creation.
  return build({ seed, clock, speed }, clock.now(), null);
}

/** The cells whose latest recorded change turned them off: the demo keeps them off whatever else it restores. */
const offCells = (changes: StoredWorkspaceState['latestChanges']) =>
  changes.filter((c) => c.action === 'flag.disabled').map(({ flag, environment }) => ({ flag, environment }));

function build(options: Required<DemoWorkspaceOptions>, createdAt: number, stored: StoredWorkspaceState | null): Workspace {
  const { seed, clock, speed } = options;
  const releases = demoReleases(createdAt);
  const flags = new DemoFlagProvider({ seed, now: createdAt, clock });
  if (stored) flags.restore({ flags: stored.flags, off: offCells(stored.latestChanges), eventCursor: stored.flagEventCursor });
  const fleet: Workspace = {
    id: 'demo',
    name: 'Demo fleet',
    kind: 'demo',
    flags,
    deploy: new DemoDeployProvider({ clock, createdAt }),
    metrics: new DemoMetricsProvider({ seed, clock, releases }),
    releases: releases.map(releaseDefinition),
    seedHistory: () => demoHistory(seed, createdAt),
  };
  const plan = stored?.plans.find((p) => p.plan.id === RING_DEMO_PLAN_ID) ?? null;
  const workspace = withRingDemo(fleet, { seed, clock, createdAt, speed, resume: plan && { run: plan.run } });
  const self: Workspace = {
    ...workspace,
    // The demo's own plan was stored by an earlier run on this data folder: go on from that run's
    // moment (its plan's creation), its flags and its release, instead of playing the story again.
    resume: stored
      ? undefined
      : (state) => {
          const earlier = state.plans.find((p) => p.plan.id === RING_DEMO_PLAN_ID);
          return earlier ? build(options, earlier.plan.createdAt, state) : self;
        },
  };
  return self;
}
