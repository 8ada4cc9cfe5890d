import type { ConnectionCheck, SecretName } from '../../../src-shared/domain/workspaceConfig';
import { SecretName as SecretNames } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { SecretSource } from '../workspaceBuild';
import { handshake, reachable, type Endpoint } from './probes';

/** A backend ready to be tested: its config checked, its client built (no request sent yet). */
export interface Prepared {
  endpoint: Endpoint;
  /** what the config step found, in a sentence */
  summary: string;
  /** one authenticated read; its answer in a sentence */
  auth(): Promise<string>;
  /** what the credentials may do, in a sentence */
  permissions(): Promise<string>;
  dispose(): void;
}

export interface BackendPlan {
  backend: ConnectionCheck['backend'];
  /** checks the config (URL rule, CA, secrets) and throws a RingsideError naming what is wrong */
  prepare(): Prepared;
}

const messageOf = (error: unknown) => (error instanceof RingsideError ? error.message : `Unexpected failure (${(error as Error)?.name ?? 'error'}).`);

/** Every secret value of the source masked, and any userinfo left in a URL: the last pass over what the test reports. */
export function maskerFor(secrets: SecretSource): (text: string) => string {
  const values = (SecretNames.options as SecretName[])
    .map((name) => secrets.get(name))
    .map((v) => v?.trim())
    .filter((v): v is string => typeof v === 'string' && v.length >= 4)
    .sort((a, b) => b.length - a.length);
  return (text) => values.reduce((t, v) => t.split(v).join('•••'), text).replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1');
}

/** Config, reachable, tls, auth, permissions, in that order; the first failure ends the backend's steps. */
export async function runSteps(plan: BackendPlan, timeoutMs: number, mask: (text: string) => string): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  const record = (step: ConnectionCheck['step'], ok: boolean, detail: string) => {
    checks.push({ backend: plan.backend, step, ok, detail: mask(detail) });
    return ok;
  };
  let prepared: Prepared;
  try {
    prepared = plan.prepare();
  } catch (error) {
    record('config', false, messageOf(error));
    return checks;
  }
  try {
    record('config', true, prepared.summary);
    const reach = await reachable(prepared.endpoint, timeoutMs);
    if (!record('reachable', reach.ok, reach.detail)) return checks;
    if (prepared.endpoint.url.protocol === 'https:') {
      const tls = await handshake(prepared.endpoint, timeoutMs);
      if (!record('tls', tls.ok, tls.detail)) return checks;
    } else {
      record('tls', true, 'Not used: plain http, which Ringside allows only to this machine.');
    }
    for (const [step, run] of [['auth', prepared.auth], ['permissions', prepared.permissions]] as const) {
      let detail: string;
      try {
        detail = await run();
      } catch (error) {
        record(step, false, messageOf(error));
        return checks;
      }
      record(step, true, detail);
    }
    return checks;
  } finally {
    prepared.dispose();
  }
}
