import type { CanaryWeights, RolloutRevision, RolloutStrategy } from '../../../src-shared/domain/rollout';
import type { KubeReplicaSet, KubeRollout } from './kubeSchemas';

/**
 * What `kubectl argo rollouts get rollout` shows beside the phase (pkg/kubectl-argo-rollouts/info):
 * strategy, set and actual weight, revisions with their ReplicaSets. Ringside's own reading of it.
 */

const HASH_LABEL = 'rollouts-pod-template-hash';
const REVISION = 'rollout.argoproj.io/revision';
/** keys of trafficRouting that configure it rather than name a router */
const NOT_ROUTERS = new Set(['maxTrafficWeight', 'managedRoutes']);

export function strategyOf(object: KubeRollout): RolloutStrategy {
  const { canary, blueGreen } = object.spec.strategy ?? {};
  const none = { trafficRouter: null, primaryService: null, secondaryService: null, activeSelector: null, previewSelector: null, autoPromotion: null };
  if (canary) {
    return { ...none, kind: 'canary', trafficRouter: routerOf(canary.trafficRouting), primaryService: canary.canaryService || null, secondaryService: canary.stableService || null };
  }
  if (blueGreen) {
    const status = object.status?.blueGreen;
    return {
      ...none,
      kind: 'blueGreen',
      primaryService: blueGreen.activeService || null,
      secondaryService: blueGreen.previewService || null,
      activeSelector: status?.activeSelector || null,
      previewSelector: status?.previewSelector || null,
      autoPromotion: blueGreen.autoPromotionEnabled ?? true,
    };
  }
  return { ...none, kind: 'unknown' };
}

function routerOf(routing: Record<string, unknown> | null | undefined): string | null {
  if (!routing) return null;
  for (const [key, value] of Object.entries(routing)) {
    if (NOT_ROUTERS.has(key) || value === null || value === undefined) continue;
    if (key === 'plugins' && typeof value === 'object') return Object.keys(value).join(', ') || 'plugins';
    return key;
  }
  return 'trafficRouting';
}

/** trafficRouting.maxTrafficWeight, else 100 (weightutil.MaxTrafficWeight) */
export const maxTrafficWeight = (object: KubeRollout): number => object.spec.strategy?.canary?.trafficRouting?.maxTrafficWeight ?? 100;

/** GetCurrentCanaryStep: the index of the step in force, null when there is none (no steps, or past the last). */
function currentStep(object: KubeRollout): number | null {
  const steps = object.spec.strategy?.canary?.steps ?? [];
  const index = object.status?.currentStepIndex ?? 0;
  return steps.length === 0 || index >= steps.length ? null : index;
}

/** GetCurrentSetWeight: 0 when aborted, the maximum without a current step, else the last setWeight at or before it. */
export function setWeight(object: KubeRollout): number {
  if (object.status?.abort) return 0;
  const index = currentStep(object);
  if (index === null) return maxTrafficWeight(object);
  const steps = object.spec.strategy!.canary!.steps!;
  for (let i = index; i >= 0; i--) {
    const weight = steps[i]!.setWeight;
    if (weight !== undefined) return weight;
  }
  return 0;
}

/**
 * The plugin's actual weight: the maximum without a current step; 0 with nothing available;
 * behind a traffic router the weight it reports (status.canary.weights), else the set weight;
 * a basic canary the canary ReplicaSet's share of the available pods.
 */
export function canaryWeights(object: KubeRollout, replicaSets: KubeReplicaSet[] | null): CanaryWeights | null {
  const canary = object.spec.strategy?.canary;
  if (!canary) return null;
  const max = maxTrafficWeight(object);
  const set = setWeight(object);
  const status = object.status ?? {};
  const available = status.availableReplicas ?? 0;
  let actual: number | null = 0;
  if (currentStep(object) === null) actual = max;
  else if (available > 0 && canary.trafficRouting) actual = status.canary?.weights?.canary.weight ?? set;
  else if (available > 0) {
    if (replicaSets === null) actual = null;
    else {
      const rs = ownedBy(object, replicaSets).find((r) => rolesOf(object, hashOf(r)).includes('canary'));
      if (rs) actual = Math.trunc(((rs.status?.availableReplicas ?? 0) * 100) / available);
    }
  }
  return { set, actual, max };
}

const hashOf = (rs: KubeReplicaSet): string | null => rs.metadata.labels?.[HASH_LABEL] ?? null;

function ownedBy(object: KubeRollout, replicaSets: KubeReplicaSet[]): KubeReplicaSet[] {
  const uid = object.metadata.uid;
  return replicaSets.filter((rs) => uid !== undefined && (rs.metadata.ownerReferences ?? []).some((o) => o.uid === uid));
}

type Role = RolloutRevision['replicaSets'][number]['roles'][number];

/** replicaset_info.go: stable, else canary, for a canary; stable and active, else preview, for blue-green */
function rolesOf(object: KubeRollout, hash: string | null): Role[] {
  if (hash === null) return [];
  const status = object.status ?? {};
  const { canary, blueGreen } = object.spec.strategy ?? {};
  const roles: Role[] = [];
  if (canary) {
    if (status.stableRS === hash) roles.push('stable');
    else if (status.currentPodHash === hash) roles.push('canary');
  }
  if (blueGreen) {
    if (status.stableRS === hash) roles.push('stable');
    if (status.blueGreen?.activeSelector === hash) roles.push('active');
    else if (status.blueGreen?.previewSelector === hash) roles.push('preview');
  }
  return roles;
}

/** The rollout's own ReplicaSets by revision, newest first (Revisions / ReplicaSetsByRevision). */
export function revisionsOf(object: KubeRollout, replicaSets: KubeReplicaSet[] | null): RolloutRevision[] | null {
  if (replicaSets === null) return null;
  const byRevision = new Map<number, RolloutRevision['replicaSets']>();
  const owned = ownedBy(object, replicaSets).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const rs of owned) {
    const revision = Number.parseInt(rs.metadata.annotations?.[REVISION] ?? '', 10);
    const key = Number.isNaN(revision) ? 0 : revision;
    const list = byRevision.get(key) ?? [];
    list.push({
      name: rs.metadata.name,
      podTemplateHash: hashOf(rs),
      roles: rolesOf(object, hashOf(rs)),
      images: (rs.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.image ? [c.image] : [])),
      replicas: rs.status?.replicas ?? 0,
      available: rs.status?.availableReplicas ?? 0,
    });
    byRevision.set(key, list);
  }
  return [...byRevision.entries()].sort(([a], [b]) => b - a).map(([revision, sets]) => ({ revision, replicaSets: sets }));
}

export const imagesOf = (object: KubeRollout): string[] =>
  (object.spec.template?.spec?.containers ?? []).flatMap((c) => (c.image ? [c.image] : []));
