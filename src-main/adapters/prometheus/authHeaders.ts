import { RingsideError } from '../../../src-shared/ipc/result';

/** How Ringside signs in to a Prometheus-API store; most sit behind a proxy that wants one of these. */
export type PrometheusAuth = { bearer: string } | { username: string; password: string };

const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');

/** The Authorization header for `auth`, checked so a pasted newline is named rather than sent. */
export function authHeaders(auth: PrometheusAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('bearer' in auth) {
    const token = auth.bearer.trim();
    if (!token || hasControl(token)) {
      throw new RingsideError('bad_request', 'The Prometheus bearer token is empty or contains a line break or control character.');
    }
    return { authorization: `Bearer ${token}` };
  }
  const { username, password } = auth;
  if (username.includes(':') || hasControl(username + password)) {
    throw new RingsideError('bad_request', 'The Prometheus username may not contain ":" and neither it nor the password a control character.');
  }
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` };
}
