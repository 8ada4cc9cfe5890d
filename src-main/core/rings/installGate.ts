import type { GateInstall } from '../../../src-shared/domain/analysis';
import type { ReleasePlan } from '../../../src-shared/domain/plan';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { GateExportOptions } from './analysisTemplate';
import type { RolloutActionContext } from './rolloutActions';
import { loadYaml } from './yaml';

export interface InstallRequest extends GateExportOptions {
  planId: string;
  actor: string;
  reason?: string;
  blackoutOverride?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Installing a plan's health gate in the cluster. It changes what the controller enforces on a
 * release, so it is a release action: the release windows are asked first (as for a promote), the
 * intent is audited before the API is called and the outcome after, with what the server holds.
 */
export function createGateInstaller(ctx: RolloutActionContext & {
  plan: (planId: string) => ReleasePlan | null;
  exportGate: (planId: string, options: GateExportOptions) => { name: string; yaml: string };
}) {
  async function install(req: InstallRequest): Promise<GateInstall> {
    const plan = ctx.plan(req.planId);
    if (!plan) throw new RingsideError('not_found', `No release plan "${req.planId.slice(0, 80)}" in workspace ${ctx.workspace.name}.`);
    const ref = plan.rollout;
    if (!ref) throw new RingsideError('bad_request', `Plan ${plan.name} drives no rollout, so there is no namespace to install its gate in.`);
    const who = { actor: req.actor, source: 'console' as const };
    ctx.policy?.requireAllowed('gate.install', 'deploy', who);
    const deploy = ctx.workspace.deploy;
    if (!deploy) throw new RingsideError('unavailable', 'No deploy backend is configured for this workspace.');
    const installer = deploy.installAnalysisTemplate?.bind(deploy);
    if (!installer) throw new RingsideError('unavailable', `The ${deploy.provider} deploy backend cannot install analysis templates.`);
    const exported = ctx.exportGate(plan.id, { address: req.address, intervalSeconds: req.intervalSeconds });
    const approval = (await ctx.policy?.fourEyes.requireDeployApproval(ref, 'installGate', `Installing the health gate ${exported.name} in ${ref.namespace}`)) ?? null;
    ctx.gate.check(`Installing the health gate ${exported.name} in ${ref.namespace}`, req.blackoutOverride, req.actor);
    const base = {
      source: 'console' as const,
      actor: req.actor,
      workspace: ctx.workspace.id,
      environment: null,
      objectType: 'rollout' as const,
      objectId: ref.name,
      reason: req.reason ?? null,
    };
    const before = { namespace: ref.namespace, template: exported.name, plan: plan.id };
    const intentId = ctx.audit.append({ ...base, time: ctx.clock.now(), action: 'analysisTemplate.install.requested', before, after: { address: req.address }, result: 'pending' });
    const outcome = (result: string, after: unknown) =>
      ctx.audit.append({ ...base, time: ctx.clock.now(), action: 'analysisTemplate.installed', before, after, result });
    try {
      const installed = await ctx.backends.track('deploy', () => installer(ref, loadYaml().parse(exported.yaml) as Record<string, unknown>));
      outcome(installed.operation, {
        intentId,
        resourceVersion: installed.resourceVersion,
        metrics: installed.metrics,
        referencedBy: installed.references.map((r) => r.where),
      });
      await ctx.policy?.released(ref, approval, who);
      return installed;
    } catch (error) {
      outcome(`failed: ${message(error).slice(0, 500)}`, { intentId });
      throw error;
    } finally {
      ctx.bus.emit('state:changed', { domain: 'audit' });
    }
  }
  return { install };
}
export type GateInstaller = ReturnType<typeof createGateInstaller>;
