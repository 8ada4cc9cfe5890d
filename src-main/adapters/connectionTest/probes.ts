import { isIP, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';

/** Where a backend listens and what it trusts: host, port and, for https, the CA and client certificate. */
export interface Endpoint {
  /** the name in messages: "Unleash" */
  service: string;
  url: URL;
  ca?: string;
  cert?: string;
  key?: string;
  /** the name the certificate must carry when it differs from the URL's host (kubeconfig tls-server-name) */
  servername?: string;
}

export type Probe = { ok: true; detail: string } | { ok: false; detail: string };

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
const where = (url: URL) => url.host;

/** Whether anything accepts a TCP connection at the URL's host and port within the timeout. */
export function reachable(endpoint: Endpoint, timeoutMs: number): Promise<Probe> {
  const { url, service } = endpoint;
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: hostOf(url), port: portOf(url) });
    const done = (probe: Probe) => {
      socket.destroy();
      resolve(probe);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, detail: `${service} at ${where(url)} did not accept a connection within ${timeoutMs / 1000} s (a firewall, or the wrong host?).` }));
    socket.once('connect', () => done({ ok: true, detail: `${where(url)} accepts connections.` }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ ok: false, detail: `${service} at ${where(url)}: ${networkReason(error.code, hostOf(url))}` }));
  });
}

function networkReason(code: string | undefined, host: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'nothing listens on that port (connection refused). Is the server running, and is the port right?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name ${host} does not resolve (${code}). Check the URL, or the DNS of this machine.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `there is no route to the host (${code}). Check the network or VPN.`;
    default:
      return `cannot be reached (${code ?? 'unknown error'}).`;
  }
}

/** The sentence for a certificate Ringside cannot verify, the same wherever it comes from. */
export const UNTRUSTED = 'its certificate is self-signed / not signed by a CA Ringside was given — add the CA';

const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function tlsReason(error: NodeJS.ErrnoException & { reason?: string }, endpoint: Endpoint): string {
  const code = error.code ?? 'unknown error';
  if (UNTRUSTED_CODES.has(code)) {
    const given = endpoint.ca ? ' The CA given for this connection does not sign it.' : '';
    return `${UNTRUSTED} (${code}).${given}`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `its certificate is for another host name (${error.reason ?? 'the name does not match'}); use a URL with a name the certificate carries.`;
  }
  if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired; the server needs a new one.';
  if (code === 'CERT_NOT_YET_VALID') return 'its certificate is not valid yet; check the clocks of this machine and the server.';
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) return `the TLS handshake failed (${code}): is this port https at all, or does the server want a client certificate?`;
  if (code === 'ECONNRESET') return 'it closed the connection during the TLS handshake (does it want a client certificate?).';
  return `the TLS handshake failed (${code}).`;
}

const nameOf = (cert: PeerCertificate) => cert.subject?.CN || cert.subjectaltname || 'no name';

/**
 * A TLS handshake with the connection's own trust: its CA (or the system's) and client certificate.
 * The certificate is always verified; a failure is named, never skipped.
 */
export function handshake(endpoint: Endpoint, timeoutMs: number): Promise<Probe> {
  const { url, service } = endpoint;
  const host = hostOf(url);
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host,
      port: portOf(url),
      servername: endpoint.servername ?? (isIP(host) ? undefined : host),
      ca: endpoint.ca,
      cert: endpoint.cert,
      key: endpoint.key,
    });
    const done = (probe: Probe) => {
      socket.destroy();
      resolve(probe);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, detail: `${service} at ${where(url)} did not finish the TLS handshake within ${timeoutMs / 1000} s.` }));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const until = cert.valid_to ? `, valid until ${new Date(cert.valid_to).toISOString().slice(0, 10)}` : '';
      done({ ok: true, detail: `Certificate verified: ${nameOf(cert)}, issued by ${cert.issuer?.CN || 'an unnamed CA'}${until} (${socket.getProtocol() ?? 'TLS'}).` });
    });
    socket.once('error', (error) => done({ ok: false, detail: `${service} at ${where(url)}: ${tlsReason(error, endpoint)}` }));
  });
}
