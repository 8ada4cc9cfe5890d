import type { StateCreator } from 'zustand';
import type { BackendKind, WorkspaceSummary } from '../../../../src-shared/domain/backend';
import type { PayloadOf, ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type SyncProgress = Omit<PayloadOf<'sync:progress'>, 'source'>;
export type WorkspacesList = ResponseOf<'workspaces:list'>;
export type WorkspaceIdentity = ResponseOf<'workspace:identity'>;

export interface WorkspaceSlice {
  workspace: Remote<WorkspaceSummary>;
  /** every workspace the console knows (switcher, palette, settings); never a secret, only whether each is set */
  workspaces: Remote<WorkspacesList>;
  /** the name the console records for the person at it here (tells their own requests from others') */
  identity: Remote<WorkspaceIdentity>;
  syncProgress: Partial<Record<BackendKind, SyncProgress>>;
  setSyncProgress(progress: PayloadOf<'sync:progress'>): void;
}

export const createWorkspaceSlice: StateCreator<RingsideState, [], [], WorkspaceSlice> = (set) => ({
  workspace: idle(),
  workspaces: idle(),
  identity: idle(),
  syncProgress: {},
  setSyncProgress({ source, done, total }) {
    set((state) => {
      const next = { ...state.syncProgress };
      // A finished sync is no longer news: the chip's age says the rest.
      if (total !== null && done >= total) delete next[source];
      else next[source] = { done, total };
      return { syncProgress: next };
    });
  },
});
