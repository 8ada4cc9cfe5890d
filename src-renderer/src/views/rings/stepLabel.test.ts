import type { RolloutStep } from '../../../../src-shared/domain/rollout';
import { stepLabel } from './RolloutSteps';

const step = (patch: Partial<RolloutStep>): RolloutStep => ({
  kind: 'setWeight', weight: null, durationSeconds: null, templates: [], detail: null, ...patch,
});

describe('rollout step labels', () => {
  it('names each kind of Argo step in a few characters', () => {
    expect(stepLabel(step({ weight: 25 }))).toBe('25%');
    expect(stepLabel(step({ kind: 'pause', durationSeconds: 600 }))).toBe('pause 600 s');
    expect(stepLabel(step({ kind: 'pause' }))).toBe('pause');
    expect(stepLabel(step({ kind: 'analysis', templates: ['success-rate'] }))).toBe('analysis');
  });

  it('shows what a step Ringside does not model says, rather than "other"', () => {
    expect(stepLabel(step({ kind: 'other', detail: 'setCanaryScale 3 replicas' }))).toBe('setCanaryScale 3 replicas');
    expect(stepLabel(step({ kind: 'other' }))).toBe('other');
  });
});
