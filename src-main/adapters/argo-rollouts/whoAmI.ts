import { z } from 'zod';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpClient } from '../http/httpClient';

/** GA in Kubernetes 1.28, beta in 1.27, alpha (behind a feature gate) in 1.26: newest first. */
const VERSIONS = ['v1', 'v1beta1', 'v1alpha1'] as const;

const Review = z.looseObject({ status: z.looseObject({ userInfo: z.looseObject({ username: z.string().optional() }).optional() }).optional() });

/**
 * The user the credentials authenticate as, from a SelfSubjectReview (what `kubectl auth whoami`
 * asks), trying each served version in turn. Null when the server cannot say: no version is
 * served (404 everywhere, a cluster before 1.26 or without the feature gate), the review is
 * forbidden, or the answer names nobody. Other failures (401, unreachable) are thrown.
 */
export async function whoAmI(client: HttpClient): Promise<string | null> {
  for (const version of VERSIONS) {
    let answer: unknown;
    try {
      // Creating a review changes nothing on the server: safe to send again.
      answer = await client.json({
        method: 'POST',
        path: `/apis/authentication.k8s.io/${version}/selfsubjectreviews`,
        body: { apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview' },
        idempotent: true,
      });
    } catch (error) {
      if (error instanceof RingsideError && error.code === 'not_found') continue;
      if (error instanceof RingsideError && error.code === 'forbidden') return null;
      throw error;
    }
    const username = Review.safeParse(answer).data?.status?.userInfo?.username?.trim();
    return username ? username : null;
  }
  return null;
}
