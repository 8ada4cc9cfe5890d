import { currentApi } from './bridge';
import { loadInto } from './loadInto';
import { useRingside } from './useRingside';

/** How much history the canary charts show, and how finely. */
export const CANARY_WINDOW_MS = 2 * 60 * 60 * 1000;
const CANARY_MAX_POINTS = 240;

export const loadAppInfo = () => loadInto('info', (api) => api.app.info({}));
export const loadWorkspace = () => loadInto('workspace', (api) => api.workspace.current({}));
export const loadFlags = () => loadInto('flags', (api) => api.flags.list({}));
export const loadDebt = () => loadInto('debt', (api) => api.flags.debt({}));
export const loadRollouts = () => loadInto('rollouts', (api) => api.rollouts.list({}));
export const loadWorkspaces = () => loadInto('workspaces', (api) => api.workspaces.list({}));
export const loadIdentity = () => loadInto('identity', (api) => api.workspace.identity({}));
/** refresh: ask the servers again what the credentials may do, instead of the core's last answer */
export const loadPolicy = (refresh = false) => loadInto('policy', (api) => api.policy.get(refresh ? { refresh } : {}));
export const loadPendingChanges = () => loadInto('pendingChanges', (api) => api.changes.list({}));
export const loadReviews = () =>
  loadInto('reviews', (api) =>
    api.reviews.list(useRingside.getState().reviewsIncludeAcknowledged ? { includeAcknowledged: true } : {}),
  );

/** Releases, keeping the selection when it still exists and otherwise picking the first. */
export async function loadReleases(): Promise<void> {
  await loadInto('releases', (api) => api.canary.releases({}));
  const { releases, selectedReleaseId, selectRelease } = useRingside.getState();
  const list = releases.data?.releases ?? [];
  const first = list[0];
  if (first && !list.some((r) => r.id === selectedReleaseId)) selectRelease(first.id);
}

/** The charts' window: the last two hours, or two hours centred on the moment opened from the audit. */
export function canaryWindow(now = Date.now()): { from: number; to: number } {
  const at = useRingside.getState().canaryAt;
  const to = Math.floor(at === null ? now : Math.min(now, at + CANARY_WINDOW_MS / 2));
  return { from: Math.max(0, to - CANARY_WINDOW_MS), to };
}

/** Canary and baseline series of the selected release over the charts' window. */
export async function loadCanarySeries(now = Date.now()): Promise<void> {
  const releaseId = useRingside.getState().selectedReleaseId;
  if (!releaseId || !currentApi()) return;
  const { from, to } = canaryWindow(now);
  await loadInto('series', async (api) => {
    const result = await api.canary.series({ releaseId, from, to, maxPoints: CANARY_MAX_POINTS });
    return result.ok ? { ok: true, value: { releaseId, from, to, series: result.value.series } } : result;
  });
}
