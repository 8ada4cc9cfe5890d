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
  rules: [
    { kind: 'relative', metric: 'error_rate', threshold: 2, tripped: true, canary: 1.6, baseline: 0.4, message: 'error_rate canary 1.6 is more than 2× baseline 0.4' },
    { kind: 'absolute', metric: 'latency_p95', threshold: 200, tripped: false, canary: 181, baseline: 180, message: 'latency_p95 within 200 of baseline' },
  ],
  ...overrides,
});

describe('VerdictPanel', () => {
  it('shows the outcome, the score and the numbers that decided it', () => {
    render(<VerdictPanel verdict={verdict()} metrics={metrics} />);
    const panel = screen.getByTestId('verdict-panel');
    expect(panel.dataset.outcome).toBe('fail');
    expect(panel.textContent).toContain('score 40 / 100');
    expect(screen.getByTestId('verdict-reason').textContent).toContain('error_rate failed (critical)');
    const errorRow = screen.getAllByTestId('verdict-metric').find((r) => r.dataset.metric === 'error_rate')!;
    expect(errorRow.dataset.failing).toBe('true');
    expect(within(errorRow).getByText('High (fails)')).toBeTruthy();
    expect(errorRow.textContent).toContain('×4.00');
    expect(errorRow.textContent).toContain('< 0.0001');
    expect(errorRow.textContent).toContain('critical');
    const tripped = screen.getAllByTestId('verdict-rule').filter((r) => r.dataset.tripped === 'true');
    expect(tripped.map((r) => r.textContent)).toEqual(['TRIPPED error_rate canary 1.6 is more than 2× baseline 0.4']);
    expect(screen.queryByTestId('verdict-stale')).toBeNull();
  });

  it('says when the verdict comes from cached samples', () => {
    render(<VerdictPanel verdict={verdict({ stale: true, outcome: 'pass', score: 100 })} metrics={metrics} />);
    expect(screen.getByTestId('verdict-stale').textContent).toContain('cached samples');
  });
});
