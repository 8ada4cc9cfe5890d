import type { BackendKind, BackendState, BackendStatus } from '../../src-shared/domain/backend';
import { RingsideError, type ErrorCode } from '../../src-shared/ipc/result';
import type { Clock } from './ports';
import { maskSecrets } from './security/secretMask';
import type { SyncStateQueries } from './store/syncState';
import type { Workspace } from './workspace';

const kinds: BackendKind[] = ['flags', 'deploy', 'metrics'];

/**
 * Tracks each backend's reachability. Success times persist in SQLite so a restarted, offline
 * console still knows how old its cache is.
 */
export function createBackendTracker(
  workspace: Workspace,
  sync: SyncStateQueries,
  clock: Clock,
  onChange: () => void = () => {},
) {
  const live = new Map<
    BackendKind,
    { state: BackendState; message: string | null; code: ErrorCode | null; failures: number; retryAfterMs: number | null; retryAt: number | null }
  >();

  const providerOf = (kind: BackendKind) =>
    kind === 'flags' ? workspace.flags : kind === 'deploy' ? workspace.deploy : workspace.metrics;

  function status(kind: BackendKind): BackendStatus {
    const provider = providerOf(kind);
    const stored = sync.get(workspace.id, kind);
    const current = live.get(kind);
    const state: BackendState = !provider ? 'unconfigured' : (current?.state ?? (stored.lastError ? 'offline' : 'online'));
    return {
      kind,
      provider: provider?.provider ?? 'none',
      state,
      configured: Boolean(provider),
      lastSyncAt: stored.lastSyncAt,
      // Masked on the way out too: a row written by an older Ringside may still hold a secret.
      message: current?.message ?? (provider ? stored.lastError === null ? null : maskSecrets(stored.lastError) : `No ${kind} backend is configured for this workspace.`),
      errorCode: current?.code ?? null,
      retryAt: current?.retryAt ?? null,
    };
  }

  /** Run one read against a backend, recording success or the reason it failed. */
  async function track<T>(kind: BackendKind, read: () => Promise<T>): Promise<T> {
    const before = live.get(kind)?.state;
    try {
      const value = await read();
      sync.recordSuccess(workspace.id, kind, clock.now());
      live.set(kind, { state: 'online', message: null, code: null, failures: 0, retryAfterMs: null, retryAt: null });
      return value;
    } catch (error) {
      // Stored in backend_sync.last_error and shown as BackendStatus.message: never with a secret in it.
      const message = maskSecrets(error instanceof Error ? error.message : String(error));
      const code = error instanceof RingsideError ? error.code : 'internal';
      const unreachable = ['unavailable', 'timeout', 'offline'].includes(code);
      sync.recordFailure(workspace.id, kind, message);
      const failures = (live.get(kind)?.failures ?? 0) + 1;
      const retryAfterMs = error instanceof RingsideError ? error.retryAfterMs : null;
      live.set(kind, { state: unreachable ? 'offline' : 'error', message, code, failures, retryAfterMs, retryAt: null });
      throw error;
    } finally {
      if (before !== live.get(kind)?.state) onChange();
    }
  }

  /** Consecutive failures and the wait the server last asked for, for the poll loop's backoff. */
  function failing(kind: BackendKind): { failures: number; retryAfterMs: number | null } {
    const current = live.get(kind);
    return { failures: current?.failures ?? 0, retryAfterMs: current?.retryAfterMs ?? null };
  }

  /** When the poll loop will next ask a failing backend, so the UI can say so. */
  function setRetryAt(kind: BackendKind, at: number | null): void {
    const current = live.get(kind);
    if (!current || current.state === 'online' || current.retryAt === at) return;
    live.set(kind, { ...current, retryAt: at });
    onChange();
  }

  return { status, all: () => kinds.map(status), track, failing, setRetryAt };
}
export type BackendTracker = ReturnType<typeof createBackendTracker>;
