import { currentApi } from './bridge';
import { loadInto, settle } from './loadInto';
import { emptyAudit, type AuditFilter, type AuditState } from './slices/auditSlice';
import { useRingside } from './useRingside';

/** Rows per page fetched; the list asks for the pages under its visible rows. */
export const AUDIT_PAGE = 100;
/** Pages kept in memory at once; a million-row list keeps only those around where the user looks. */
export const MAX_AUDIT_PAGES = 30;

const audit = () => useRingside.getState().audit;
const patchAudit = (patch: Partial<AuditState> | ((state: AuditState) => Partial<AuditState>)) =>
  useRingside.setState((state) => ({ audit: { ...state.audit, ...(typeof patch === 'function' ? patch(state.audit) : patch) } }));

/** Drop the pages farthest from the one just loaded once more than MAX_AUDIT_PAGES are held. */
function keepNear(pages: AuditState['pages'], around: number): AuditState['pages'] {
  const numbers = Object.keys(pages).map(Number);
  if (numbers.length <= MAX_AUDIT_PAGES) return pages;
  const kept = numbers.sort((a, b) => Math.abs(a - around) - Math.abs(b - around)).slice(0, MAX_AUDIT_PAGES);
  return Object.fromEntries(kept.map((n) => [n, pages[n]!]));
}

/**
 * Count the filter's events and anchor the list at the newest id, so pages stay where they are
 * while new events arrive; then the first page.
 */
export async function reloadAuditList(): Promise<void> {
  const api = currentApi();
  if (!api) return;
  const generation = audit().generation + 1;
  const filter = audit().filter;
  patchAudit({ ...emptyAudit(filter, generation), selected: audit().selected, loading: true });
  const counted = await settle(() => api.audit.count(filter));
  if (audit().generation !== generation) return;
  if (!counted.ok) return patchAudit({ loading: false, error: counted.error });
  patchAudit({ total: counted.value.count, anchorId: counted.value.maxId, loaded: true, loading: false, error: null });
  await loadAuditPage(0);
}

/** One page of the list: after the previous page's last row when that is loaded, else by offset (a jump). */
export async function loadAuditPage(page: number): Promise<void> {
  const api = currentApi();
  const state = audit();
  if (!api || state.total === null || page < 0 || page * AUDIT_PAGE >= state.total) return;
  if (state.pages[page] || state.loadingPages.includes(page)) return;
  const { generation, anchorId, filter } = state;
  const previous = state.pages[page - 1];
  const last = previous?.length === AUDIT_PAGE ? previous[AUDIT_PAGE - 1] : undefined;
  const request = {
    ...filter,
    limit: AUDIT_PAGE,
    ...(anchorId !== null ? { beforeId: anchorId + 1 } : {}),
    ...(page === 0 ? {} : last ? { before: { time: last.time, id: last.id } } : { offset: page * AUDIT_PAGE }),
  };
  patchAudit((s) => ({ loadingPages: [...s.loadingPages, page] }));
  const result = await settle(() => api.audit.search(request));
  if (audit().generation !== generation) return;
  patchAudit((s) => {
    const loadingPages = s.loadingPages.filter((p) => p !== page);
    if (!result.ok) return { loadingPages, error: result.error };
    return { loadingPages, error: null, pages: keepNear({ ...s.pages, [page]: result.value.events }, page) };
  });
}

/** Make sure the pages under rows [first, last] are loaded (the list calls this as it scrolls). */
export async function ensureAuditRows(first: number, last: number): Promise<void> {
  const pages = [];
  for (let p = Math.floor(first / AUDIT_PAGE); p <= Math.floor(last / AUDIT_PAGE); p += 1) pages.push(p);
  // In order: a page whose predecessor arrives first is then read by cursor, not by offset.
  for (const page of pages) await loadAuditPage(page);
}

/** A new filter: a new list from the top. */
export async function setAuditFilter(filter: AuditFilter): Promise<void> {
  patchAudit({ filter, selected: null });
  await reloadAuditList();
}

/**
 * Something changed in the audit (pushed by main), or the console reloads: count what arrived since
 * the list was anchored rather than move the rows under the reader's eyes; an empty or unloaded list
 * simply reloads, and a list never shown stays unread until the Audit view asks for it.
 */
export async function loadAudit(): Promise<void> {
  const api = currentApi();
  if (!api) return;
  // The sources' state is read once the Audit view has shown it.
  if (useRingside.getState().auditStatus.data) void loadAuditStatus();
  const state = audit();
  // Not read yet (generation 0): the Audit view reads the list when first shown, not the first paint.
  if (state.generation === 0) return;
  if (!state.loaded || state.anchorId === null || state.total === 0) return reloadAuditList();
  const generation = state.generation;
  const counted = await settle(() => api.audit.count({ ...state.filter, afterId: state.anchorId! }));
  if (audit().generation !== generation || !counted.ok) return;
  patchAudit({ newer: counted.value.count });
}

export function selectAuditEvent(id: number | null): void {
  if (id === null) return patchAudit({ selected: null });
  const found = Object.values(audit().pages)
    .flat()
    .find((e) => e.id === id);
  if (found) patchAudit({ selected: found });
}

export const loadAuditStatus = () => loadInto('auditStatus', (api) => api.audit.status({}));
export const loadDora = (weeks: number, failureWindowHours: number) => loadInto('dora', (api) => api.audit.dora({ weeks, failureWindowHours }));

/** Stop the flag server's first sync (the pages synced so far stay) and pause it. */
export async function cancelAuditSync(): Promise<void> {
  await currentApi()?.audit.cancelSync({});
  await loadAuditStatus();
}

/** Lift the pause and sync now. */
export async function resumeAuditSync(): Promise<void> {
  const api = currentApi();
  if (!api) return;
  const sync = api.audit.sync({ resume: true });
  await loadAuditStatus();
  await sync;
  await loadAuditStatus();
}

/** Export the current filter; main streams it into the data folder's exports/. */
export async function exportAudit(format: 'csv' | 'jsonl'): Promise<void> {
  const api = currentApi();
  if (!api) return;
  useRingside.setState((s) => ({ auditExport: { ...s.auditExport, running: true, error: null } }));
  const result = await settle(() => api.audit.export({ ...audit().filter, format }));
  useRingside.setState({
    auditExport: result.ok ? { running: false, last: result.value, error: null } : { running: false, last: null, error: result.error },
  });
}
