import { act, screen, within } from '@testing-library/react';
import { App } from '../../App';
import type { GateVerdict, GuardAlert, PlanRun } from '../../../../src-shared/domain/plan';
import { ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import * as fixtures from '../../test/fixtures';
import { NOW } from '../../test/fixtures';
import { bakingRun, openStatus, planView } from '../../test/fakeRings';
import { renderConsole, settle } from '../../test/renderConsole';
import { useRingside } from '../../store/useRingside';
import { RingsView } from './RingsView';

const stage = (name: string) => screen.getAllByTestId('ring-stage').find((s) => s.getAttribute('data-ring') === name)!;
const judgedWindow = { from: NOW - 30 * 60_000, to: NOW };

/** A verdict failed by a rule on its third breach while every metric passes: the score is 100. */
function failedByRule(canary: number): GateVerdict {
  return {
    outcome: 'fail',
    score: 100,
    reason: 'Failed: a stop-the-line rule breached on 3 consecutive evaluations. Error rate (5xx) (last sample): canary 2.1% is 5.4× baseline 0.39%; the limit is 2×.',
    decidedBy: 'rule',
    decidedAt: NOW,
    window: judgedWindow,
    stale: false,
    metrics: [
      { metric: 'error_rate', label: 'Error rate (5xx)', unit: '%', classification: 'Pass', failing: false, canary, baseline: 0.3657, pValue: 0.2 },
      { metric: 'latency_p95', label: 'Latency p95', unit: 'ms', classification: 'Pass', failing: false, canary: 212.4, baseline: 210.2, pValue: 0.5 },
    ],
    rules: [
      {
        kind: 'relative', metric: 'error_rate', threshold: 2, tripped: true, canary: 2.1, baseline: 0.39,
        message: 'Error rate (5xx) (last sample): canary 2.1% is 5.4× baseline 0.39%; the limit is 2×',
        label: 'Error rate (5xx)', unit: '%', statistic: 'last', breached: true, evaluated: true, breaches: 3, tripAfter: 3,
      },
    ],
  };
}

function listing(run: PlanRun) {
  const bridge = createFakeBridge();
  bridge.respond('plans:list', () => ok({ plans: [planView(run)], unplanned: [], blackout: openStatus }));
  return bridge;
}

describe('one judgement on the rings', () => {
  it('a ring’s verdict names what decided it and its window, in the metrics’ labels and units', async () => {
    await renderConsole(listing({ ...bakingRun, verdict: failedByRule(1.7357) }), <RingsView />);
    const verdict = within(stage('Ring 1')).getByTestId('gate-verdict');
    // "fail" never sits beside "score 100" without the rule that failed it
    expect(verdict.querySelector('.gate-headline')!.textContent).toBe('verdict fail · stop-the-line rule on Error rate (5xx) (3 of 3 breaches) · score 100 / 100');
    expect(within(verdict).getByTestId('gate-window').textContent).toMatch(/^last 30 min to \d\d:\d\d:\d\d$/);
    const row = within(verdict).getAllByTestId('gate-metric').find((r) => r.dataset.metric === 'error_rate')!;
    expect(within(row).getByRole('rowheader').textContent).toBe('Error rate (5xx)');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1.74%', '0.366%', '0.2']);
    expect(within(verdict).getByTestId('gate-rule').textContent).toBe(
      'tripped, 3 of 3 breaches: Error rate (5xx) (last sample): canary 2.1% is 5.4× baseline 0.39%; the limit is 2×',
    );
    expect(verdict.textContent).not.toContain('error_rate');
  });

  it('a ring the guard stopped shows the judgement that stopped it, as the banner does, not a later one', async () => {
    const evidence = failedByRule(1.7357);
    const halt = { ring: 1, at: NOW, by: 'ringside-guard', reason: evidence.reason, kind: 'guard' as const, acted: true, rolledBack: true, evidence };
    const later = { ...failedByRule(1.1604), decidedAt: NOW + 60_000, window: { from: judgedWindow.from + 60_000, to: judgedWindow.to + 60_000 } };
    const { bridge } = await renderConsole(listing({ ...bakingRun, halt, verdict: later }), <App />);
    act(() => useRingside.getState().setView('rings'));
    await settle();
    const alert: GuardAlert = { planId: 'plan-payments-3ds', releaseId: 'payments-3ds-1.4.0', ring: 'Ring 1', acted: true, message: 'Stop the line: payments-3ds 1.4.0 halted at Ring 1.', at: NOW, layers: [], evidence };
    act(() => bridge.emit('plans:guard', alert));
    await settle();

    const card = within(stage('Ring 1')).getByTestId('gate-verdict');
    expect(card.querySelector('.gate-headline')!.textContent).toMatch(/^stopped on verdict fail/);
    const mean = (root: Element) => root.querySelector('[data-metric="error_rate"] [data-role="canary-mean"]')!.textContent;
    const banner = screen.getByTestId('guard-evidence');
    expect(mean(card)).toBe('1.74%');
    expect(mean(banner)).toBe(mean(card));
    expect(mean(screen.getByTestId('plan-halt'))).toBe(mean(card));
    expect(within(banner).getByTestId('guard-rule').textContent).toContain('3 of 3 breaches');
    expect(within(banner).getByTestId('guard-window').textContent).toMatch(/^judged over the last 30 min to \d\d:\d\d:\d\d$/);
  });

  it('the plan header’s canary weight follows the newer of the plan’s reading and the rollouts table’s', async () => {
    const run: PlanRun = { ...bakingRun, observedAt: NOW - 60_000, rollout: { phase: 'Paused', canaryWeight: 5, aborted: false, paused: true, message: null, observedAt: NOW - 60_000 } };
    const bridge = listing(run);
    const listed = { ...fixtures.rollouts[0]!, name: 'payments-3ds', canaryWeight: 25, observedAt: NOW };
    bridge.respond('rollouts:list', () => ok({ rollouts: [listed] }));
    await renderConsole(bridge, <RingsView />);
    expect(screen.getByTestId('plan-rollout-state').textContent).toBe(' Paused, canary 25%');
    expect(screen.getAllByTestId('rollout-row')[0]!.textContent).toContain('25%');

    // and the plan's own reading when it is the newer one (its own promotion, say)
    bridge.respond('rollouts:list', () => ok({ rollouts: [{ ...listed, observedAt: NOW - 120_000 }] }));
    bridge.respond('plans:list', () => ok({ plans: [planView({ ...run, rollout: { ...run.rollout!, canaryWeight: 50, observedAt: NOW + 1 } })], unplanned: [], blackout: openStatus }));
    act(() => {
      bridge.emit('state:changed', { domain: 'rollouts' });
      bridge.emit('state:changed', { domain: 'plans' });
    });
    await settle();
    expect(screen.getByTestId('plan-rollout-state').textContent).toBe(' Paused, canary 50%');
  });
});
