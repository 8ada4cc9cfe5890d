import type { DeployGovernance, RolloutRef } from '../../core/ports';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http/httpClient';
import { reviewAccess } from './accessReview';
import { explainReviewError } from './reviewErrors';
import { rolloutApprovals } from './rolloutApprovals';
import { whoAmI } from './whoAmI';

export interface DeployGovernanceOptions {
  /** how the provider reaches the API server (base URL, agent, auth header, retries), for the reviews */
  http: Omit<HttpClientOptions, 'explain'>;
  /** what Ringside signs in with, for messages: "the token" */
  credential: string;
  /** the provider's client, for the rollouts */
  client: HttpClient;
  pathOf: (ref: RolloutRef) => string;
  namespaces: readonly string[];
  fallbackNamespace: string;
  now: () => number;
}

/**
 * The deploy side of governance for one connection: what the credentials may do per namespace
 * (SelfSubjectAccessReview), who they are (SelfSubjectReview, asked once per connection), and
 * rollout approvals kept as annotations. The adapter records the identities it is given (`by`);
 * whether that is whoAmI()'s answer or the console's actor is the core's decision.
 */
export function deployGovernance(options: DeployGovernanceOptions): DeployGovernance {
  const reviews = createHttpClient({ ...options.http, explain: explainReviewError(options.credential) });
  let identity: Promise<string | null> | null = null;
  return {
    capabilities: (namespaces) => reviewAccess(reviews, namespaces),
    whoAmI() {
      // The user behind a connection does not change; a failure is not remembered, so the next call asks again.
      identity ??= whoAmI(reviews).catch((error: unknown) => {
        identity = null;
        throw error;
      });
      return identity;
    },
    ...rolloutApprovals(options),
  };
}
