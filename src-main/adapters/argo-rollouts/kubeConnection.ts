import { createPrivateKey, X509Certificate } from 'node:crypto';
import { Agent } from 'node:https';
import { RingsideError } from '../../../src-shared/ipc/result';
import { registerSecret } from '../../core/security/secretMask';
import { redactUrl } from '../http/redact';

/** How to reach one cluster's API server, credentials and trust included (PEM text, never paths). */
export interface KubeConnection {
  server: string;
  token?: string;
  clientCert?: string;
  clientKey?: string;
  /** the cluster CA bundle; the system's CAs are used when absent */
  ca?: string;
  insecureSkipTlsVerify?: boolean;
  /** SNI and certificate name to expect when the URL's host differs (kubeconfig tls-server-name) */
  tlsServerName?: string;
  /** the kubeconfig context's namespace, the default when a workspace names none */
  namespace?: string;
  /** where this came from, for messages: "kubeconfig ~/.kube/config, context prod" */
  source: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');

function checkCertificate(pem: string, what: string, source: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new RingsideError('bad_request', `${source}: ${what} is not a PEM certificate (${(error as Error).message}).`);
  }
}

/**
 * Checks a connection before any request and builds the https.Agent that carries its trust and
 * client certificate. Plain http is allowed only to this machine (kubectl proxy); skipping TLS
 * verification only when the workspace explicitly allows it.
 */
export function connectionAgent(connection: KubeConnection): Agent | undefined {
  const { source } = connection;
  // Registered before any check, so even a message about a malformed connection cannot carry them.
  registerSecret(connection.token);
  registerSecret(connection.clientKey);
  let url: URL;
  try {
    url = new URL(connection.server);
  } catch {
    throw new RingsideError('bad_request', `${source}: server "${redactUrl(connection.server).slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol === 'http:') {
    if (!LOOPBACK.has(url.hostname)) {
      throw new RingsideError('bad_request', `${source}: server ${url.host} is plain http; Kubernetes API servers must be reached over https (http only to this machine, e.g. kubectl proxy).`);
    }
    if (connection.clientCert || connection.ca) {
      throw new RingsideError('bad_request', `${source}: server ${url.host} is plain http but certificates are configured; use its https URL.`);
    }
    return undefined;
  }
  if (url.protocol !== 'https:') throw new RingsideError('bad_request', `${source}: server must be an https URL, not ${url.protocol}.`);
  if (connection.token !== undefined && (!connection.token.trim() || hasControl(connection.token.trim()))) {
    throw new RingsideError('bad_request', `${source}: the token is empty or contains a line break or control character.`);
  }
  if (connection.insecureSkipTlsVerify) {
    // Certificate errors are never ignored: a server whose certificate cannot be checked gets no credentials.
    throw new RingsideError(
      'bad_request',
      `${source} sets insecure-skip-tls-verify: Ringside will not send credentials to a server whose certificate it cannot check. ` +
        `Give the cluster's CA (certificate-authority-data or certificate-authority).`,
    );
  }

  if (Boolean(connection.clientCert) !== Boolean(connection.clientKey)) {
    throw new RingsideError('bad_request', `${source}: a client certificate needs its key and a key its certificate; only one is set.`);
  }
  if (connection.ca) checkCertificate(connection.ca, 'certificate-authority', source);
  if (connection.clientCert && connection.clientKey) {
    const cert = checkCertificate(connection.clientCert, 'client-certificate', source);
    let key;
    try {
      key = createPrivateKey(connection.clientKey);
    } catch (error) {
      throw new RingsideError('bad_request', `${source}: client-key is not a PEM private key (${(error as Error).message}).`);
    }
    if (!cert.checkPrivateKey(key)) throw new RingsideError('bad_request', `${source}: client-key does not belong to client-certificate.`);
  }
  return new Agent({
    keepAlive: true,
    maxSockets: 8,
    ca: connection.ca,
    cert: connection.clientCert,
    key: connection.clientKey,
    servername: connection.tlsServerName,
    rejectUnauthorized: true,
  });
}
