import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { loadYaml } from '../../core/rings/yaml';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { KubeConnection } from './kubeConnection';

type Entry = Record<string, unknown>;
const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string) => new RingsideError('bad_request', message);

export const expandHome = (file: string) => (file === '~' || file.startsWith('~/') ? homedir() + file.slice(1) : file);

/** The `name`d entry of a kubeconfig list (clusters, contexts, users) and its inner object. */
function named(config: Entry, list: string, inner: string, name: string, missing: string): Entry {
  const entries = Array.isArray(config[list]) ? (config[list] as unknown[]).filter(isEntry) : [];
  const found = entries.find((e) => e.name === name);
  if (!found) {
    const names = entries.map((e) => JSON.stringify(String(e.name))).slice(0, 10);
    throw bad(`${missing} (${list} defined: ${names.length ? names.join(', ') : 'none'}).`);
  }
  return isEntry(found[inner]) ? found[inner] : {};
}

const text = (entry: Entry, key: string): string | undefined => {
  const value = entry[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Reads one cluster connection from a kubeconfig file the way kubectl does: the given context or
 * current-context; token, tokenFile or client certificate and key (inline `-data` or files,
 * relative paths from the kubeconfig's folder); certificate-authority(-data); tls-server-name;
 * insecure-skip-tls-verify (refused later unless allowed). Credential plugins (exec,
 * auth-provider) are named and refused: Ringside runs no programs on a config file's say-so.
 */
export function readKubeconfig(file: string, context?: string): KubeConnection {
  const path = expandHome(file);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw bad(`Cannot read kubeconfig ${file}: ${(error as Error).message}`);
  }
  let config: unknown;
  try {
    config = loadYaml().parse(source, { maxAliasCount: 50 });
  } catch (error) {
    throw bad(`Kubeconfig ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isEntry(config)) throw bad(`Kubeconfig ${file} does not hold a Config object (clusters, contexts, users).`);

  const contextName = context ?? text(config, 'current-context');
  if (!contextName) throw bad(`Kubeconfig ${file} has no current-context; name the context to use in the workspace's deploy.context.`);
  const ctx = named(config, 'contexts', 'context', contextName, `Kubeconfig ${file} has no context "${contextName}"`);
  const where = `Kubeconfig ${file}, context "${contextName}"`;
  const clusterName = text(ctx, 'cluster');
  const userName = text(ctx, 'user');
  if (!clusterName) throw bad(`${where} names no cluster.`);
  const cluster = named(config, 'clusters', 'cluster', clusterName, `${where} names cluster "${clusterName}", which the file does not define`);
  const user = userName ? named(config, 'users', 'user', userName, `${where} names user "${userName}", which the file does not define`) : {};
  const server = text(cluster, 'server');
  if (!server) throw bad(`${where}: cluster "${clusterName}" has no server URL.`);

  const base = dirname(resolve(path));
  /** inline base64 `<key>-data`, else the file at `<key>` */
  const pem = (entry: Entry, key: string, owner: string): string | undefined => {
    const inline = text(entry, `${key}-data`);
    if (inline) {
      const decoded = Buffer.from(inline, 'base64').toString('utf8');
      if (!decoded.includes('-----BEGIN')) throw bad(`${where}: ${owner} ${key}-data is not base64-encoded PEM.`);
      return decoded;
    }
    const ref = text(entry, key);
    if (!ref) return undefined;
    const target = isAbsolute(expandHome(ref)) ? expandHome(ref) : resolve(base, ref);
    try {
      return readFileSync(target, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw bad(`${where}: cannot read ${owner} ${key} file ${target} (${code}).`);
    }
  };

  const userLabel = `user "${userName ?? ''}"`;
  if (isEntry(user.exec)) {
    throw bad(`${where}: ${userLabel} signs in through an exec credential plugin (${String(user.exec.command ?? '?')}); Ringside runs no plugins. Use a service-account token or a client certificate.`);
  }
  if (isEntry(user['auth-provider'])) {
    throw bad(`${where}: ${userLabel} uses the auth-provider "${String(user['auth-provider'].name ?? '?')}", which Ringside does not support. Use a service-account token or a client certificate.`);
  }
  if (text(user, 'username') || text(user, 'password')) {
    throw bad(`${where}: ${userLabel} uses a username and password, which Kubernetes no longer accepts. Use a token or a client certificate.`);
  }
  let token = text(user, 'token');
  const tokenFile = text(user, 'tokenFile');
  if (!token && tokenFile) {
    const target = isAbsolute(expandHome(tokenFile)) ? expandHome(tokenFile) : resolve(base, tokenFile);
    try {
      token = readFileSync(target, 'utf8').trim();
    } catch (error) {
      throw bad(`${where}: cannot read ${userLabel} tokenFile ${target} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  }
  const namespace = text(ctx, 'namespace');
  return {
    server,
    token,
    clientCert: pem(user, 'client-certificate', userLabel),
    clientKey: pem(user, 'client-key', userLabel),
    ca: pem(cluster, 'certificate-authority', `cluster "${clusterName}"`),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: text(cluster, 'tls-server-name'),
    namespace,
    source: where,
  };
}
