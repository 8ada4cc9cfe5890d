/**
 * A plan's health gate as an Argo Rollouts AnalysisTemplate (argoproj.io/v1alpha1, Prometheus
 * provider), so the cluster keeps enforcing the gate when no console is open.
 *
 * Argo evaluates one PromQL result per measurement; it cannot run the Mann-Whitney test. So each
 * metric becomes the ratio of the canary's and the baseline's query, which must stay within the
 * metric's tolerance in its harmful direction (successCondition), and each hard rule becomes its
 * own metric that fails past the same threshold (failureCondition). Critical metrics allow no
 * failed measurement; other metrics allow one, as the score tolerates one weak metric. A rule
 * trips in Ringside after tripAfter consecutive breaches; Argo counts failed measurements in
 * total, so failureLimit tripAfter − 1 trips there as soon as here or sooner, never later.
 * An instant query reads the latest value, so rules compare the last window whatever their
 * statistic, and a relative rule's floor is not carried over.
 */
import { loadYaml } from './yaml';
import type { MetricDef } from '../../../src-shared/domain/canary';
import { RingsideError } from '../../../src-shared/ipc/result';
import { DEFAULT_TOLERANCE, DEFAULT_TRIP_AFTER, type Rule } from '../canary/judge/index';
import { defaultRules } from '../canary/verdict';
import type { ReleaseDefinition } from '../workspace';

export interface GateExportOptions {
  /** the Prometheus address as the cluster reaches it (often not the console's) */
  address: string;
  /** seconds between measurements */
  intervalSeconds: number;
}

/** A DNS-1123 name Kubernetes accepts for metadata.name. */
export function templateName(releaseId: string): string {
  const slug = releaseId
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${slug.slice(0, 200) || 'release'}-health-gate`;
}

const metricName = (id: string) => id.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
const fixed = (x: number) => String(Number(x.toPrecision(6)));

function ratioCondition(metric: MetricDef): string {
  const tolerance = metric.tolerance ?? DEFAULT_TOLERANCE;
  const upper = `result[0] <= ${fixed(1 + tolerance)}`;
  const lower = `result[0] >= ${fixed(Math.max(0, 1 - tolerance))}`;
  return metric.harmful === 'increase' ? upper : metric.harmful === 'decrease' ? lower : `${lower} && ${upper}`;
}

/** Argo resolves {{…}} in a query as its own template arguments; a query holding one would break there. */
function checkQuery(query: string, what: string): string {
  if (query.includes('{{')) {
    throw new RingsideError('bad_request', `The ${what} query contains "{{", which Argo Rollouts would read as a template argument; it cannot be exported as is.`);
  }
  return query;
}

export function analysisTemplate(definition: ReleaseDefinition, options: GateExportOptions): { name: string; yaml: string } {
  const { release } = definition;
  if (release.metrics.length === 0) throw new RingsideError('bad_request', `Release ${release.id} has no health metrics to export.`);
  const interval = `${options.intervalSeconds}s`;
  const provider = (query: string) => ({ prometheus: { address: options.address, query } });
  const queriesOf = (id: string) => {
    const q = definition.queries[id];
    if (!q) throw new RingsideError('bad_request', `Metric ${id} of ${release.id} has no canary and baseline queries.`);
    return { canary: checkQuery(q.canary, `${id} canary`), baseline: checkQuery(q.baseline, `${id} baseline`) };
  };

  const metrics: Record<string, unknown>[] = release.metrics.map((m) => {
    const q = queriesOf(m.id);
    return {
      name: metricName(m.id),
      interval,
      successCondition: ratioCondition(m),
      failureLimit: m.critical ? 0 : 1,
      provider: provider(`(${q.canary})\n/\n(${q.baseline})`),
    };
  });
  const rules: Rule[] = definition.rules ?? defaultRules(release);
  for (const rule of rules) {
    const q = queriesOf(rule.metric);
    const query = rule.kind === 'absolute' ? `(${q.canary})\n-\n(${q.baseline})` : `(${q.canary})\n/\n(${q.baseline})`;
    metrics.push({
      name: `${metricName(rule.metric)}-${rule.kind}-limit`,
      interval,
      failureCondition: `result[0] > ${fixed(rule.threshold)}`,
      failureLimit: (rule.tripAfter ?? DEFAULT_TRIP_AFTER) - 1,
      provider: provider(query),
    });
  }

  const name = templateName(release.id);
  const document = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'ringside' } },
    spec: { metrics },
  };
  return { name, yaml: loadYaml().stringify(document, { lineWidth: 0 }) };
}
