import type { Clock } from '../../core/ports';
import type { Workspace } from '../../core/workspace';
import { DemoFlagProvider } from './flags';
import { demoHistory } from './history';
import { DemoMetricsProvider } from './metrics';
import { demoReleases, releaseDefinition } from './releases';
import { withRingDemo } from './ringDemo';
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
  const createdAt = clock.now();
  const releases = demoReleases(createdAt);
  const fleet: Workspace = {
    id: 'demo',
    name: 'Demo fleet',
    kind: 'demo',
    flags: new DemoFlagProvider({ seed, now: createdAt, clock }),
    deploy: new DemoDeployProvider({ clock, createdAt }),
    metrics: new DemoMetricsProvider({ seed, clock, releases }),
    releases: releases.map(releaseDefinition),
    seedHistory: () => demoHistory(seed, createdAt),
  };
  return withRingDemo(fleet, { seed, clock, createdAt, speed });
}
