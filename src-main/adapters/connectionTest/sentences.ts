import type { CapabilityCheck } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpRequest } from '../http/httpClient';
import type { RetryOptions } from '../http/retryPolicy';

/** A connection test asks once: a retry would only hide how the server answers. */
export const ONCE: RetryOptions = { retries: 0, baseDelayMs: 1, maxDelayMs: 1 };

/**
 * The connection test's own sentences for an HTTP answer, written from the status alone: an
 * upstream body is never quoted (a proxy reflecting the request would hand back the credentials).
 * `credential` is what was sent ("token", "user name or password"), null when nothing was.
 */
export function explainStatus(service: string, credential: string | null) {
  return (status: number, _body: string, req: HttpRequest): RingsideError => {
    const path = req.path.split('?')[0];
    if (status === 401) {
      return credential
        ? new RingsideError('unauthorized', `${service} answered 401: the ${credential} was rejected. Check the workspace's ${credential}.`)
        : new RingsideError('unauthorized', `${service} answered 401: it wants credentials, and this workspace gives none. Set its authentication.`);
    }
    if (status === 403) {
      return new RingsideError('forbidden', `${service} answered 403: the ${credential ?? 'request'} was accepted but may not read ${path}. Use credentials allowed to read it.`);
    }
    if (status === 404) return new RingsideError('not_found', `${service} answered 404 for ${path}: is the URL the ${service} server's own base address?`);
    if (status >= 300 && status < 400) {
      return new RingsideError('bad_response', `${service} redirected (${status}): a login page or proxy in front of it? Give the API's own URL.`);
    }
    if (status === 429) return new RingsideError('rate_limited', `${service} answered 429: it is rate limiting Ringside; test again in a moment.`);
    if (status >= 500) return new RingsideError('unavailable', `${service} answered ${status}: the server failed; test again shortly.`);
    return new RingsideError('bad_response', `${service} answered ${status} to ${path}.`);
  };
}

const WORDS: Record<CapabilityCheck['capability'], string> = {
  'flags.toggle': 'turn flags on and off',
  'flags.strategy': 'change rollout strategies',
  'rollouts.patch': 'promote, abort and retry rollouts',
  'analysistemplates.create': 'install gates (AnalysisTemplates)',
};

/** "production: may turn flags on and off; may not change rollout strategies (UPDATE_FEATURE_STRATEGY: …)". */
export function describeCapabilities(checks: CapabilityCheck[]): string {
  if (checks.length === 0) return 'The server reported no permissions for these scopes.';
  const scopes = new Map<string, string[]>();
  for (const c of checks) {
    const why = c.allowed ? '' : ` (${[c.permission, c.reason].filter(Boolean).join(': ') || 'refused'})`;
    const line = `${c.allowed ? 'may' : 'may not'} ${WORDS[c.capability]}${why}`;
    scopes.set(c.scope, [...(scopes.get(c.scope) ?? []), line]);
  }
  return `${[...scopes].map(([scope, lines]) => `${scope === '*' ? 'everywhere' : scope}: ${lines.join('; ')}`).join('. ')}.`;
}

export const NOT_REPORTED = 'Not reported: this connector does not say what the credentials may do.';
