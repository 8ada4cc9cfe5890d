import type { BlackoutStatus, ReleaseWindows } from '../../../src-shared/domain/plan';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { EventBus } from '../events';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { ReleasePlanQueries } from '../store/releasePlans';
import { blackoutStatus, openWindows } from './blackout';
import { checkTimeZone } from './zoneTime';

export interface WindowsDeps {
  workspace: { id: string };
  store: ReleasePlanQueries;
  audit: AuditQueries;
  bus: EventBus;
  clock: Clock;
  actor: string;
}

export interface Gatekeeper {
  /** Throws 'blocked' with the reason and end time, unless an override reason is given (then audited). */
  check(what: string, override: string | undefined, actor?: string): void;
  status(): BlackoutStatus;
}

/** The workspace's release windows: read, replaced whole, and asked before anything that releases. */
export function createWindowsService(deps: WindowsDeps) {
  const { workspace, store, audit, clock } = deps;
  const current = (): ReleaseWindows => store.windows(workspace.id) ?? openWindows();
  const status = () => blackoutStatus(current(), clock.now());

  function set(next: ReleaseWindows): { windows: ReleaseWindows; status: BlackoutStatus } {
    checkTimeZone(next.timeZone);
    const before = store.windows(workspace.id);
    store.saveWindows(workspace.id, next, clock.now());
    audit.append({
      time: clock.now(),
      source: 'console',
      actor: deps.actor,
      workspace: workspace.id,
      environment: null,
      objectType: 'workspace',
      objectId: workspace.id,
      action: 'windows.changed',
      before,
      after: next,
      reason: null,
      result: 'saved',
    });
    deps.bus.emit('state:changed', { domain: 'audit' });
    deps.bus.emit('state:changed', { domain: 'plans' });
    return { windows: next, status: status() };
  }

  const gatekeeper: Gatekeeper = {
    status,
    check(what, override, actor = deps.actor) {
      const now = status();
      if (!now.blocked) return;
      if (!override || override.trim().length < 3) {
        const until = now.endsAtLocal ? ` until ${now.endsAtLocal}` : '';
        throw new RingsideError(
          'blocked',
          `${what} is blocked by a release blackout: ${now.reason}${until}. Kills and rollbacks stay allowed; to go ahead anyway, give an override reason.`,
        );
      }
      audit.append({
        time: clock.now(),
        source: 'console',
        actor,
        workspace: workspace.id,
        environment: null,
        objectType: 'workspace',
        objectId: workspace.id,
        action: 'blackout.overridden',
        before: null,
        after: { what, blackout: now.reason, endsAt: now.endsAt },
        reason: override.trim(),
        result: 'overridden',
      });
      deps.bus.emit('state:changed', { domain: 'audit' });
    },
  };

  return { get: () => ({ windows: current(), status: status() }), set, gatekeeper };
}
export type WindowsService = ReturnType<typeof createWindowsService>;
