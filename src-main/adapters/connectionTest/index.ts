import type { ConnectionCheck, WorkspaceConfig } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';
import { checkedConfig, type SecretSource } from '../workspaceBuild';
import { deployPlan } from './deployPlan';
import { flagsPlan } from './flagsPlan';
import { metricsPlan } from './metricsPlan';
import { maskerFor, runSteps, type BackendPlan } from './steps';

export interface ConnectionTestOptions {
  /** per step that waits on the network (connect, handshake, each request); default the backend's timeoutMs, else 5 s */
  timeoutMs?: number;
}

/**
 * "Test connection": for each configured backend (flags, deploy, metrics, in that order) the steps
 * config → reachable → tls → auth → permissions, stopping a backend at its first failure. Nothing
 * is sent for a backend whose config fails (a plain-http URL to another machine, a missing secret).
 * No detail carries a secret value or a URL's userinfo.
 */
export async function testConnection(input: WorkspaceConfig, secrets: SecretSource, options: ConnectionTestOptions = {}): Promise<ConnectionCheck[]> {
  const mask = maskerFor(secrets);
  let config: WorkspaceConfig;
  try {
    config = checkedConfig(input);
  } catch (error) {
    const backend = input?.flags ? 'flags' : input?.deploy ? 'deploy' : 'metrics';
    return [{ backend, step: 'config', ok: false, detail: mask(error instanceof RingsideError ? error.message : 'The workspace is not well-formed.') }];
  }
  const timeout = (own: number | undefined) => options.timeoutMs ?? own ?? 5_000;
  const plans: [BackendPlan, number][] = [];
  if (config.flags) plans.push([flagsPlan(config, secrets, timeout(config.flags.timeoutMs)), timeout(config.flags.timeoutMs)]);
  if (config.deploy) plans.push([deployPlan(config, secrets, timeout(config.deploy.timeoutMs)), timeout(config.deploy.timeoutMs)]);
  if (config.metrics) plans.push([metricsPlan(config, secrets, timeout(config.metrics.timeoutMs)), timeout(config.metrics.timeoutMs)]);
  const results = await Promise.all(plans.map(([plan, ms]) => runSteps(plan, ms, mask)));
  return results.flat();
}
