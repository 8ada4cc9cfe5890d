import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE = 'ringside_token';

export const newToken = () => randomBytes(24).toString('base64url');

/** Names this server answers to; anything else is a DNS-rebinding attempt. */
export const allowedHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];
export const allowedOrigins = (port: number) => allowedHosts(port).map((h) => `http://${h}`);

function sameSecret(candidate: string | undefined | null, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403 | 421; reason: string };

/** Host, origin and token checks for every request and WebSocket upgrade. */
export function checkRequest(req: IncomingMessage, url: URL, port: number, token: string): Verdict {
  if (!allowedHosts(port).includes(req.headers.host ?? '')) {
    return { ok: false, status: 421, reason: 'This Ringside server only answers to 127.0.0.1 and localhost.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).includes(origin)) {
    return { ok: false, status: 403, reason: `Requests from origin ${origin.slice(0, 100)} are refused.` };
  }
  const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (sameSecret(bearer, token) || sameSecret(cookieToken(req.headers.cookie), token)) return { ok: true, viaQuery: false };
  if (sameSecret(url.searchParams.get('token'), token)) return { ok: true, viaQuery: true };
  return {
    ok: false,
    status: 401,
    reason: 'Ringside needs its access token: open the URL that `npm run serve` printed (it ends in ?token=…).',
  };
}

export const sessionCookie = (token: string) => `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
