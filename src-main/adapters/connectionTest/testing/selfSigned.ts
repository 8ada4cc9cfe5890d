import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed server certificate for 127.0.0.1 and localhost, made by the openssl CLI at test time (P-256, one day). */
export interface SelfSigned {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  remove(): void;
}

export function makeSelfSigned(commonName = 'ringside-self-signed'): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.crt', '-days', '1',
        '-subj', `/CN=${commonName}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('The openssl CLI is needed to make test certificates: apt-get install -y openssl', { cause: error });
    throw error;
  }
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  return { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
