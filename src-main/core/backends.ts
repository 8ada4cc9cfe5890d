import type { BackendKind, BackendState, BackendStatus } from '../../src-shared/domain/backend';
import { RingsideError } from '../../src-shared/ipc/result';
import type { Clock } from './ports';
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
  const live = new Map<BackendKind, { state: BackendState; message: string | null }>();

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
      message: current?.message ?? (provider ? stored.lastError : `No ${kind} backend is configured for this workspace.`),
    };
  }

  /** Run one read against a backend, recording success or the reason it failed. */
  async function track<T>(kind: BackendKind, read: () => Promise<T>): Promise<T> {
    const before = live.get(kind)?.state;
    try {
      const value = await read();
      sync.recordSuccess(workspace.id, kind, clock.now());
      live.set(kind, { state: 'online', message: null });
      return value;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const unreachable = error instanceof RingsideError && ['unavailable', 'timeout', 'offline'].includes(error.code);
      sync.recordFailure(workspace.id, kind, message);
      live.set(kind, { state: unreachable ? 'offline' : 'error', message });
      throw error;
    } finally {
      if (before !== live.get(kind)?.state) onChange();
    }
  }

  return { status, all: () => kinds.map(status), track };
}
export type BackendTracker = ReturnType<typeof createBackendTracker>;
