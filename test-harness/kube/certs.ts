import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Throwaway certificates made with the `openssl` CLI at test time (P-256 keys, valid one day):
 * a cluster CA signing the API server's certificate (127.0.0.1 and localhost) and a client
 * certificate, plus an unrelated CA that signs nothing the server uses.
 */
export interface TestPki {
  dir: string;
  /** file paths; read them with `pem()` */
  caCert: string;
  serverKey: string;
  serverCert: string;
  clientKey: string;
  clientCert: string;
  otherCaCert: string;
  pem(path: string): string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') {
      throw new Error('The openssl CLI is needed to make test certificates: apt-get install -y openssl', { cause: error });
    }
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString() ?? err.message}`, { cause: error });
  }
}

function keyAndCsr(dir: string, name: string, subject: string): void {
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
}

function selfSignedCa(dir: string, name: string, subject: string): void {
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '1', '-subj', subject,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
}

function sign(dir: string, name: string, ca: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`], dir);
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-pki-'));
  selfSignedCa(dir, 'ca', '/CN=ringside-test-cluster-ca');
  selfSignedCa(dir, 'other-ca', '/CN=somebody-elses-ca');
  keyAndCsr(dir, 'server', '/CN=kube-apiserver');
  sign(dir, 'server', 'ca', 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
  keyAndCsr(dir, 'client', '/O=ringside-operators/CN=release-manager');
  sign(dir, 'client', 'ca', 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n');
  const path = (f: string) => join(dir, f);
  return {
    dir,
    caCert: path('ca.crt'),
    serverKey: path('server.key'),
    serverCert: path('server.crt'),
    clientKey: path('client.key'),
    clientCert: path('client.crt'),
    otherCaCert: path('other-ca.crt'),
    pem: (p) => readFileSync(p, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
