import type { AuditEvent } from '../../../src-shared/domain/audit';
import { currentApi } from './bridge';
import { settle } from './loadInto';
import type { AuditState } from './slices/auditSlice';
import { useRingside } from './useRingside';

export const AUDIT_PAGE = 50;

const patchAudit = (patch: Partial<AuditState> | ((audit: AuditState) => Partial<AuditState>)) =>
  useRingside.setState((state) => ({
    audit: { ...state.audit, ...(typeof patch === 'function' ? patch(state.audit) : patch) },
  }));

/** The newest page, merged on top of what is shown so pages loaded with "Load more" stay. */
export async function loadAudit(): Promise<void> {
  const api = currentApi();
  if (!api) return;
  patchAudit({ loading: true });
  const result = await settle(() => api.audit.page({ limit: AUDIT_PAGE }));
  if (!result.ok) return patchAudit({ loading: false, error: result.error });
  const page = result.value;
  patchAudit((audit) => {
    const newestKnown = audit.events[0]?.id;
    const fresh = newestKnown === undefined ? page.events : page.events.filter((e) => e.id > newestKnown);
    // A whole page of new events may hide a gap behind it: start over from this page.
    if (!audit.loaded || fresh.length >= AUDIT_PAGE) {
      return { events: page.events, nextBeforeId: page.nextBeforeId, loaded: true, loading: false, error: null };
    }
    return { events: [...fresh, ...audit.events], loaded: true, loading: false, error: null };
  });
}

/** The next older page, appended. */
export async function loadMoreAudit(): Promise<void> {
  const api = currentApi();
  const { nextBeforeId, loading } = useRingside.getState().audit;
  if (!api || nextBeforeId === null || loading) return;
  patchAudit({ loading: true });
  const result = await settle(() => api.audit.page({ limit: AUDIT_PAGE, beforeId: nextBeforeId }));
  if (!result.ok) return patchAudit({ loading: false, error: result.error });
  patchAudit((audit) => ({
    events: appendUnique(audit.events, result.value.events),
    nextBeforeId: result.value.nextBeforeId,
    loading: false,
    error: null,
  }));
}

function appendUnique(shown: AuditEvent[], older: AuditEvent[]): AuditEvent[] {
  const seen = new Set(shown.map((e) => e.id));
  return [...shown, ...older.filter((e) => !seen.has(e.id))];
}
