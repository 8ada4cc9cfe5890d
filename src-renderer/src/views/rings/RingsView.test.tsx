import { fireEvent, screen, within } from '@testing-library/react';
import { App } from '../../App';
import { createFakeBridge } from '../../test/fakeBridge';
import type { PlanRun } from '../../../../src-shared/domain/plan';
import { ok } from '../../../../src-shared/ipc/result';
import * as fixtures from '../../test/fixtures';
import { HOSTILE } from '../../test/fixtures';
import { bakingRun, frozenStatus, openStatus, planView, ringPlan } from '../../test/fakeRings';
import { renderConsole, settle } from '../../test/renderConsole';
import { useRingside } from '../../store/useRingside';
import { RingsView } from './RingsView';

const stage = (name: string) => screen.getAllByTestId('ring-stage').find((s) => s.getAttribute('data-ring') === name)!;

describe('Rings view', () => {
  it('shows each ring as a stage with its state, traffic and audience, who advanced it and when', async () => {
    await renderConsole(undefined, <RingsView />);
    expect(screen.getAllByTestId('ring-stage').map((s) => [s.getAttribute('data-ring'), s.getAttribute('data-state')])).toEqual([
      ['Ring 0', 'done'],
      ['Ring 1', 'baking'],
      ['Ring 2', 'pending'],
      ['Ring 3', 'pending'],
    ]);
    const ring1 = within(stage('Ring 1'));
    expect(stage('Ring 1').getAttribute('aria-current')).toBe('step');
    expect(ring1.getByTestId('ring-state').textContent).toMatch(/baking · 1[78] min left/);
    expect(ring1.getByText(/25 % of traffic on the canary · flag on for/).textContent).toContain(HOSTILE);
    expect(ring1.getByTestId('ring-entered').textContent).toMatch(/^advanced by ringside-auto at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(within(stage('Ring 0')).getByTestId('ring-entered').textContent).toContain('fatima.elamin');
    expect(within(stage('Ring 3')).getByText(/flag on at 100 % for Everyone/)).toBeTruthy();
    // Hostile text is text: no element was made from it.
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows the current ring’s verdict with the numbers that decided it', async () => {
    await renderConsole(undefined, <RingsView />);
    const verdict = within(stage('Ring 1')).getByTestId('gate-verdict');
    expect(verdict.getAttribute('data-outcome')).toBe('pass');
    const row = within(verdict).getByRole('row', { name: /error_rate/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0.34', '0.35', '0.41']);
    expect(within(stage('Ring 0')).queryByTestId('gate-verdict')).toBeNull();
  });

  it('states each action’s consequences and why Advance is not possible yet', async () => {
    await renderConsole(undefined, <RingsView />);
    const advance = screen.getByRole('button', { name: 'Advance', description: /Enters Ring 2: promotes rollout shop\/payments-3ds toward 50 %.*18 min left/ });
    expect((advance as HTMLButtonElement).disabled).toBe(true);
    screen.getByRole('button', { name: 'Halt', description: /Pauses rollout shop\/payments-3ds where it stands and stops auto-advance; the flag is left as it is/ });
    screen.getByRole('button', {
      name: 'Roll back',
      description: /aborts rollout shop\/payments-3ds \(all traffic back to stable\) and turns payments.3ds2-challenge-flow off in production/,
    });
  });

  it('rolls back both layers in one click and shows what each layer did', async () => {
    const { bridge } = await renderConsole(undefined, <RingsView />);
    fireEvent.click(screen.getByRole('button', { name: 'Roll back' }));
    await settle();
    expect(bridge.requestsTo('plans:rollback')).toEqual([{ planId: 'plan-payments-3ds' }]);
    const outcome = screen.getByTestId('plan-action-outcome');
    expect(within(outcome).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Roll back · rollout shop/payments-3ds: aborted: all traffic back to stable (phase Degraded)',
      'Roll back · flag payments.3ds2-challenge-flow: off in production, confirmed by read-back',
    ]);
    expect(stage('Ring 1').getAttribute('data-state')).toBe('halted');
    expect(screen.getByTestId('plan-halt').textContent).toContain('Ring 1 rolled back by ana');
  });

  it('shows a guard halt with its reason and evidence', async () => {
    const bridge = createFakeBridge();
    const halt = {
      ring: 1,
      at: bakingRun.observedAt!,
      by: 'ringside-guard',
      reason: 'error_rate (last): canary 2.1 is more than 2× baseline 0.35.',
      kind: 'guard' as const,
      acted: true,
      rolledBack: true,
      evidence: {
        ...bakingRun.verdict!,
        outcome: 'fail' as const,
        metrics: [{ metric: 'error_rate', classification: 'Pass', failing: false, canary: 2.1, baseline: 0.35, pValue: 0.08 }],
        rules: [{ kind: 'relative' as const, metric: 'error_rate', threshold: 2, tripped: true, canary: 2.1, baseline: 0.35, message: 'error_rate (last): canary 2.1 is more than 2× baseline 0.35.' }],
      },
    };
    bridge.respond('plans:list', () => ({ ok: true, value: { plans: [planView({ ...bakingRun, halt })], unplanned: [], blackout: frozenStatus } }));
    await renderConsole(bridge, <RingsView />);
    const note = screen.getByTestId('plan-halt');
    expect(note.getAttribute('data-kind')).toBe('guard');
    expect(note.textContent).toContain('The guard stopped the line at Ring 1: rollout aborted, flag killed');
    expect(within(note).getByTestId('halt-reason').textContent).toBe(halt.reason);
    expect(note.textContent).toContain('error_rate: canary 2.1 vs baseline 0.35, p 0.08');
    expect(stage('Ring 1').getAttribute('data-state')).toBe('halted');
  });

  it('sends the auto-advance toggle and the act/recommend choice', async () => {
    const { bridge } = await renderConsole(undefined, <RingsView />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Auto-advance' }));
    await settle();
    fireEvent.click(screen.getByRole('radio', { name: /Only recommend/ }));
    await settle();
    expect(bridge.requestsTo('plans:update')).toEqual([
      { planId: 'plan-payments-3ds', autoAdvance: true },
      { planId: 'plan-payments-3ds', guardMode: 'recommend' },
    ]);
    expect((screen.getByRole('checkbox', { name: 'Auto-advance' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: /Only recommend/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('shows a blackout with its end, and sends an override reason with Advance', async () => {
    const bridge = createFakeBridge();
    const blocked = planView(bakingRun, { advance: { allowed: false, reason: 'Release blackout: Freeze "Year-end freeze" (holidays) until Mon 2027-01-04 08:00 Europe/Berlin; an override reason lets it through.' } });
    bridge.respond('plans:list', () => ({ ok: true, value: { plans: [blocked], unplanned: [], blackout: frozenStatus } }));
    bridge.respond('plans:advance', () => ({ ok: false, error: { code: 'blocked', message: 'still blocked' } }));
    await renderConsole(bridge, <RingsView />);
    expect(screen.getByTestId('blackout-status').textContent).toContain('Release blackout: Freeze "Year-end freeze" (holidays) until Mon 2027-01-04 08:00 Europe/Berlin');
    const advance = screen.getByRole('button', { name: 'Advance' }) as HTMLButtonElement;
    expect(advance.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Override reason (audited)'), { target: { value: 'INC-77 sign-off' } });
    expect(advance.disabled).toBe(false);
    fireEvent.click(advance);
    await settle();
    expect(bridge.requestsTo('plans:advance')).toEqual([{ planId: 'plan-payments-3ds', blackoutOverride: 'INC-77 sign-off' }]);
    expect(screen.getByTestId('error-note').textContent).toContain('still blocked');
  });

  it('exports the health gate as YAML', async () => {
    const { bridge } = await renderConsole(undefined, <RingsView />);
    fireEvent.click(screen.getByText('Export the health gate as an Argo AnalysisTemplate'));
    fireEvent.change(screen.getByLabelText('Prometheus address as the cluster reaches it'), { target: { value: 'http://prom:9090' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export YAML' }));
    await settle();
    expect(bridge.requestsTo('plans:exportGate')).toEqual([{ planId: 'plan-payments-3ds', address: 'http://prom:9090' }]);
    expect(screen.getByTestId('gate-yaml').textContent).toContain('kind: AnalysisTemplate');
  });

  it('saves a weekly blackout added in the windows editor', async () => {
    const { bridge } = await renderConsole(undefined, <RingsView />);
    fireEvent.change(screen.getByLabelText('Window label'), { target: { value: 'Weekend' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add window' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save windows' }));
    await settle();
    expect(bridge.requestsTo('windows:set')).toEqual([
      { timeZone: 'Europe/Berlin', weekly: [{ kind: 'blackout', label: 'Weekend', start: { day: 'fri', time: '16:00' }, end: { day: 'mon', time: '08:00' } }], freezes: [] },
    ]);
    expect(screen.getByText('Release windows saved.')).toBeTruthy();
  });

  it('still lists every rollout with its phase, weight and steps', async () => {
    await renderConsole(undefined, <RingsView />);
    const [row] = screen.getAllByTestId('rollout-row');
    const cells = within(row!);
    expect(cells.getByText('checkout')).toBeTruthy();
    expect(cells.getByText('Paused')).toBeTruthy();
    expect(cells.getAllByRole('listitem').map((s) => s.getAttribute('aria-current'))).toEqual([null, 'step', null]);
  });

  it('says how old each rollout reading is', async () => {
    const bridge = createFakeBridge({
      'rollouts:list': () => ok({ rollouts: fixtures.rollouts.map((r) => ({ ...r, observedAt: Date.now() - 5 * 60_000 })) }),
    });
    await renderConsole(bridge, <RingsView />);
    expect(screen.getAllByTestId('rollout-age').map((c) => c.textContent)).toEqual(['5 min ago']);
  });
});

describe('the stop-the-line banner', () => {
  const alert = {
    planId: 'plan-payments-3ds',
    releaseId: 'payments-3ds-1.4.0',
    ring: 'Ring 1',
    acted: true,
    message: `Stop the line: payments-3ds 1.4.0 halted at Ring 1. rollout shop/payments-3ds: aborted; flag payments.3ds2-challenge-flow: off in production. Evidence: ${HOSTILE}`,
    at: bakingRun.observedAt!,
    layers: [],
  };

  it('appears on any view when main pushes a guard event, can be dismissed, and leads to the rings', async () => {
    const { bridge } = await renderConsole(undefined, <App />);
    expect(screen.queryByTestId('guard-banner')).toBeNull();
    bridge.emit('plans:guard', alert);
    await settle();
    const banner = screen.getByRole('alert', { name: '' });
    expect(banner.getAttribute('data-testid')).toBe('guard-banner');
    expect(within(banner).getByTestId('guard-message').textContent).toBe(alert.message);
    expect(document.querySelector('img')).toBeNull();
    fireEvent.click(within(banner).getByRole('button', { name: 'Show rings' }));
    expect(useRingside.getState().view).toBe('rings');
    fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss stop-the-line alert' }));
    expect(screen.queryByTestId('guard-banner')).toBeNull();
  });

  describe('choosing the flag strategies each ring enables', () => {
    const strategy = (id: string, title: string, rollout: number, constraintCount: number, disabled: boolean) => ({ id, title, name: 'flexibleRollout', rollout, constraintCount, disabled });
    const payments = fixtures.flag('payments.3ds2-challenge-flow', false, {
      type: 'release',
      environments: [
        { environment: 'development', enabled: true, strategies: [] },
        {
          environment: 'production',
          enabled: false,
          strategies: [strategy('devs', 'Developers', 100, 1, false), strategy('staff', 'Employees', 100, 1, true), strategy('beta', HOSTILE, 100, 2, true)],
        },
      ],
    });
    const fresh: PlanRun = { ...bakingRun, ring: -1, rings: bakingRun.rings.map(() => ({ enteredAt: null, enteredBy: null, gateSince: null, healthyAt: null })), verdict: null, rollout: null };
    const choice = (ring: string) => within(screen.getAllByTestId('ring-strategies').find((f) => f.getAttribute('data-ring') === ring)!);

    function plansBridge(run = fresh) {
      let view = planView(run);
      const bridge = createFakeBridge({ 'flags:list': () => ok(fixtures.flagsListing({ flags: [...fixtures.flags, payments] })) });
      bridge.respond('plans:list', () => ok({ plans: [view], unplanned: [], blackout: openStatus }));
      bridge.respond('plans:update', ({ planId: _planId, ...patch }) => {
        view = { ...view, plan: { ...view.plan, ...patch } };
        return ok(view);
      });
      return bridge;
    }

    it('offers the flag’s strategies per ring with name, constraints and rollout, and saves a choice', async () => {
      const bridge = plansBridge();
      await renderConsole(bridge, <RingsView />);
      await settle();
      const employees = choice('Ring 1').getByRole('checkbox', { name: 'Employees · 1 constraint · 100 % · disabled now' }) as HTMLInputElement;
      expect(choice('Ring 1').getAllByRole('checkbox').map((c) => c.parentElement!.textContent)).toEqual([
        'Developers · 1 constraint · 100 %',
        'Employees · 1 constraint · 100 % · disabled now',
        `${HOSTILE} · 2 constraints · 100 % · disabled now`,
      ]);
      expect(document.querySelector('img')).toBeNull();
      // Ring 2 binds no flag exposure in this plan: nothing to choose.
      expect(screen.getAllByTestId('ring-strategies').map((f) => f.getAttribute('data-ring'))).toEqual(['Ring 0', 'Ring 1', 'Ring 3']);
      expect(employees.checked).toBe(false);
      expect(employees.disabled).toBe(false);
      employees.focus();
      expect(document.activeElement).toBe(employees);
      fireEvent.click(employees);
      await settle();
      const sent = bridge.requestsTo('plans:update') as { planId: string; rings: typeof ringPlan.rings }[];
      expect(sent).toHaveLength(1);
      expect(sent[0]!.planId).toBe('plan-payments-3ds');
      expect(sent[0]!.rings.map((r) => r.exposure?.strategyIds ?? null)).toEqual([null, ['staff'], null, null]);
      expect(sent[0]!.rings[1]).toEqual({ ...ringPlan.rings[1], exposure: { ...ringPlan.rings[1]!.exposure, strategyIds: ['staff'] } });
      expect((choice('Ring 1').getByRole('checkbox', { name: /^Employees/ }) as HTMLInputElement).checked).toBe(true);

      fireEvent.click(choice('Ring 1').getByRole('checkbox', { name: /^Employees/ }));
      await settle();
      expect((bridge.requestsTo('plans:update')[1] as { rings: typeof ringPlan.rings }).rings[1]!.exposure!.strategyIds).toEqual([]);
    });

    it('shows the choice of a plan under way without letting it change, and names a strategy the flag lost', async () => {
      const chosen = { ...ringPlan, rings: ringPlan.rings.map((r, i) => (i === 0 ? { ...r, exposure: { ...r.exposure!, strategyIds: ['devs', 'gone-1'] } } : r)) };
      const bridge = plansBridge(bakingRun);
      bridge.respond('plans:list', () => ok({ plans: [{ ...planView(bakingRun), plan: chosen }], unplanned: [], blackout: openStatus }));
      await renderConsole(bridge, <RingsView />);
      await settle();
      const developers = choice('Ring 0').getByRole('checkbox', { name: 'Developers · 1 constraint · 100 %' }) as HTMLInputElement;
      expect(developers.checked).toBe(true);
      expect(developers.disabled).toBe(true);
      expect(screen.getByText(/The plan is under way: reset it to change them/)).toBeTruthy();
      expect(choice('Ring 0').getByText('Names strategy gone-1, which payments.3ds2-challenge-flow no longer has in production.')).toBeTruthy();
      fireEvent.click(developers);
      await settle();
      expect(bridge.requestsTo('plans:update')).toEqual([]);
    });
  });
});
