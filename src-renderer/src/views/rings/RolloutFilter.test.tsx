import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Rollout } from '../../../../src-shared/domain/rollout';
import { rollouts } from '../../test/fixtures';
import { GroupedRollouts, waitingForMe } from './RolloutFilter';

const base = rollouts[0]!;
const make = (name: string, namespace: string, over: Partial<Rollout> = {}): Rollout => ({ ...base, name, namespace, ...over });
const untimedPause = [
  { kind: 'setWeight' as const, weight: 20, durationSeconds: null, templates: [], detail: null },
  { kind: 'pause' as const, weight: null, durationSeconds: null, templates: [], detail: null },
];
const listed = [
  make('checkout', 'shop', { steps: untimedPause }), // waits at an untimed pause
  make('cart', 'shop'), // a timed pause: the controller goes on by itself
  make('profile', 'web', { steps: [], currentStepIndex: null, pauseConditions: [{ reason: 'BlueGreenPause', startTime: null }] }),
  make('search', 'search', { paused: false, pauseConditions: [], phase: 'Progressing' }),
  make('held', 'search', { specPaused: true, pauseConditions: [] }),
  make('aborted', 'web', { aborted: true, specPaused: true }),
];

describe('rollouts grouped by namespace, with "waiting for me"', () => {
  it('knows which rollouts wait for a manual promotion', () => {
    expect(listed.filter(waitingForMe).map((r) => r.name)).toEqual(['checkout', 'profile', 'held']);
  });

  it('groups by namespace, filters to those waiting, and lists unreadable items and notices', () => {
    render(
      <GroupedRollouts
        listing={{ rollouts: listed, unreadable: [{ namespace: 'shop', name: 'broken', reason: 'spec.paused: expected boolean' }], notices: ['Listed namespace by namespace.'] }}
      />,
    );
    const groups = () => screen.getAllByTestId('rollout-namespace').map((g) => [g.getAttribute('aria-label'), within(g).getAllByTestId('rollout-row').map((r) => r.getAttribute('data-rollout'))]);
    expect(groups()).toEqual([
      ['Namespace search', ['search', 'held']],
      ['Namespace shop', ['checkout', 'cart']],
      ['Namespace web', ['profile', 'aborted']],
    ]);
    expect(screen.getByTestId('rollout-unreadable').textContent).toBe('shop/broken: spec.paused: expected boolean');
    expect(screen.getByRole('note').textContent).toBe('Listed namespace by namespace.');
    fireEvent.click(screen.getByLabelText(/Waiting for me \(3\)/));
    expect(groups()).toEqual([
      ['Namespace search', ['held']],
      ['Namespace shop', ['checkout']],
      ['Namespace web', ['profile']],
    ]);
  });
});
