import { render, screen, within } from '@testing-library/react';
import type { Rollout } from '../../../../src-shared/domain/rollout';
import { rollouts } from '../../test/fixtures';
import { RolloutsTable } from './RolloutsTable';

const base = rollouts[0]!;
const canaryStrategy = { kind: 'canary' as const, trafficRouter: 'nginx', primaryService: 'web-canary', secondaryService: 'web-stable', activeSelector: null, previewSelector: null, autoPromotion: null };

/** The domain rollout the adapter gives for Argo's blue-green case (test-harness/kube/argoCaseFixtures). */
const blueGreen: Rollout = {
  ...base,
  name: 'blue-green',
  message: 'BlueGreenPause',
  steps: [],
  currentStepIndex: null,
  canaryWeight: 0,
  pauseConditions: [{ reason: 'BlueGreenPause', startTime: base.observedAt }],
  strategy: { kind: 'blueGreen', trafficRouter: null, primaryService: 'bluegreen-active', secondaryService: 'bluegreen-preview', activeSelector: '74b948fccb', previewSelector: '6cbccd9f99', autoPromotion: false },
  weight: null,
  revisions: [
    { revision: 2, replicaSets: [{ name: 'blue-green-6cbccd9f99', podTemplateHash: '6cbccd9f99', roles: ['preview'], images: ['argoproj/rollouts-demo:green'], replicas: 3, available: 3 }] },
    { revision: 1, replicaSets: [{ name: 'blue-green-74b948fccb', podTemplateHash: '74b948fccb', roles: ['stable', 'active'], images: ['argoproj/rollouts-demo:blue'], replicas: 3, available: 3 }] },
  ],
};

const deadline: Rollout = {
  ...base,
  name: 'progress-deadline',
  phase: 'Degraded',
  paused: false,
  message: 'ProgressDeadlineExceeded: ReplicaSet "progress-deadline-58c7d6f9b" has timed out progressing.',
  strategy: canaryStrategy,
  weight: { set: 40, actual: 40, max: 100 },
};

const routed: Rollout = { ...base, name: 'canary-traffic-routed', strategy: canaryStrategy, weight: { set: 200, actual: 150, max: 1000 } };

const row = (name: string) => within(screen.getAllByTestId('rollout-row').find((r) => r.getAttribute('data-rollout') === name)!);

describe('the rollouts table shows each rollout as kubectl argo rollouts does', () => {
  it('a blue-green rollout as its active and preview stacks, not as a canary with no steps', () => {
    render(<RolloutsTable rollouts={[blueGreen]} />);
    const bg = row('blue-green');
    expect(bg.queryByText('no steps')).toBeNull();
    expect(bg.getByTestId('bluegreen-active').textContent).toBe('active 74b948fccb (argoproj/rollouts-demo:blue)');
    expect(bg.getByTestId('bluegreen-preview').textContent).toBe('preview 6cbccd9f99 (argoproj/rollouts-demo:green)');
    expect(bg.getByText('manual promotion')).toBeTruthy();
    expect(bg.getByTestId('rollout-weight').textContent).toBe('blue-green');
    expect(bg.getByTestId('rollout-message').textContent).toBe('BlueGreenPause');
  });

  it('a degraded rollout with its message beside the phase', () => {
    render(<RolloutsTable rollouts={[deadline]} />);
    const cell = row('progress-deadline').getByText('Degraded').closest('td')!;
    expect(within(cell).getByTestId('rollout-message').textContent).toBe('ProgressDeadlineExceeded: ReplicaSet "progress-deadline-58c7d6f9b" has timed out progressing.');
  });

  it('weights out of maxTrafficWeight, the actual one when it differs', () => {
    render(<RolloutsTable rollouts={[routed, deadline]} />);
    expect(row('canary-traffic-routed').getByTestId('rollout-weight').textContent).toBe('20%actual 15%');
    expect(row('progress-deadline').getByTestId('rollout-weight').textContent).toBe('40%');
  });
});
