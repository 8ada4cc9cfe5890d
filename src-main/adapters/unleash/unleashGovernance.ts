import { z } from 'zod';
import type { CapabilityCheck } from '../../../src-shared/domain/governance';
import type { FlagGovernance } from '../../core/ports/governance';
import type { HttpClient } from '../http/httpClient';
import { createUnleashChangeRequests } from './unleashChangeRequests';
import { isStatus, readAs } from './unleashErrors';
import { CAPABILITY_PERMISSION, capabilityChecks, identityOf, UnleashMe, unreportedChecks } from './unleashPermissions';

/** GET /api/admin/projects/{p}/change-requests/config (Enterprise): one entry per environment of the project. */
const ChangeRequestConfig = z.array(
  z.object({ environment: z.string(), changeRequestEnabled: z.boolean().nullish(), requiredApprovals: z.number().nullish() }),
);

/** Every part of FlagGovernance: Unleash can always be asked (the answers say when it cannot tell). */
export type UnleashGovernance = Required<FlagGovernance>;

/** What the Unleash server says the workspace's token may do, who it is, and its change requests where it has them. */
export function createUnleashGovernance(client: HttpClient, project: string): UnleashGovernance {
  const p = encodeURIComponent(project);

  /**
   * The token's user and permissions; null when this server has no such endpoint, 'refused' when it
   * turns the token away from its Admin API (a client or frontend token: 403). A rejected token (401)
   * is thrown: nothing else will work either, and the message says to check it.
   */
  async function me(): Promise<UnleashMe | 'refused' | null> {
    try {
      return await readAs(client, { path: '/api/admin/user' }, UnleashMe);
    } catch (error) {
      if (isStatus(error, 'not_found')) return null;
      if (isStatus(error, 'forbidden')) return 'refused';
      throw error;
    }
  }

  return {
    async whoAmI() {
      const answer = await me();
      return answer && answer !== 'refused' ? identityOf(answer) : null;
    },

    async capabilities(environments: string[]): Promise<CapabilityCheck[]> {
      const answer = await me();
      if (answer === null) return unreportedChecks(environments);
      if (answer === 'refused') return refusedChecks(environments);
      return capabilityChecks(answer, project, environments);
    },

    async changeRequestEnvironments() {
      try {
        const config = await readAs(client, { path: `/api/admin/projects/${p}/change-requests/config` }, ChangeRequestConfig);
        return config.filter((c) => c.changeRequestEnabled === true).map((c) => c.environment);
      } catch (error) {
        // The open-source server has no change-request API (404); a token that may not read it cannot say either.
        if (isStatus(error, 'not_found') || isStatus(error, 'forbidden')) return null;
        throw error;
      }
    },

    changeRequests: createUnleashChangeRequests(client, project),
  };
}

/** The server read and refused this token on its Admin API, so no change through it can succeed. */
function refusedChecks(environments: string[]): CapabilityCheck[] {
  return unreportedChecks(environments).map((check) => ({
    ...check,
    allowed: false,
    reason:
      'Unleash refused this token on its Admin API (403): it is not an admin token or a personal access token. ' +
      `Use one that may change flags (${CAPABILITY_PERMISSION[check.capability]}).`,
  }));
}
