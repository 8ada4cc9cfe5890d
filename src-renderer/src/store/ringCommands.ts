import type { RequestOf, ResponseOf } from '../../../src-shared/ipc/contract';
import { fail, type Result } from '../../../src-shared/ipc/result';
import { currentApi } from './bridge';
import { settle } from './loadInto';
import { loadAudit } from './auditLoaders';
import { loadFlags, loadRollouts } from './loaders';
import { loadRings } from './ringLoaders';

const disconnected = () => fail('unavailable', 'The Ringside core is not connected; nothing was changed.');

/** Send one ring command and re-read what it may have changed; the answer is the Result as main gave it. */
async function command<T>(call: (api: NonNullable<ReturnType<typeof currentApi>>) => Promise<Result<T>>, touches: 'plans' | 'all'): Promise<Result<T>> {
  const api = currentApi();
  if (!api) return disconnected();
  const result = await settle(() => call(api));
  await Promise.all([loadRings(), ...(touches === 'all' ? [loadFlags(), loadRollouts(), loadAudit()] : [])]);
  return result;
}

export const createPlan = (releaseId: string) => command((api) => api.plans.create({ releaseId }), 'plans');
export const updatePlan = (request: RequestOf<'plans:update'>) => command((api) => api.plans.update(request), 'plans');
export const advancePlan = (planId: string, blackoutOverride?: string) =>
  command((api) => api.plans.advance(blackoutOverride ? { planId, blackoutOverride } : { planId }), 'all');
export const haltPlan = (planId: string) => command((api) => api.plans.halt({ planId }), 'all');
export const rollbackPlan = (planId: string) => command((api) => api.plans.rollback({ planId }), 'all');
export const resetPlan = (planId: string, reason: string) => command((api) => api.plans.reset({ planId, reason }), 'plans');
/** Promote a paused rollout past its pause; a release, so it carries the person's reason. */
export const promoteRollout = (rollout: { namespace: string; name: string }, reason: string) =>
  command((api) => api.rollouts.promote({ namespace: rollout.namespace, name: rollout.name, reason }), 'all');
export const saveWindows = (windows: RequestOf<'windows:set'>) => command((api) => api.windows.set(windows), 'plans');

export async function exportGate(request: RequestOf<'plans:exportGate'>): Promise<Result<ResponseOf<'plans:exportGate'>>> {
  const api = currentApi();
  if (!api) return disconnected();
  return settle(() => api.plans.exportGate(request));
}
