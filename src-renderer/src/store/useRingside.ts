import { create } from 'zustand';
import { createAppSlice } from './slices/appSlice';
import { createAuditSlice } from './slices/auditSlice';
import { createCanarySlice } from './slices/canarySlice';
import { createDebtSlice } from './slices/debtSlice';
import { createFlagOpsSlice } from './slices/flagOpsSlice';
import { createFlagsSlice } from './slices/flagsSlice';
import { createNavSlice, readStoredView } from './slices/navSlice';
import { createPolicySlice } from './slices/policySlice';
import { createRingsSlice } from './slices/ringsSlice';
import { createRolloutsSlice } from './slices/rolloutsSlice';
import { createWorkspaceSlice } from './slices/workspaceSlice';
import type { RingsideState } from './types';

/** The renderer's one store, a slice per domain (zustand's slices pattern). */
export const useRingside = create<RingsideState>()((...a) => ({
  ...createAppSlice(...a),
  ...createNavSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createFlagsSlice(...a),
  ...createFlagOpsSlice(...a),
  ...createDebtSlice(...a),
  ...createCanarySlice(...a),
  ...createRolloutsSlice(...a),
  ...createRingsSlice(...a),
  ...createAuditSlice(...a),
  ...createPolicySlice(...a),
}));

/** Back to a fresh store (tests, or a new session), re-reading the remembered view. */
export function resetStore(): void {
  useRingside.setState({ ...useRingside.getInitialState(), view: readStoredView() }, true);
}
