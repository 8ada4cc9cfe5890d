import { RingsideError } from '../../../src-shared/ipc/result';
import { registerBasicAuth, registerSecret } from '../../core/security/secretMask';

/** How Ringside signs in to a Prometheus-API store; most sit behind a proxy that wants one of these. */
export type PrometheusAuth = { bearer: string } | { username: string; password: string };

const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');

/**
 * The Authorization header for `auth`, checked so a pasted newline is named rather than sent. The
 * secret is registered with the process-wide mask, so no message can carry it (or its Basic form).
 */
export function authHeaders(auth: PrometheusAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('bearer' in auth) {
    const token = auth.bearer.trim();
    registerSecret(token);
    if (!token || hasControl(token)) {
      throw new RingsideError('bad_request', 'The Prometheus bearer token is empty or contains a line break or control character.');
    }
    return { authorization: `Bearer ${token}` };
  }
  const { username, password } = auth;
  registerBasicAuth(username, password);
  if (username.includes(':') || hasControl(username + password)) {
    throw new RingsideError('bad_request', 'The Prometheus username may not contain ":" and neither it nor the password a control character.');
  }
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` };
}
