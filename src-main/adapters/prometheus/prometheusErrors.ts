import { RingsideError } from '../../../src-shared/ipc/result';
import { UpstreamError } from '../http/httpErrors';
import { clipUpstream } from '../http/redact';
import type { QueryFailure } from './schemas';

export const SERVICE = 'Prometheus';

/**
 * Prometheus answers a failed query with a JSON body `{status:"error", errorType, error}` and a
 * status (400 bad_data, 422 execution, 503 timeout/unavailable). The error text is what a person
 * needs to fix the query, so it is passed on, after the errorType: whitespace collapsed, capped,
 * and with every configured secret masked, since a proxy in front may have put the request's own
 * Authorization header into it.
 */
export function failureError(failure: Pick<QueryFailure, 'errorType' | 'error'>, status?: number): RingsideError {
  const errorType = /^[a-z_]{1,40}$/.test(failure.errorType) ? failure.errorType : 'unknown';
  const error = clipUpstream(failure.error);
  if (errorType === 'bad_data') return new RingsideError('bad_request', `${SERVICE} rejected the query (bad_data): ${error}`);
  if (status === 422 || errorType === 'execution') {
    return new RingsideError('bad_response', `${SERVICE} could not execute the query (${errorType}): ${error}`);
  }
  if (status === 503) {
    return new RingsideError(
      'unavailable',
      `${SERVICE} is overloaded or unavailable (${errorType}): ${error}. Try again shortly, or ask for a shorter range or a larger step.`,
    );
  }
  return new RingsideError('bad_response', `${SERVICE} answered an error (${errorType}): ${error}`);
}

/**
 * The shared HTTP client has already reduced a non-2xx body to the Prometheus error field (and its
 * errorType); anything else the body held was dropped there. This turns it into the query's error.
 */
export function fromHttpError(error: unknown): unknown {
  if (!(error instanceof UpstreamError)) return error;
  const { status, upstream } = error;
  // A sign-in, permission or rate answer keeps its own code; the proxy's wording is already in the message.
  const query = ![401, 403, 404, 429].includes(status);
  if (query && upstream?.kind && upstream.text) return failureError({ errorType: upstream.kind, error: upstream.text }, status);
  if (status === 422) return new RingsideError('bad_response', `${SERVICE} answered 422: the query could not be executed.`);
  if (status === 503) {
    return new RingsideError('unavailable', `${SERVICE} answered 503: it is overloaded or unavailable. Try again shortly.`, error.retryAfterMs);
  }
  return error;
}
