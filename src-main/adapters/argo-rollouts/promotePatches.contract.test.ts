import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider, type ArgoRolloutsProvider } from './argoRolloutsProvider';

const TOKEN = 'sa-token-for-tests';
type Verb = 'promote' | 'promoteFull' | 'abort' | 'retry' | 'pause';

/**
 * The bodies `kubectl argo rollouts <verb>` sends for each fixture, written out from the plugin's
 * rules (cmd/promote getPatches, cmd/abort, cmd/retry, cmd/pause): [status patch, spec patch, unified].
 * promote --full of a spec-paused rollout also unpauses it (Ringside's addition, see promotePatches.ts).
 */
const UNPAUSE_CLEAR = { spec: { paused: false }, status: { pauseConditions: null } };
const PLUGIN: [string, string, Verb, unknown, unknown, unknown][] = [
  ['shop', 'checkout', 'promote', { status: { pauseConditions: null } }, null, UNPAUSE_CLEAR],
  ['shop', 'payments', 'promote', { status: { pauseConditions: null, currentStepIndex: 5 } }, null, { spec: { paused: false }, status: { pauseConditions: null, currentStepIndex: 5 } }],
  ['shop', 'cart', 'promote', { status: { pauseConditions: null, controllerPause: false, currentStepIndex: 5 } }, null, UNPAUSE_CLEAR],
  ['shop', 'profile', 'promote', { status: { pauseConditions: null } }, null, UNPAUSE_CLEAR],
  ['search', 'indexer', 'promote', { status: { pauseConditions: null, currentStepIndex: 2 } }, null, { spec: { paused: false }, status: { pauseConditions: null, currentStepIndex: 2 } }],
  ['shop', 'checkout', 'promoteFull', { status: { promoteFull: true } }, null, { status: { promoteFull: true } }],
  ['shop', 'profile', 'promoteFull', { status: { promoteFull: true } }, null, { status: { promoteFull: true } }],
  ['search', 'indexer', 'promoteFull', null, null, null],
  ['shop', 'checkout', 'abort', { status: { abort: true } }, null, { status: { abort: true } }],
  ['shop', 'recommendations', 'retry', { status: { abort: false } }, null, { status: { abort: false } }],
  ['shop', 'payments', 'pause', null, { spec: { paused: true } }, null],
];

const sent = (server: KubeContractServer) =>
  server.requests.filter((r) => r.method === 'PATCH').map((r) => ({ path: r.path.replace('/apis/argoproj.io/v1alpha1/namespaces/', ''), body: r.body }));

async function run(statusSubresource: boolean, namespace: string, name: string, verb: Verb, prepare?: (s: KubeContractServer) => void) {
  const server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), statusSubresource });
  prepare?.(server);
  const argo: ArgoRolloutsProvider = createArgoRolloutsProvider({
    connection: { server: server.url, token: TOKEN, source: 'test' },
    namespaces: ['shop', 'search'],
    freshness: { delaysMs: [0], sleep: async () => void server.controllerStep() },
  });
  try {
    await argo[verb]({ namespace, name });
    return sent(server);
  } finally {
    argo.dispose();
    await server.stop();
  }
}

describe('action patch bodies, compared with the plugin', () => {
  it.each(PLUGIN)('%s/%s %s with the status subresource', async (ns, name, verb, status, spec) => {
    const expected = [
      ...(status ? [{ path: `${ns}/rollouts/${name}/status`, body: status }] : []),
      ...(spec ? [{ path: `${ns}/rollouts/${name}`, body: spec }] : []),
    ];
    expect(await run(true, ns, name, verb)).toEqual(expected);
  });

  it.each(PLUGIN)('%s/%s %s without the status subresource (0.9)', async (ns, name, verb, status, spec, unified) => {
    const expected = [
      ...(status ? [{ path: `${ns}/rollouts/${name}/status`, body: status }] : []),
      ...(status ? (unified ? [{ path: `${ns}/rollouts/${name}`, body: unified }] : []) : spec ? [{ path: `${ns}/rollouts/${name}`, body: spec }] : []),
    ];
    expect(await run(false, ns, name, verb)).toEqual(expected);
  });

  it('promote --full of a manually paused rollout also unpauses it, with and without the status subresource', async () => {
    const pause = (s: KubeContractServer) => {
      const object = s.stored('shop', 'checkout')!;
      s.put({ ...object, spec: { ...object.spec, paused: true } });
    };
    expect(await run(true, 'shop', 'checkout', 'promoteFull', pause)).toEqual([
      { path: 'shop/rollouts/checkout/status', body: { status: { promoteFull: true } } },
      { path: 'shop/rollouts/checkout', body: { spec: { paused: false } } },
    ]);
    expect(await run(false, 'shop', 'checkout', 'promoteFull', pause)).toEqual([
      { path: 'shop/rollouts/checkout/status', body: { status: { promoteFull: true } } },
      { path: 'shop/rollouts/checkout', body: { spec: { paused: false }, status: { promoteFull: true } } },
    ]);
  });
});
