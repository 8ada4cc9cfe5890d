import { maskSecrets, registerBasicAuth, registerSecret } from '../../core/security/secretMask';

/**
 * The one redaction step for what leaves an adapter: URLs lose their userinfo and secret-looking
 * query parameters, an upstream error body is reduced to the error field its API defines (or
 * dropped), and every registered secret is masked in what is kept. A proxy that reflects request
 * headers, or a server that quotes the request back, then has nothing to leak through Ringside.
 */

const MASK = '***';
/** The longest piece of an upstream's own words kept in a message. */
export const UPSTREAM_CAP = 300;

/** Query (and fragment) parameters whose values are credentials often enough to never show. */
const SECRET_PARAM = /token|secret|passw|pwd|auth|key|sig|credential|session|jwt|bearer|code/i;

/** `url` without its userinfo and with secret-looking parameters masked; also for text that does not parse as a URL. */
export function redactUrl(url: string): string {
  // The WHATWG parser takes the userinfo up to the last "@" before the path, query or fragment.
  const withoutUser = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  return maskSecrets(withoutUser.replace(/([?&;#])([^=&;#]*)=([^&;#]*)/g, (whole, sep: string, name: string) =>
    SECRET_PARAM.test(safeDecode(name)) ? `${sep}${name}=${MASK}` : whole,
  ));
}

/** Every URL inside `text` redacted, then every registered secret masked: the last pass over any message. */
export function redactText(text: string): string {
  return maskSecrets(text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi, (url) => redactUrl(url)));
}

/** Request headers that carry credentials by name (Authorization, cookies, API keys, tokens). */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|key|auth|password/i;

/**
 * Register the credentials among request headers with the process-wide mask (once per value per
 * `seen` set): the whole value, a Bearer token, and a Basic header's user:password and password.
 * Returns the headers unchanged, so a client can wrap its header function with it.
 */
export function registerCredentialHeaders(headers: Record<string, string>, seen: Set<string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(name) || typeof value !== 'string' || seen.has(value)) continue;
    seen.add(value);
    registerSecret(value);
    const [, scheme, payload] = /^(\w+)\s+(.+)$/.exec(value.trim()) ?? [];
    if (!scheme || !payload) continue;
    registerSecret(payload);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(payload, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) registerBasicAuth(decoded.slice(0, colon), decoded.slice(colon + 1));
    }
  }
  return headers;
}

/** What an upstream said, reduced to its API's error field. */
export interface UpstreamMessage {
  /** the error field, whitespace collapsed, secrets masked, at most UPSTREAM_CAP characters */
  text: string;
  /** the permission the server named as missing (Unleash `permissions`, a Kubernetes verb and resource) */
  permission?: string;
  /** the error's kind as the API names it: Unleash `name`, Kubernetes `reason`, Prometheus `errorType` */
  kind?: string;
  /** Kubernetes Status.details: the object the error is about */
  details?: { name?: string; group?: string; kind?: string };
}

type Reader = (body: Record<string, unknown>) => UpstreamMessage | null;

/**
 * Reduce an upstream error body to its known error field. Anything else (an HTML page, plain text,
 * a dump of the request's headers, an unknown JSON shape) is dropped, never quoted.
 */
export function upstreamMessage(body: string, service: string): UpstreamMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const own = READERS[service];
  for (const read of own ? [own] : Object.values(READERS)) {
    const found = read(parsed);
    if (found) return found;
  }
  return null;
}

/** Collapse, mask, then cap: masking first, so a secret cut in two by the cap cannot survive as a prefix. */
export function clipUpstream(text: string): string {
  const masked = redactText(text.replace(/\s+/g, ' ').trim());
  return masked.length > UPSTREAM_CAP ? `${masked.slice(0, UPSTREAM_CAP)}…` : masked;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
/** Names the APIs give kinds and permissions: identifiers only, so no free text rides along in them. */
const identifier = (v: unknown, pattern = /^[A-Za-z0-9_.:/ -]{1,120}$/): string | undefined => {
  const s = str(v);
  return s && pattern.test(s) ? maskSecrets(s) : undefined;
};

/** Unleash: `{ name, message, details: [{ message }], permissions? }` (PermissionError adds `permissions`). */
const unleash: Reader = (body) => {
  const message = str(body.message);
  const details = Array.isArray(body.details)
    ? body.details.map((d) => (isRecord(d) ? str(d.message) : undefined)).filter((m): m is string => m !== undefined && m !== message)
    : [];
  if (!message && details.length === 0) return null;
  const names = Array.isArray(body.permissions) ? body.permissions.map((p) => identifier(p)).filter((p): p is string => Boolean(p)) : [];
  const permission = names.length > 0 ? names.join(', ') : identifier(body.permission);
  return {
    text: clipUpstream([message, ...details].filter(Boolean).join('; ')),
    ...(permission ? { permission } : {}),
    ...(identifier(body.name) ? { kind: identifier(body.name) } : {}),
  };
};

/** Kubernetes: a `Status` object; its message names the verb and resource of a 403. */
const kubernetes: Reader = (body) => {
  if (body.kind !== 'Status') return null;
  const message = str(body.message);
  const d = isRecord(body.details) ? body.details : {};
  const details = { name: identifier(d.name), group: identifier(d.group), kind: identifier(d.kind) };
  const permission = message ? kubePermission(message) : undefined;
  return {
    text: message ? clipUpstream(message) : '',
    ...(permission ? { permission } : {}),
    ...(identifier(body.reason) ? { kind: identifier(body.reason) } : {}),
    details: Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)),
  };
};

/** `… cannot patch resource "rollouts/status" in API group "argoproj.io" …` → `patch rollouts.argoproj.io/status`. */
export function kubePermission(message: string): string | undefined {
  const match = /cannot ([a-z]+) resource "([a-z0-9.-]+)(?:\/([a-z0-9.-]+))?" in API group "([a-z0-9.-]*)"/.exec(message);
  if (!match) return undefined;
  const [, verb, resource, subresource, group] = match;
  return `${verb} ${resource}${group ? `.${group}` : ''}${subresource ? `/${subresource}` : ''}`;
}

/** Prometheus: `{ status: "error", errorType, error }`. */
const prometheus: Reader = (body) => {
  const error = str(body.error);
  if (body.status !== 'error' || !error) return null;
  const kind = identifier(body.errorType, /^[a-z_]{1,40}$/);
  return { text: clipUpstream(error), ...(kind ? { kind } : {}) };
};

const READERS: Record<string, Reader> = { Unleash: unleash, Kubernetes: kubernetes, Prometheus: prometheus };

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
