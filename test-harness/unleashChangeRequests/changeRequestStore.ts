/**
 * The change requests of the Unleash change-request contract server, kept in memory.
 *
 * Shaped from Unleash's public documentation of change requests (docs.getunleash.io "Change
 * requests") and the request/response types its open-source frontend uses against Enterprise
 * (frontend/src/component/changeRequest/changeRequest.types.ts, hooks useChangeRequestApi and
 * usePendingChangeRequests): a change is added to its author's Draft for a project and environment;
 * the author submits it ("In review"); someone else with APPROVE_CHANGE_REQUEST approves it
 * ("Approved", once `minApprovals` people have); someone with APPLY_CHANGE_REQUEST applies it
 * ("Applied"); an approver may reject it, its author cancel it. Unleash Enterprise's own source is
 * not public: the exact wording of its refusals is this harness's, the error body shape is Unleash's.
 */

export interface Permission {
  permission: string;
  project?: string | null;
  environment?: string | null;
}

/** The caller, as the real Unleash's GET /api/admin/user describes the token it was sent. */
export interface Caller {
  id: number;
  username: string;
  permissions: Permission[];
}

export interface Change {
  id: number;
  action: string;
  payload: unknown;
  createdBy: Person;
  createdAt: string;
}
interface Person {
  id: number;
  username: string;
  imageUrl: null;
}

export type State = 'Draft' | 'In review' | 'Approved' | 'Applied' | 'Cancelled' | 'Rejected';

export interface ChangeRequest {
  id: number;
  title: string;
  project: string;
  environment: string;
  minApprovals: number;
  state: State;
  createdBy: Person;
  createdAt: string;
  features: { name: string; changes: Change[] }[];
  segments: never[];
  approvals: { createdBy: Person; createdAt: string }[];
  rejections: { createdBy: Person; createdAt: string }[];
  comments: never[];
}

/** An answer other than 200, with Unleash's error body: `{ id, name, message, details: [{ message }] }` (+ `permissions`). */
export class ContractError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly permissions?: string[],
  ) {
    super(message);
  }

  body() {
    return {
      id: `contract-${Math.random().toString(16).slice(2)}`,
      name: this.kind,
      message: this.message,
      details: [{ message: this.message }],
      ...(this.permissions ? { permissions: this.permissions } : {}),
    };
  }
}

/** Unleash's AccessService.meetsAllPermissions, written again here so the adapter's copy is tested, not reused. */
export function holds(caller: Caller, permission: string, project: string, environment: string): boolean {
  return caller.permissions.some(
    (p) =>
      (!p.project || p.project === project || p.project === '*') &&
      (!p.environment || p.environment === environment || p.environment === '*') &&
      (p.permission === permission || p.permission === 'ADMIN'),
  );
}

/** Unleash's PermissionError, as its route checks answer it. */
export const permissionError = (permission: string) =>
  new ContractError(
    403,
    'PermissionError',
    `You don't have the required permissions to perform this operation. To perform this action, you need the "${permission}" permission.`,
    [permission],
  );

const OPEN: State[] = ['Draft', 'In review', 'Approved'];

export function createChangeRequestStore() {
  const requests: ChangeRequest[] = [];
  let nextId = 1;
  let nextChange = 1;
  const person = (c: Caller): Person => ({ id: c.id, username: c.username, imageUrl: null });
  const now = () => new Date().toISOString();

  function find(project: string, id: number): ChangeRequest {
    const found = requests.find((r) => r.project === project && r.id === id);
    if (!found) throw new ContractError(404, 'NotFoundError', `Could not find change request with id ${id} in project ${project}.`);
    return found;
  }

  return {
    /** The change joins its author's draft for this project and environment, replacing an earlier one of the same kind. */
    addChange(project: string, environment: string, caller: Caller, minApprovals: number, change: { feature: string; action: string; payload: unknown }) {
      let draft = requests.find((r) => r.project === project && r.environment === environment && r.state === 'Draft' && r.createdBy.id === caller.id);
      if (!draft) {
        draft = {
          id: nextId++,
          title: `Change request #${nextId - 1}`,
          project,
          environment,
          minApprovals,
          state: 'Draft',
          createdBy: person(caller),
          createdAt: now(),
          features: [],
          segments: [],
          approvals: [],
          rejections: [],
          comments: [],
        };
        requests.push(draft);
      }
      let feature = draft.features.find((f) => f.name === change.feature);
      if (!feature) draft.features.push((feature = { name: change.feature, changes: [] }));
      feature.changes = feature.changes.filter((c) => c.action !== change.action);
      feature.changes.push({ id: nextChange++, action: change.action, payload: change.payload, createdBy: person(caller), createdAt: now() });
      return draft;
    },

    /** Open requests of the project; a draft only to its author, as Unleash keeps drafts private. */
    pending(project: string, caller: Caller) {
      return requests.filter((r) => r.project === project && OPEN.includes(r.state) && (r.state !== 'Draft' || r.createdBy.id === caller.id));
    },

    get(project: string, id: number, caller: Caller) {
      const found = find(project, id);
      if (found.state === 'Draft' && found.createdBy.id !== caller.id) throw new ContractError(404, 'NotFoundError', `Could not find change request with id ${id}.`);
      return found;
    },

    /** Move a request on, or refuse as Enterprise does; `apply` performs its changes and must succeed before it is Applied. */
    async transition(project: string, id: number, caller: Caller, state: string, apply: (cr: ChangeRequest) => Promise<void>) {
      const cr = this.get(project, id, caller);
      const author = cr.createdBy.id === caller.id;
      const need = (permission: string) => {
        if (!holds(caller, permission, project, cr.environment)) throw permissionError(permission);
      };
      const from = (...states: State[]) => {
        if (!states.includes(cr.state)) throw new ContractError(400, 'BadDataError', `A change request in state "${cr.state}" cannot be moved to "${state}".`);
      };
      switch (state) {
        case 'In review':
          from('Draft');
          if (!author) throw new ContractError(403, 'ForbiddenError', 'Only the author of a draft can submit it for review.');
          cr.state = 'In review';
          break;
        case 'Approved':
          from('In review', 'Approved');
          if (author) throw new ContractError(403, 'ForbiddenError', 'You cannot approve your own change request: another person must approve it.');
          need('APPROVE_CHANGE_REQUEST');
          if (!cr.approvals.some((a) => a.createdBy.id === caller.id)) cr.approvals.push({ createdBy: person(caller), createdAt: now() });
          if (cr.approvals.length >= cr.minApprovals) cr.state = 'Approved';
          break;
        case 'Applied':
          from('Approved');
          need('APPLY_CHANGE_REQUEST');
          await apply(cr);
          cr.state = 'Applied';
          break;
        case 'Rejected':
          from('In review', 'Approved');
          if (author) throw new ContractError(403, 'ForbiddenError', 'You cannot reject your own change request; cancel it instead.');
          need('APPROVE_CHANGE_REQUEST');
          cr.rejections.push({ createdBy: person(caller), createdAt: now() });
          cr.state = 'Rejected';
          break;
        case 'Cancelled':
          from('Draft', 'In review', 'Approved');
          if (!author) throw new ContractError(403, 'ForbiddenError', 'Only the author of a change request can cancel it.');
          cr.state = 'Cancelled';
          break;
        default:
          throw new ContractError(400, 'BadDataError', `"${state}" is not a change request state this server accepts.`);
      }
      return cr;
    },

    all: () => requests,
  };
}
export type ChangeRequestStore = ReturnType<typeof createChangeRequestStore>;
