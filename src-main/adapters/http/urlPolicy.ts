import { X509Certificate } from 'node:crypto';
import { Agent } from 'node:https';
import { RingsideError } from '../../../src-shared/ipc/result';

/** The hosts plain http may go to: this machine only (a kubectl proxy, a local test server). */
const LOOPBACK = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

export const isLoopbackHost = (hostname: string) => LOOPBACK.has(hostname.toLowerCase());

/**
 * Why a server URL may not be used, in words, or null when it may. Credentials travel only over
 * https, except to this machine; a URL never carries a user name or password (they would end up in
 * messages and logs); a query or fragment would swallow the paths appended to it.
 */
export function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be an https URL, not ${url.protocol.replace(/:$/, '')}`;
  if (url.username || url.password) return 'must not carry a user name or password; give credentials as the workspace\'s secrets';
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) return 'must not have a query string or fragment; give the server\'s base address only';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `is plain http to ${url.host}; use https (plain http is allowed only to this machine: 127.0.0.1, ::1, localhost)`;
  }
  return null;
}

/** Where a URL points, for messages: host and path, never userinfo or query. */
export function whereOf(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'an invalid URL';
  }
}

/** The URL, checked before any request; `what` names it in the error ("Workspace prod, flags.url"). */
export function checkServerUrl(raw: string, what: string): URL {
  const problem = urlProblem(raw);
  if (problem) throw new RingsideError('bad_request', `${what} ${problem}.`);
  return new URL(raw);
}

/** The certificates of a PEM bundle, checked so a pasted key or truncated file is named at once. */
export function checkCaBundle(pem: string, what: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new RingsideError('bad_request', `${what}: the CA is not a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).`);
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new RingsideError('bad_request', `${what}: the CA holds a certificate that cannot be read (${(error as Error).message}).`);
    }
  }
}

/**
 * The https.Agent that trusts a custom CA (it replaces the system's CAs for this connection, as
 * kubectl does with certificate-authority); undefined uses the system's. Verification is never
 * turned off: an agent here always checks the server's certificate and name.
 */
export function caAgent(ca: string | undefined, what: string): Agent | undefined {
  if (ca === undefined) return undefined;
  checkCaBundle(ca, what);
  return new Agent({ keepAlive: true, maxSockets: 8, ca });
}
