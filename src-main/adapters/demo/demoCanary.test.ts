import { createCore } from '../../core/createCore';
import type { Clock } from '../../core/ports';
import { createDemoWorkspace } from './index';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

function demoCore() {
  let now = NOW;
  const clock: Clock & { advance(ms: number): void } = { now: () => now, every: () => () => {}, advance: (ms) => void (now += ms) };
  const workspace = createDemoWorkspace({ seed: 42, clock });
  const core = createCore({ dataDir: ':memory:', version: 't', clock, workspace: () => workspace, log: () => {} });
  return { core, clock, workspace };
}

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

interface VerdictShape {
  outcome: string;
  reason: string;
  metrics: { id: string; failing: boolean; pValue: number | null; mean: { canary: number; baseline: number } }[];
  rules: { metric: string; tripped: boolean }[];
  stale: boolean;
}

describe('the demo canary through the judge', () => {
  it("fails checkout's degrading canary on its critical error rate and passes search's healthy one", async () => {
    const { core } = demoCore();
    const checkout = await value<VerdictShape>(core.dispatch('canary:judge', { releaseId: 'checkout-2.4.0' }));
    expect(checkout.outcome).toBe('fail');
    const errors = checkout.metrics.find((m) => m.id === 'error_rate')!;
    expect(errors.failing).toBe(true);
    expect(errors.pValue).toBeLessThan(0.01);
    expect(errors.mean.canary).toBeGreaterThan(errors.mean.baseline);
    expect(checkout.reason.length).toBeGreaterThan(10);
    const search = await value<VerdictShape>(core.dispatch('canary:judge', { releaseId: 'search-1.8.2' }));
    expect(search.outcome).toBe('pass');
    expect(search.rules.every((r) => !r.tripped)).toBe(true);
  });

  it('pushes a verdict event and audits it only when the outcome changes', async () => {
    const { core } = demoCore();
    const events: unknown[] = [];
    core.bus.onAny((event, payload) => event === 'canary:verdict' && events.push(payload));
    await core.dispatch('canary:judge', { releaseId: 'checkout-2.4.0' });
    await core.dispatch('canary:judge', { releaseId: 'checkout-2.4.0' });
    expect(events).toEqual([{ releaseId: 'checkout-2.4.0', outcome: 'fail', score: expect.any(Number) }]);
    const markers = await value<{ markers: { kind: string; label: string }[] }>(
      core.dispatch('canary:markers', { releaseId: 'checkout-2.4.0', from: NOW - 3_600_000, to: NOW + 1 }),
    );
    expect(markers.markers).toContainEqual(expect.objectContaining({ kind: 'verdict', label: expect.stringContaining('verdict.changed') }));
  });

  it('draws a kill of the release flag as a marker', async () => {
    const { core, clock } = demoCore();
    clock.advance(1000);
    await value(core.dispatch('flags:setEnabled', { flag: 'checkout.new-pricing-engine', environment: 'production', enabled: false }));
    const { markers } = await value<{ markers: { kind: string; actor: string }[] }>(
      core.dispatch('canary:markers', { releaseId: 'checkout-2.4.0', from: NOW, to: NOW + 5000 }),
    );
    expect(markers.map((m) => m.kind)).toContain('kill');
  });

  it('judges from cached samples, marked stale, when the metrics store stops answering', async () => {
    const { core, workspace, clock } = demoCore();
    await core.dispatch('canary:judge', { releaseId: 'checkout-2.4.0' });
    workspace.metrics!.queryRange = async () => {
      throw new (await import('../../../src-shared/ipc/result')).RingsideError('unavailable', 'Prometheus is down');
    };
    clock.advance(5000); // within one 3 s step the judgement is the one already made
    const offline = await value<VerdictShape>(core.dispatch('canary:judge', { releaseId: 'checkout-2.4.0' }));
    expect(offline).toMatchObject({ outcome: 'fail', stale: true });
  });

  it('answers series holding NaN and Inf (as Prometheus sends them) with those points left out', async () => {
    const { core, workspace } = demoCore();
    workspace.metrics!.queryRange = async () => [{ labels: {}, points: [[1000, 1], [2000, Number.NaN], [3000, Infinity], [4000, 2]] }];
    const answer = await value<{ series: { points: [number, number][] }[] }>(
      core.dispatch('canary:series', { releaseId: 'checkout-2.4.0', from: 0, to: 5000 }),
    );
    expect(answer.series[0]!.points).toEqual([[1000, 1], [4000, 2]]);
  });

  it.each([
    ['bad_response', 'Prometheus answered /api/v1/query_range with something that is not JSON'],
    ['bad_request', 'Prometheus rejected the query (bad_data): parse error'],
    ['unavailable', 'Prometheus is overloaded or unavailable (503)'],
  ] as const)('a %s from the metrics store reaches the user and nothing is cached', async (code, message) => {
    const { core, workspace } = demoCore();
    const { RingsideError } = await import('../../../src-shared/ipc/result');
    workspace.metrics!.queryRange = async () => {
      throw new RingsideError(code, message);
    };
    const series = await core.dispatch('canary:series', { releaseId: 'checkout-2.4.0', from: NOW - 600_000, to: NOW });
    expect(series).toEqual({ ok: false, error: { code, message } });
    // Had anything been cached, the verdict would now fall back to it instead of failing.
    expect(await core.dispatch('canary:judge', { releaseId: 'checkout-2.4.0' })).toMatchObject({ ok: false, error: { code } });
  });
});
