import type { Handlers } from '../handlers';
import type { Policy } from '../policy/actionPolicy';
import type { GateInstaller } from './installGate';
import type { RingService } from './ringService';
import type { RolloutActions } from './rolloutActions';
import type { WindowsService } from './windowsService';

type RingChannels = Extract<keyof Handlers, `plans:${string}` | `windows:${string}` | 'rollouts:promote' | 'rollouts:abort' | 'rollouts:retry' | 'rollouts:pause'>;

/** The release-plan, release-window and rollout-action channels of one workspace session. */
export function ringHandlers(
  rings: RingService,
  rollouts: RolloutActions,
  windows: WindowsService,
  actor: string,
  gates: GateInstaller,
  policy?: Policy,
): Pick<Handlers, RingChannels> {
  const person = (reason?: string) => ({ actor, source: 'console' as const, reason });
  return {
    'plans:list': async () => rings.list(),
    'plans:create': (req) => rings.create(req.releaseId),
    'plans:update': ({ planId, ...patch }) => rings.update(planId, patch),
    'plans:advance': (req) => rings.advance(req.planId, req.blackoutOverride),
    'plans:halt': (req) => rings.halt(req.planId, req.reason),
    'plans:rollback': (req) => rings.rollback(req.planId, req.reason),
    'plans:reset': (req) => rings.reset(req.planId, req.reason),
    'plans:exportGate': async (req) => rings.exportGate(req.planId, { address: req.address, intervalSeconds: req.intervalSeconds ?? 60 }),
    'plans:installGate': ({ intervalSeconds, ...req }) => gates.install({ ...req, intervalSeconds: intervalSeconds ?? 60, actor }),
    'windows:get': async () => windows.get(),
    'windows:set': async (req) => {
      policy?.requireAllowed('windows.edit', 'deploy', actor);
      return windows.set(req);
    },
    'rollouts:promote': ({ namespace, name, full, reason, blackoutOverride }) =>
      rollouts.act(full ? 'promoteFull' : 'promote', { namespace, name }, { ...person(reason), blackoutOverride }),
    'rollouts:abort': ({ namespace, name, reason }) => rollouts.act('abort', { namespace, name }, person(reason)),
    'rollouts:retry': ({ namespace, name, reason }) => rollouts.act('retry', { namespace, name }, person(reason)),
    'rollouts:pause': ({ namespace, name, reason }) => rollouts.act('pause', { namespace, name }, person(reason)),
  };
}
