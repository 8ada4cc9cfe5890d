import { render, screen, within } from '@testing-library/react';
import type { MetricDef } from '../../../../src-shared/domain/canary';
import type { Verdict } from '../../../../src-shared/domain/verdict';
import { VerdictPanel } from './VerdictPanel';

const metrics: MetricDef[] = [
  { id: 'error_rate', label: 'Error rate', unit: '%', harmful: 'increase', critical: true },
  { id: 'latency_p95', label: 'Latency p95', unit: 'ms', harmful: 'increase' },
];

const verdict = (overrides: Partial<Verdict> = {}): Verdict => ({
  releaseId: 'checkout-2.4.0',
  outcome: 'fail',
  score: 40,
  reason: 'error_rate failed (critical): canary higher, p < 0.0001',
  decidedAt: Date.UTC(2026, 10, 22, 12, 0, 0),
  window: { from: Date.UTC(2026, 10, 22, 11, 30, 0), to: Date.UTC(2026, 10, 22, 12, 0, 0) },
  stale: false,
  metrics: [
    {
      id: 'error_rate', classification: 'High', harmful: 'increase', failing: true, critical: true, weight: 2,
      reason: 'canary higher', n: { canary: 360, baseline: 360 }, mean: { canary: 1.6, baseline: 0.4 },
      ratio: 4, pValue: 0.00001, shift: 1.2, ci: { lower: 1.1, upper: 1.3 }, method: 'normal',
    },
    {
      id: 'latency_p95', classification: 'Pass', harmful: 'increase', failing: false, critical: false, weight: 2,
      reason: 'no significant difference', n: { canary: 360, baseline: 360 }, mean: { canary: 181, baseline: 180 },
      ratio: 1.005, pValue: 0.41, shift: 0.5, ci: { lower: -1, upper: 2 }, method: 'normal',
    },
  ],
  decidedBy: 'rule',
  rules: [
    {
      kind: 'relative', metric: 'error_rate', threshold: 2, tripped: true, canary: 1.6, baseline: 0.4,
      message: 'Error rate (last sample): canary 1.6% is 4× baseline 0.4%; the limit is 2×', label: 'Error rate', unit: '%', breached: true, breaches: 3, tripAfter: 3,
    },
    {
      kind: 'absolute', metric: 'latency_p95', threshold: 200, tripped: false, canary: 181, baseline: 180,
      message: 'Latency p95 (last sample): canary 181 ms is 1 ms above baseline 180 ms; the limit is +200 ms', label: 'Latency p95', unit: 'ms', breached: false, breaches: 0, tripAfter: 3,
    },
  ],
  ...overrides,
});

describe('VerdictPanel', () => {
  it('shows the outcome, what decided it, its window and the numbers that decided it', () => {
    render(<VerdictPanel verdict={verdict()} metrics={metrics} />);
    const panel = screen.getByTestId('verdict-panel');
    expect(panel.dataset.outcome).toBe('fail');
    expect(screen.getByTestId('verdict-decided').textContent).toBe(' decided by stop-the-line rule on Error rate (3 of 3 breaches)');
    expect(panel.textContent).toContain('score 40 / 100');
    expect(screen.getByTestId('verdict-window').textContent).toMatch(/last 30 min to \d\d:\d\d:\d\d$/);
    expect(screen.getByTestId('verdict-reason').textContent).toContain('error_rate failed (critical)');
    const errorRow = screen.getAllByTestId('verdict-metric').find((r) => r.dataset.metric === 'error_rate')!;
    expect(errorRow.dataset.failing).toBe('true');
    expect(within(errorRow).getByText('High (fails)')).toBeTruthy();
    expect(errorRow.querySelector('[data-role="ratio"]')!.textContent).toBe('×4');
    expect(errorRow.querySelector('[data-role="canary-mean"]')!.textContent).toBe('1.6%');
    expect(errorRow.textContent).toContain('< 0.0001');
    expect(errorRow.textContent).toContain('critical');
    const tripped = screen.getAllByTestId('verdict-rule').filter((r) => r.dataset.tripped === 'true');
    expect(tripped.map((r) => r.textContent)).toEqual(['TRIPPED 3 of 3 breaches: Error rate (last sample): canary 1.6% is 4× baseline 0.4%; the limit is 2×']);
    const held = screen.getAllByTestId('verdict-rule').find((r) => r.dataset.tripped === 'false')!;
    expect(held.textContent).toBe('held 0 of 3 breaches: Latency p95 (last sample): canary 181 ms is 1 ms above baseline 180 ms; the limit is +200 ms');
    expect(screen.queryByTestId('verdict-stale')).toBeNull();
  });

  it('never shows fail beside a score of 100 without the rule that failed it', () => {
    const oneBreach = verdict().rules.map((r) => (r.tripped ? { ...r, breaches: 1, tripAfter: 1 } : r));
    render(<VerdictPanel verdict={verdict({ score: 100, rules: oneBreach })} metrics={metrics} />);
    const headline = screen.getByTestId('verdict-panel').querySelector('.verdict-headline')!.textContent!;
    expect(headline).toMatch(/^fail decided by stop-the-line rule on Error rate \(1 of 1 breach\) · score 100 \/ 100 · last 30 min/);
  });

  it('names a counting rule that has not tripped yet', () => {
    const counting = verdict({ outcome: 'pass', score: 100, decidedBy: 'score', rules: [{ ...verdict().rules[0]!, tripped: false, breaches: 1 }] });
    render(<VerdictPanel verdict={counting} metrics={metrics} />);
    expect(screen.getByTestId('verdict-decided').textContent).toBe(' decided by score 100 / 100');
    expect(screen.getByTestId('rule-breaches').textContent).toBe('1 of 3 breaches');
    expect(screen.getByTestId('verdict-rule').textContent).toMatch(/^breached 1 of 3 breaches: /);
  });

  it('says when the verdict comes from cached samples', () => {
    render(<VerdictPanel verdict={verdict({ stale: true, outcome: 'pass', score: 100 })} metrics={metrics} />);
    expect(screen.getByTestId('verdict-stale').textContent).toContain('cached samples');
  });
});
