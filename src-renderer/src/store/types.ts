import type { AppSlice } from './slices/appSlice';
import type { AuditSlice } from './slices/auditSlice';
import type { CanarySlice } from './slices/canarySlice';
import type { DebtSlice } from './slices/debtSlice';
import type { FlagOpsSlice } from './slices/flagOpsSlice';
import type { FlagsSlice } from './slices/flagsSlice';
import type { NavSlice } from './slices/navSlice';
import type { PolicySlice } from './slices/policySlice';
import type { RingsSlice } from './slices/ringsSlice';
import type { RolloutsSlice } from './slices/rolloutsSlice';
import type { WorkspaceSlice } from './slices/workspaceSlice';

export type RingsideState = AppSlice &
  NavSlice &
  WorkspaceSlice &
  FlagsSlice &
  FlagOpsSlice &
  DebtSlice &
  CanarySlice &
  RolloutsSlice &
  RingsSlice &
  AuditSlice &
  PolicySlice;
