import type { StateCreator } from 'zustand';
import type { GuardAlert } from '../../../../src-shared/domain/plan';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type PlansList = ResponseOf<'plans:list'>;
export type WindowsAnswer = ResponseOf<'windows:get'>;

/** How many guard alerts stay on screen; older ones are in the audit. */
const MAX_ALERTS = 5;

export interface RingsSlice {
  plans: Remote<PlansList>;
  windows: Remote<WindowsAnswer>;
  /** stop-the-line alerts pushed by main, newest first, until dismissed */
  guardAlerts: GuardAlert[];
  pushGuardAlert(alert: GuardAlert): void;
  dismissGuardAlert(alert: GuardAlert): void;
}

export const createRingsSlice: StateCreator<RingsideState, [], [], RingsSlice> = (set) => ({
  plans: idle(),
  windows: idle(),
  guardAlerts: [],
  pushGuardAlert(alert) {
    set((state) => ({ guardAlerts: [alert, ...state.guardAlerts.filter((a) => !(a.planId === alert.planId && a.at === alert.at))].slice(0, MAX_ALERTS) }));
  },
  dismissGuardAlert(alert) {
    set((state) => ({ guardAlerts: state.guardAlerts.filter((a) => !(a.planId === alert.planId && a.at === alert.at)) }));
  },
});
