/**
 * AnalysisRuns as Argo Rollouts' controller leaves them (the shape of argo-rollouts'
 * pkg/kubectl-argo-rollouts/info/testdata and examples/analysis), owned by Ringside's fleet:
 * a Running run with measurements under way, a Successful one of an older revision, a Failed one
 * with its consecutive errors, and a blue-green pre-promotion run. Fresh copies on every call.
 */
import type { KubeObject } from './rolloutFixtures';

const UID = {
  checkout: '0f1e2d3c-0000-4000-8000-000000000001',
  payments: '0f1e2d3c-0000-4000-8000-000000000002',
  profile: '0f1e2d3c-0000-4000-8000-000000000007',
};
type Owner = keyof typeof UID;

function run(owner: Owner, name: string, hash: string, revision: string, spec: Record<string, unknown>[], status: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      annotations: { 'rollout.argoproj.io/revision': revision },
      creationTimestamp: status.startedAt,
      generation: 2,
      labels: { 'rollout-type': 'Step', 'rollouts-pod-template-hash': hash },
      name,
      namespace: 'shop',
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', blockOwnerDeletion: true, controller: true, kind: 'Rollout', name: owner, uid: UID[owner] }],
      uid: `${name}-uid`,
    },
    spec: { metrics: spec, args: [{ name: 'service-name', value: owner }] },
    status,
  };
}

const successRate = (service: string) => ({
  name: 'success-rate',
  interval: '1m',
  count: 5,
  successCondition: 'result[0] >= 0.95',
  failureLimit: 1,
  provider: { prometheus: { address: 'http://prometheus.monitoring.svc:9090', query: `sum(rate(http_requests_total{service="${service}",code!~"5.."}[1m])) / sum(rate(http_requests_total{service="${service}"}[1m]))` } },
});
const m = (phase: string, value: string | undefined, startedAt: string, finishedAt?: string, message?: string) => ({
  phase, ...(value !== undefined ? { value } : {}), startedAt, ...(finishedAt ? { finishedAt } : {}), ...(message ? { message } : {}),
});

export function analysisRunFixtures(): KubeObject[] {
  return [
    // checkout, revision 4: the current step's analysis, two measurements in, the third running.
    run('checkout', 'checkout-6c9d8e7a5-4-4', '6c9d8e7a5', '4', [successRate('checkout')], {
      phase: 'Running',
      startedAt: '2026-05-14T10:20:00Z',
      metricResults: [
        {
          name: 'success-rate', phase: 'Running', count: 3, successful: 1, failed: 1,
          measurements: [
            m('Successful', '[0.9931]', '2026-05-14T10:20:00Z', '2026-05-14T10:20:01Z'),
            m('Failed', '[0.9412]', '2026-05-14T10:21:00Z', '2026-05-14T10:21:01Z'),
            m('Running', undefined, '2026-05-14T10:22:00Z'),
          ],
        },
      ],
    }),
    // checkout, revision 3: passed before the current update started.
    run('checkout', 'checkout-5b8c9d7f6-3-4', '5b8c9d7f6', '3', [successRate('checkout')], {
      phase: 'Successful',
      startedAt: '2026-05-12T14:00:00Z',
      metricResults: [
        {
          name: 'success-rate', phase: 'Successful', count: 2, successful: 2,
          measurements: [m('Successful', '[0.9987]', '2026-05-12T14:00:00Z', '2026-05-12T14:00:01Z'), m('Successful', '[0.9990]', '2026-05-12T14:01:00Z', '2026-05-12T14:01:01Z')],
        },
      ],
    }),
    // payments: the query kept erroring, then a measured failure ended the run.
    run('payments', 'payments-7f9c6d5b4-4', '7f9c6d5b4', '4', [{ ...successRate('payments'), failureLimit: 0 }], {
      phase: 'Failed',
      message: 'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
      startedAt: '2026-05-14T09:00:00Z',
      metricResults: [
        {
          name: 'success-rate', phase: 'Failed', count: 3, failed: 1, error: 2, consecutiveError: 2,
          message: 'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
          measurements: [
            m('Error', undefined, '2026-05-14T09:00:00Z', '2026-05-14T09:00:10Z', 'Post "http://prometheus.monitoring.svc:9090/api/v1/query": dial tcp: i/o timeout'),
            m('Error', undefined, '2026-05-14T09:01:00Z', '2026-05-14T09:01:10Z', 'Post "http://prometheus.monitoring.svc:9090/api/v1/query": dial tcp: i/o timeout'),
            m('Failed', '[0.8123]', '2026-05-14T09:02:00Z', '2026-05-14T09:02:01Z'),
          ],
        },
      ],
    }),
    // profile (blue-green): the pre-promotion analysis of the preview ReplicaSet.
    run('profile', 'profile-9b8c7d6e5-5-pre', '9b8c7d6e5', '5', [successRate('profile'), { name: 'p95-latency', interval: '1m', successCondition: 'result[0] <= 0.25', provider: { prometheus: { address: 'http://prometheus.monitoring.svc:9090', query: 'histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{service="profile"}[1m])) by (le))' } } }], {
      phase: 'Running',
      startedAt: '2026-05-14T09:58:00Z',
      metricResults: [
        { name: 'success-rate', phase: 'Running', count: 1, successful: 1, measurements: [m('Successful', '[0.9968]', '2026-05-14T09:58:00Z', '2026-05-14T09:58:01Z')] },
        { name: 'p95-latency', phase: 'Running', count: 1, inconclusive: 1, measurements: [m('Inconclusive', '[0.2710]', '2026-05-14T09:58:00Z', '2026-05-14T09:58:02Z')] },
      ],
    }),
  ];
}
