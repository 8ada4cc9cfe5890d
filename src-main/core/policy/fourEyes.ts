import type { RolloutAction, RolloutApproval } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { Clock, RolloutRef } from '../ports';
import type { Workspace } from '../workspace';
import { cached } from './identity';
import type { PolicySettings } from './profiles';

/** The permission a four-eyes refusal names, so the console can offer "Request approval". */
export const FOUR_EYES = 'FOUR_EYES';

/** Unleash's name for the permission a direct change lacks where the environment requires change requests. */
export const SKIP_CHANGE_REQUEST = 'SKIP_CHANGE_REQUEST';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const refName = (ref: RolloutRef) => `${ref.namespace}/${ref.name}`;
const isSkipRefusal = (error: unknown) => error instanceof RingsideError && error.permission === SKIP_CHANGE_REQUEST;

/**
 * Where releases need a second person. Flags: environments whose server requires change requests
 * (as it says, or as a direct change came back refused with SKIP_CHANGE_REQUEST); Ringside never
 * goes around them. Deploys: Ringside's own rule (policy.fourEyesDeploy, on by default in a
 * production workspace), kept as approvals on the Rollout by the deploy backend.
 */
export function createFourEyes(workspace: Pick<Workspace, 'flags' | 'deploy'>, settings: PolicySettings, clock: Clock) {
  /** Environments seen refusing a direct change; they count until the server itself lists its rule. */
  const learned = new Set<string>();
  const notices: string[] = [];
  const listed = cached<string[] | null>(clock, async () => {
    const ask = workspace.flags?.governance?.changeRequestEnvironments?.bind(workspace.flags.governance);
    if (!ask) return null;
    try {
      return await ask();
    } catch (error) {
      notices.splice(0, notices.length, `The flag server could not say which environments require change requests: ${message(error)}`);
      return null;
    }
  });

  /** The environments whose changes must go through change requests, and whether the server said so itself. */
  async function changeRequestEnvironments(refresh = false): Promise<{ environments: Set<string>; known: boolean; notices: string[] }> {
    if (refresh) notices.length = 0;
    const fromServer = await listed.get(refresh);
    if (fromServer !== null) learned.clear();
    return { environments: new Set([...(fromServer ?? []), ...learned]), known: fromServer !== null, notices: [...notices] };
  }

  const flagNeedsApproval = async (environment: string) => (await changeRequestEnvironments()).environments.has(environment);
  /** The same from what was last read, not waiting for the server when that is past its TTL (after an action). */
  const flagNeededApproval = async (environment: string) => learned.has(environment) || ((await listed.settled()) ?? []).includes(environment);
  const changeRequestApi = async () => {
    const requests = workspace.flags?.governance?.changeRequests;
    return requests ? await requests.available().catch(() => false) : false;
  };

  /** Turning on or widening in an environment with change requests: refused before the server is asked. */
  async function requireDirectRelease(what: string, environment: string): Promise<void> {
    if (!(await flagNeedsApproval(environment))) return;
    const how = (await changeRequestApi())
      ? 'request approval with a change request ("Request change"); it takes effect once someone else approves and applies it'
      : 'request approval from an approver, who makes the change in Unleash itself (this flag server offers no change-request API)';
    throw new RingsideError('blocked', `${what} needs a second person: the flag server requires change requests in ${environment}; ${how}.`, null, SKIP_CHANGE_REQUEST);
  }

  /** A direct change the server refused for want of SKIP_CHANGE_REQUEST, explained; any other error as it was. */
  async function explainRefusal(error: unknown, what: string, environment: string, kill: boolean): Promise<unknown> {
    if (!isSkipRefusal(error)) return error;
    learned.add(environment);
    const even = kill ? ' It holds for kills too: Ringside does not go around it.' : '';
    const how = (await changeRequestApi())
      ? 'Ask for it as a change request ("Request change"): a second person approves and applies it.'
      : 'This flag server offers no change-request API Ringside can use, so an approver must make the change in Unleash itself.';
    return new RingsideError('forbidden', `The flag server refused ${what}: ${environment} requires change requests.${even} ${how}`, null, SKIP_CHANGE_REQUEST);
  }

  /** Remember an environment that refused a change (a kill that keeps trying stops on it). */
  const noteRefusal = (error: unknown, environment: string) => {
    if (isSkipRefusal(error)) learned.add(environment);
  };

  const deployNeedsApproval = () => settings.policy?.fourEyesDeploy ?? settings.production === true;

  /** Why there is no valid approval, in words, from what the rollout carries (best effort). */
  async function whyNoApproval(ref: RolloutRef, action: RolloutAction): Promise<string> {
    const approvals = await workspace.deploy?.governance?.approvals().catch(() => null);
    const found = approvals?.find((a) => a.rollout.namespace === ref.namespace && a.rollout.name === ref.name);
    if (!found) return 'request approval ("Request approval"), then someone else approves it';
    if (found.action !== action) return `the request on it is for ${found.action}, not ${action}; request approval for this action`;
    if (found.stale) return 'its approval was given for an earlier generation (the rollout changed since); request approval again';
    if (!found.approvedBy) return `the request by ${found.requestedBy} waits for someone else to approve it`;
    return 'request approval again';
  }

  /** The approval a deploy release goes ahead on, or `blocked`; null where no second person is needed. */
  async function requireDeployApproval(ref: RolloutRef, action: RolloutAction, what: string): Promise<RolloutApproval | null> {
    if (!deployNeedsApproval()) return null;
    const governance = workspace.deploy?.governance;
    if (!governance) {
      throw new RingsideError('blocked', `${what} needs a second person, but this deploy backend keeps no approvals; request approval from an approver outside Ringside.`, null, FOUR_EYES);
    }
    const approval = await governance.validApproval(ref, action);
    if (approval) return approval;
    throw new RingsideError('blocked', `${what} needs a second person: ${await whyNoApproval(ref, action)} (${refName(ref)}).`, null, FOUR_EYES);
  }

  /** After the release ran: the approval is used up. Answers why clearing failed, or null. */
  async function used(ref: RolloutRef): Promise<string | null> {
    const governance = workspace.deploy?.governance;
    if (!governance) return null;
    try {
      await governance.clear(ref);
      return null;
    } catch (error) {
      return message(error);
    }
  }

  return { changeRequestEnvironments, flagNeedsApproval, flagNeededApproval, changeRequestApi, requireDirectRelease, explainRefusal, noteRefusal, deployNeedsApproval, requireDeployApproval, used };
}
export type FourEyes = ReturnType<typeof createFourEyes>;
