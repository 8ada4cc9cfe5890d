import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createArgoRolloutsProvider, type ArgoRolloutsProvider } from './argoRolloutsProvider';
import { expandHome, readKubeconfig } from './kubeconfig';
import type { KubeConnection } from './kubeConnection';

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name like RINGSIDE_KUBE_TOKEN');
const Namespace = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a Kubernetes namespace name');

/**
 * The `deploy` section of a workspace file: Argo Rollouts through the Kubernetes API, reached
 * either through a kubeconfig file (its context's credentials and CA) or a URL with a token taken
 * from an environment variable and an optional CA file.
 */
export const DeployDefinition = z
  .object({
    provider: z.literal('argo-rollouts'),
    namespaces: z.array(Namespace).min(1).max(50).optional(),
    kubeconfig: z.string().min(1).max(4096).optional(),
    context: z.string().min(1).max(253).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    tokenEnv: EnvName.optional(),
    caFile: z.string().min(1).max(4096).optional(),
    /** refused: Ringside never skips certificate checks (kept so an old file gets a clear answer) */
    allowInsecureTls: z.literal(false, { error: "is no longer supported: Ringside never skips certificate checks; give the cluster's CA instead" }).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (Boolean(d.kubeconfig) === Boolean(d.url)) {
      ctx.addIssue({ code: 'custom', path: ['kubeconfig'], message: 'give either kubeconfig (a file) or url, exactly one' });
    }
    if (d.kubeconfig && (d.tokenEnv || d.caFile)) {
      ctx.addIssue({ code: 'custom', path: [d.tokenEnv ? 'tokenEnv' : 'caFile'], message: 'goes with url; a kubeconfig carries its own credentials and CA' });
    }
    if (d.url && d.context) ctx.addIssue({ code: 'custom', path: ['context'], message: 'goes with kubeconfig, not url' });
  });
export type DeployDefinition = z.infer<typeof DeployDefinition>;

function urlConnection(d: DeployDefinition, workspace: string, env: NodeJS.ProcessEnv): KubeConnection {
  const source = `Workspace ${workspace}, deploy`;
  let token: string | undefined;
  if (d.tokenEnv) {
    token = env[d.tokenEnv];
    if (!token) throw new RingsideError('bad_request', `Workspace ${workspace} needs a Kubernetes token: set the environment variable ${d.tokenEnv}.`);
  }
  let ca: string | undefined;
  if (d.caFile) {
    try {
      ca = readFileSync(expandHome(d.caFile), 'utf8');
    } catch (error) {
      throw new RingsideError('bad_request', `${source}: cannot read caFile ${d.caFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  }
  return { server: d.url!, token, ca, source };
}

/** The provider a workspace definition describes; every problem is named before any request. */
export function argoRolloutsFromDefinition(input: z.input<typeof DeployDefinition>, workspace: string, env: NodeJS.ProcessEnv = process.env): ArgoRolloutsProvider {
  const d = DeployDefinition.parse(input);
  const connection = d.kubeconfig ? readKubeconfig(d.kubeconfig, d.context) : urlConnection(d, workspace, env);
  return createArgoRolloutsProvider({ connection, namespaces: d.namespaces, timeoutMs: d.timeoutMs });
}
