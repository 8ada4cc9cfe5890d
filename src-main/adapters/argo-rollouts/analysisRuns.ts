import { z } from 'zod';
import type { AnalysisMetric, AnalysisRunView, Measurement } from '../../../src-shared/domain/analysis';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { RolloutRef } from '../../core/ports';
import type { HttpClient } from '../http/httpClient';
import { SERVICE } from './kubeErrors';

const str = z.string().nullish();
const num = z.number().nullish();
const KubeMeasurement = z.looseObject({ phase: str, value: str, startedAt: str, finishedAt: str, message: str });
const KubeMetricResult = z.looseObject({
  name: z.string(), phase: str, count: num, successful: num, failed: num, inconclusive: num, error: num, consecutiveError: num, message: str,
  measurements: z.array(KubeMeasurement).nullish(),
});
// Argo writes failureLimit as an int or an IntOrString ("{{args.limit}}" resolved into a number string).
const KubeMetricSpec = z.looseObject({ name: z.string(), successCondition: str, failureCondition: str, failureLimit: z.union([z.number(), z.string()]).nullish() });
export const KubeAnalysisRun = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string(),
    creationTimestamp: str,
    annotations: z.record(z.string(), z.string()).nullish(),
    ownerReferences: z.array(z.looseObject({ kind: z.string(), name: z.string(), uid: str })).nullish(),
  }),
  spec: z.looseObject({ metrics: z.array(KubeMetricSpec).nullish() }).nullish(),
  status: z.looseObject({ phase: str, message: str, startedAt: str, metricResults: z.array(KubeMetricResult).nullish() }).nullish(),
});
type KubeAnalysisRun = z.infer<typeof KubeAnalysisRun>;
const KubeAnalysisRunList = z.looseObject({ items: z.array(z.unknown()).nullish() });

const time = (iso: string | null | undefined) => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : null;
};
const limit = (v: number | string | null | undefined) => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** One AnalysisRun as the plugin lists it: every metric's counts and measurements, in the controller's order. */
export function toAnalysisRun(run: KubeAnalysisRun): AnalysisRunView {
  const specs = new Map((run.spec?.metrics ?? []).map((m) => [m.name, m]));
  const results = run.status?.metricResults ?? [];
  // Metrics not measured yet still show, with their conditions, so a Pending run is not empty.
  const names = [...new Set([...(run.spec?.metrics ?? []).map((m) => m.name), ...results.map((r) => r.name)])];
  const metrics: AnalysisMetric[] = names.map((name) => {
    const spec = specs.get(name);
    const result = results.find((r) => r.name === name);
    const measurements: Measurement[] = (result?.measurements ?? []).map((m) => ({
      value: m.value ?? null,
      phase: m.phase ?? 'Pending',
      startedAt: time(m.startedAt),
      finishedAt: time(m.finishedAt),
      message: m.message ?? null,
    }));
    return {
      name,
      phase: result?.phase ?? 'Pending',
      successCondition: spec?.successCondition ?? null,
      failureCondition: spec?.failureCondition ?? null,
      failureLimit: limit(spec?.failureLimit),
      count: result?.count ?? 0,
      successful: result?.successful ?? 0,
      failed: result?.failed ?? 0,
      inconclusive: result?.inconclusive ?? 0,
      error: result?.error ?? 0,
      consecutiveError: result?.consecutiveError ?? 0,
      message: result?.message ?? null,
      measurements,
    };
  });
  const revision = Number(run.metadata.annotations?.['rollout.argoproj.io/revision']);
  return {
    name: run.metadata.name,
    namespace: run.metadata.namespace,
    phase: run.status?.phase || 'Pending',
    message: run.status?.message ?? null,
    revision: Number.isInteger(revision) ? revision : null,
    createdAt: time(run.metadata.creationTimestamp),
    startedAt: time(run.status?.startedAt),
    metrics,
  };
}

/** The plugin's order: newest revision first, then oldest created first, then name descending. */
export function byPluginOrder(a: AnalysisRunView, b: AnalysisRunView): number {
  if ((a.revision ?? 0) !== (b.revision ?? 0)) return (b.revision ?? 0) - (a.revision ?? 0);
  if ((a.createdAt ?? 0) !== (b.createdAt ?? 0)) return (a.createdAt ?? 0) - (b.createdAt ?? 0);
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

/**
 * The AnalysisRuns a rollout owns. As the plugin does, every run of the namespace is read and kept
 * when an ownerReference names the rollout (by uid when known, else by kind and name); a run that
 * does not parse is skipped rather than hiding the others.
 */
export async function listAnalysisRuns(client: HttpClient, rolloutPath: string, ref: RolloutRef, rolloutUid: string | null): Promise<AnalysisRunView[]> {
  const collection = rolloutPath.replace(/\/rollouts\/[^/]+$/, '/analysisruns');
  const answer = KubeAnalysisRunList.safeParse(await client.json({ path: collection }));
  if (!answer.success) throw new RingsideError('bad_response', `${SERVICE} answered the AnalysisRuns of namespace ${ref.namespace} with something that is not an AnalysisRunList.`);
  const owned: AnalysisRunView[] = [];
  for (const item of answer.data.items ?? []) {
    const parsed = KubeAnalysisRun.safeParse(item);
    if (!parsed.success) continue;
    const owners = parsed.data.metadata.ownerReferences ?? [];
    const mine = owners.some((o) => o.kind === 'Rollout' && (rolloutUid && o.uid ? o.uid === rolloutUid : o.name === ref.name));
    if (mine) owned.push(toAnalysisRun(parsed.data));
  }
  return owned.sort(byPluginOrder);
}
