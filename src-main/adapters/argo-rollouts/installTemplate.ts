import type { GateInstall, TemplateReference } from '../../../src-shared/domain/analysis';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpClient } from '../http/httpClient';
import { SERVICE } from './kubeErrors';

const API = '/apis/argoproj.io/v1alpha1/namespaces';
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** templates[].templateName of an analysis block, and the pre-0.9 single templateName. */
function namesIn(analysis: unknown): string[] {
  const a = obj(analysis);
  const names = arr(a.templates).map((t) => obj(t).templateName);
  if (typeof a.templateName === 'string') names.push(a.templateName);
  return names.filter((n): n is string => typeof n === 'string' && n.length > 0);
}

/** Every place a rollout's spec names an AnalysisTemplate: canary steps and background analysis, blue-green pre/post promotion. */
export function templateReferences(rolloutSpec: unknown): TemplateReference[] {
  const strategy = obj(obj(rolloutSpec).strategy);
  const canary = obj(strategy.canary);
  const blueGreen = obj(strategy.blueGreen);
  const out: TemplateReference[] = [];
  arr(canary.steps).forEach((step, index) => {
    for (const templateName of namesIn(obj(step).analysis)) out.push({ where: `step ${index + 1} (analysis)`, templateName });
  });
  for (const templateName of namesIn(canary.analysis)) out.push({ where: 'background analysis', templateName });
  for (const key of ['prePromotionAnalysis', 'postPromotionAnalysis'] as const) {
    for (const templateName of namesIn(blueGreen[key])) out.push({ where: key, templateName });
  }
  return out;
}

function permission(error: unknown, verb: string, namespace: string): never {
  if (error instanceof RingsideError && error.code === 'forbidden') {
    throw new RingsideError(
      'forbidden',
      `${SERVICE} answered 403: the credentials may not ${verb} AnalysisTemplates in namespace ${namespace}. ` +
        `Grant them a Role allowing "get", "create" and "update" on analysistemplates (API group argoproj.io) there, or install the exported YAML with kubectl.`,
    );
  }
  throw error;
}

/**
 * Create or update the template as kubectl apply would, with a server-side dry run before the
 * write: GET (does it exist, at which resourceVersion), POST or PUT with ?dryRun=All, the same
 * write for real, then a GET to report what the server holds. A template Ringside did not create
 * is not overwritten. The PUT carries the resourceVersion read, so a concurrent change is a 409.
 */
export async function installTemplate(client: HttpClient, namespace: string, template: Json, rolloutSpec: unknown): Promise<GateInstall> {
  const metadata = obj(template.metadata);
  const name = metadata.name;
  if (template.kind !== 'AnalysisTemplate' || typeof name !== 'string' || !DNS_SUBDOMAIN.test(name)) {
    throw new RingsideError('bad_request', 'Only an AnalysisTemplate with a Kubernetes object name can be installed.');
  }
  const collection = `${API}/${namespace}/analysistemplates`;
  const one = `${collection}/${name}`;
  let existing: Json | null = null;
  try {
    existing = obj(await client.json({ path: one }));
  } catch (error) {
    if (!(error instanceof RingsideError && error.code === 'not_found')) permission(error, 'read', namespace);
  }
  if (existing && obj(obj(existing.metadata).labels)[MANAGED_BY] !== 'ringside') {
    throw new RingsideError('conflict', `AnalysisTemplate ${name} in namespace ${namespace} exists and was not installed by Ringside; it is left as it is. Rename the release or remove that template first.`);
  }
  const resourceVersion = existing ? obj(existing.metadata).resourceVersion : undefined;
  const body = { ...template, metadata: { ...metadata, namespace, ...(existing ? { resourceVersion } : {}) } };
  const verb = existing ? 'update' : 'create';
  const write = (dryRun: boolean) =>
    client
      .json({ method: existing ? 'PUT' : 'POST', path: `${existing ? one : collection}${dryRun ? '?dryRun=All' : ''}`, body, idempotent: dryRun })
      .catch((error: unknown) => permission(error, verb, namespace));
  await write(true);
  await write(false);
  const stored = obj(await client.json({ path: one }).catch((error: unknown) => permission(error, 'read', namespace)));
  const storedMeta = obj(stored.metadata);
  const metrics = arr(obj(stored.spec).metrics).map((m) => String(obj(m).name ?? ''));
  const all = templateReferences(rolloutSpec);
  return {
    name,
    namespace,
    operation: existing ? 'updated' : 'created',
    resourceVersion: typeof storedMeta.resourceVersion === 'string' ? storedMeta.resourceVersion : null,
    metrics,
    references: all.filter((r) => r.templateName === name),
    otherTemplates: all.filter((r) => r.templateName !== name),
  };
}
