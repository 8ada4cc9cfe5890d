import type { PlanView } from '../../../src-shared/domain/plan';
import { ringWorld } from './testing/ringWorld';

const MIN = 60_000;
type Listing = { plans: PlanView[]; unplanned: { id: string }[] };

/** A world with the default plan for checkout, started in Ring 0 and polled once with a passing canary. */
async function started(patch: Record<string, unknown> = {}) {
  const world = ringWorld();
  const plan = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
  await world.call('plans:update', {
    planId: plan.plan.id,
    rings: plan.plan.rings.map((r, i) => ({ ...r, bakeMs: (i + 1) * 10 * MIN })),
    ...patch,
  });
  await world.call('plans:advance', { planId: plan.plan.id });
  await world.core.poll();
  return { ...world, planId: plan.plan.id };
}

const current = async (world: Awaited<ReturnType<typeof started>>) =>
  (await world.call<Listing>('plans:list')).plans.find((p) => p.plan.id === world.planId)!;

describe('release plans through the core', () => {
  it('gives a release the default four rings bound to its flag and rollout', async () => {
    const world = ringWorld();
    expect((await world.call<Listing>('plans:list')).unplanned.map((r) => r.id)).toEqual(['checkout-2.4.0']);
    const view = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
    expect(view.plan).toMatchObject({ flag: 'checkout.pricing', environment: 'production', rollout: { namespace: 'shop', name: 'checkout' }, guardMode: 'act' });
    expect(view.plan.rings.map((r) => [r.name, r.audience, r.weight])).toEqual([
      ['Ring 0', 'Developers', 5],
      ['Ring 1', 'Employees', 25],
      ['Ring 2', 'Beta users', 50],
      ['Ring 3', 'Everyone', 100],
    ]);
    await expect(world.call('plans:create', { releaseId: 'checkout-2.4.0' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(world.call('plans:create', { releaseId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('entering Ring 0 turns the flag on in production and records who advanced it', async () => {
    const world = await started();
    expect(world.flagOn().enabled).toBe(true);
    const view = await current(world);
    expect(view.rings[0]).toMatchObject({ state: 'baking', enteredBy: 'ana' });
    const audit = await world.audit();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['plan.created', 'flag.enabled', 'plan.advanced']));
  });

  it('refuses to advance before the bake time, then moves both layers into Ring 1', async () => {
    const world = await started();
    await expect(world.call('plans:advance', { planId: world.planId })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('10 min left'),
    });
    world.clock.advance(10 * MIN);
    const view = await world.call<PlanView>('plans:advance', { planId: world.planId });
    expect(world.deploy.calls).toEqual(['promote']);
    expect(world.deploy.state.index).toBe(3); // setWeight 25, then the next pause
    expect(view.rings.map((r) => r.state)).toEqual(['done', 'active', 'pending', 'pending']);
    await world.core.poll();
    expect((await current(world)).rings[1]).toMatchObject({ state: 'baking', enteredBy: 'ana' });
  });

  it('auto-advances once the gate has held for the bake time', async () => {
    const world = await started({ autoAdvance: true });
    world.clock.advance(10 * MIN);
    await world.core.poll();
    const view = await current(world);
    expect(view.run.ring).toBe(1);
    expect(view.rings[1]).toMatchObject({ enteredBy: 'ringside-auto' });
    expect(world.deploy.state.index).toBe(3);
  });

  it('stops the line by itself: aborts the rollout, kills the flag, records both with the evidence, pushes the banner', async () => {
    const world = await started();
    world.metrics.control.canaryLevel = 5;
    world.clock.advance(MIN);
    await world.core.poll();

    expect(world.deploy.state.aborted).toBe(true);
    expect(world.flagOn().enabled).toBe(false);
    const audit = await world.audit();
    const aborted = audit.find((e) => e.action === 'rollout.aborted')!;
    expect(aborted).toMatchObject({ source: 'guard', actor: 'ringside-guard', result: 'confirmed' });
    expect(JSON.stringify(aborted.after)).toContain('"rules"');
    const killed = audit.find((e) => e.action === 'flag.disabled')!;
    expect(killed).toMatchObject({ source: 'guard', actor: 'ringside-guard', result: 'confirmed', reason: expect.stringContaining('Stop the line') });
    const guard = audit.find((e) => e.action === 'guard.rolledBack')!;
    expect(guard).toMatchObject({ source: 'guard', objectId: 'checkout-2.4.0', result: 'done' });
    const evidence = (guard.after as { evidence: { metrics: { metric: string; canary: number; baseline: number; pValue: number }[]; rules: { metric: string; threshold: number }[] } }).evidence;
    expect(evidence.metrics[0]).toMatchObject({ metric: 'error_rate', canary: expect.closeTo(5, 0), baseline: expect.closeTo(1, 0) });
    expect(evidence.metrics[0]!.pValue).toBeLessThan(0.001);
    expect(evidence.rules).toEqual([expect.objectContaining({ metric: 'error_rate', threshold: 2 })]);

    const banner = world.events.find((e) => e.event === 'plans:guard')!.payload as { acted: boolean; ring: string; message: string };
    expect(banner).toMatchObject({ acted: true, ring: 'Ring 0' });
    expect(banner.message).toContain('checkout.pricing');
    const view = await current(world);
    expect(view.rings[0]).toMatchObject({ state: 'halted', note: expect.stringContaining('rolled back') });
    expect(view.run.halt).toMatchObject({ kind: 'guard', rolledBack: true });
  });

  it('does nothing more while the verdict stays fail, however often it polls', async () => {
    const world = await started();
    world.metrics.control.canaryLevel = 5;
    world.clock.advance(MIN);
    await world.core.poll();
    // Rows Ringside itself writes (the poll also imports what the servers' own logs say happened).
    const ours = async () => (await world.audit()).filter((e) => e.source === 'guard' || e.source === 'console').length;
    const before = await ours();
    for (let i = 0; i < 3; i++) {
      world.clock.advance(MIN);
      await world.core.poll();
    }
    expect(world.deploy.calls).toEqual(['abort']);
    // One guard row, the kill's intent and outcome, the abort's intent and outcome: once.
    expect((await world.audit()).filter((e) => e.source === 'guard').map((e) => e.action).sort()).toEqual([
      'flag.disabled',
      'flag.disabled.requested',
      'guard.rolledBack',
      'rollout.aborted',
      'rollout.aborted.requested',
    ]);
    expect(await ours()).toBe(before);
    expect(world.events.filter((e) => e.event === 'plans:guard')).toHaveLength(1);
  });

  it('only recommends in recommend mode: nothing is touched, the ring halts, the banner says so', async () => {
    const world = await started({ guardMode: 'recommend' });
    world.metrics.control.canaryLevel = 5;
    world.clock.advance(MIN);
    await world.core.poll();
    expect(world.deploy.state.aborted).toBe(false);
    expect(world.flagOn().enabled).toBe(true);
    expect((await world.audit()).some((e) => e.action === 'guard.recommended')).toBe(true);
    expect(world.events.find((e) => e.event === 'plans:guard')!.payload).toMatchObject({ acted: false, layers: [] });
    expect((await current(world)).rings[0]!.note).toContain('roll back recommended');
  });

  it('a person’s Roll back does both layers together and reports each', async () => {
    const world = await started();
    const answer = await world.call<{ layers: { layer: string; ok: boolean }[]; plan: PlanView }>('plans:rollback', { planId: world.planId, reason: 'support tickets' });
    expect(answer.layers.map((l) => [l.layer, l.ok])).toEqual([['rollout', true], ['flag', true]]);
    expect(world.deploy.state.aborted).toBe(true);
    expect(world.flagOn().enabled).toBe(false);
    expect(answer.plan.rings[0]).toMatchObject({ state: 'halted' });
    const killed = (await world.audit()).find((e) => e.action === 'flag.disabled')!;
    expect(killed).toMatchObject({ source: 'console', actor: 'ana' });
  });

  it('rolls back the flag even when the deploy backend is down, and says which layer failed', async () => {
    const world = await started();
    world.deploy.state.down = true;
    const answer = await world.call<{ layers: { layer: string; ok: boolean; message: string }[] }>('plans:rollback', { planId: world.planId });
    expect(answer.layers).toEqual([
      expect.objectContaining({ layer: 'rollout', ok: false, message: expect.stringContaining('not answering') }),
      expect.objectContaining({ layer: 'flag', ok: true }),
    ]);
    expect(world.flagOn().enabled).toBe(false);
    expect((await world.audit()).find((e) => e.action === 'plan.rolledBack')!.result).toMatch(/^partial: rollout shop\/checkout: FAILED/);
  });

  it('Halt pauses the rollout, leaves the flag, and stops auto-advance', async () => {
    const world = await started({ autoAdvance: true });
    const answer = await world.call<{ layers: { layer: string }[]; plan: PlanView }>('plans:halt', { planId: world.planId });
    expect(world.deploy.state.specPaused).toBe(true);
    expect(world.flagOn().enabled).toBe(true);
    expect(answer.plan.rings[0]).toMatchObject({ state: 'halted', note: expect.stringContaining('Halted from the console') });
    world.clock.advance(60 * MIN);
    await world.core.poll();
    expect((await current(world)).run.ring).toBe(0);
  });

  it('keeps the rings fixed once under way, and Reset starts over', async () => {
    const world = await started();
    await expect(world.call('plans:update', { planId: world.planId, rings: [{ name: 'Only', audience: 'All', exposure: null, weight: 100, bakeMs: 0 }] })).rejects.toMatchObject({ code: 'conflict' });
    const reset = await world.call<PlanView>('plans:reset', { planId: world.planId, reason: 'new build 2.4.1' });
    expect(reset.run.ring).toBe(-1);
    expect(reset.rings.map((r) => r.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });

  it('exports the health gate as an Argo AnalysisTemplate with the release’s queries and thresholds', async () => {
    const { parse } = await import('yaml');
    const world = await started();
    const { name, yaml } = await world.call<{ name: string; yaml: string }>('plans:exportGate', { planId: world.planId, address: 'http://prometheus.monitoring:9090' });
    const doc = parse(yaml);
    expect(name).toBe('checkout-2.4.0-health-gate');
    expect(doc).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name } });
    expect(doc.spec.metrics).toEqual([
      {
        name: 'error-rate',
        interval: '60s',
        successCondition: 'result[0] <= 1.05',
        failureLimit: 0,
        provider: { prometheus: { address: 'http://prometheus.monitoring:9090', query: '(canary_errors)\n/\n(baseline_errors)' } },
      },
      {
        name: 'error-rate-relative-limit',
        interval: '60s',
        failureCondition: 'result[0] > 2',
        // Ringside trips after 3 consecutive breaches; Argo counts failures in total: 2 allowed
        failureLimit: 2,
        provider: { prometheus: { address: 'http://prometheus.monitoring:9090', query: '(canary_errors)\n/\n(baseline_errors)' } },
      },
    ]);
  });

  it('refuses to export a query Argo would read as a template argument', async () => {
    const world = await started();
    world.workspace.releases[0]!.queries.error_rate!.canary = 'errors{version="{{args.x}}"}';
    await expect(world.call('plans:exportGate', { planId: world.planId, address: 'http://p:9090' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('template argument'),
    });
  });
});

/**
 * checkout.pricing with one strategy per ring audience in production, as a release manager sets
 * it up in Unleash: Ring 0's disabled, the later audiences still enabled (the worst start), the flag off.
 */
async function perRingStrategies() {
  const world = ringWorld();
  const strategy = (id: string, title: string, rollout: number, constraintCount: number, disabled: boolean) => ({ id, title, name: 'flexibleRollout', rollout, constraintCount, disabled });
  world.flagOn().strategies = [
    strategy('devs', 'Developers', 100, 1, true),
    strategy('staff', 'Employees', 100, 1, false),
    strategy('beta', 'Beta program', 100, 1, false),
    strategy('all', 'Everyone', 0, 0, false),
  ];
  const created = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
  const ids = [['devs'], ['staff'], ['beta'], ['all']];
  const rings = created.plan.rings.map((r, i) => ({ ...r, bakeMs: 10 * MIN, exposure: { ...r.exposure!, strategyIds: ids[i] } }));
  await world.call('plans:update', { planId: created.plan.id, rings });
  const disabled = () => Object.fromEntries(world.flagOn().strategies.map((s) => [s.id, s.disabled]));
  return { ...world, planId: created.plan.id, rings, disabled };
}

describe('rings bound to one flag strategy per audience', () => {
  it('entering Ring 0 disables the later audiences before it enables Ring 0’s and turns the flag on, each audited intent then outcome', async () => {
    const world = await perRingStrategies();
    await world.call('plans:advance', { planId: world.planId });
    expect(world.flags.writes).toEqual([
      'checkout.pricing production strategy staff disabled',
      'checkout.pricing production strategy beta disabled',
      'checkout.pricing production strategy all disabled',
      'checkout.pricing production strategy devs enabled',
      'checkout.pricing production on',
    ]);
    expect(world.disabled()).toEqual({ devs: false, staff: true, beta: true, all: true });
    expect(world.flagOn().enabled).toBe(true);
    // Ring 3's 100 % is not Ring 0's business: the gradual strategy stays where it was.
    expect(world.flagOn().strategies.find((s) => s.id === 'all')!.rollout).toBe(0);

    const flagRows = (await world.audit()).filter((e) => e.objectId === 'checkout.pricing' && e.source === 'console');
    expect(flagRows.map((e) => [e.action, e.result])).toEqual([
      ['flag.strategy.disabled.requested', 'pending'],
      ['flag.strategy.disabled', 'confirmed'],
      ['flag.strategy.disabled.requested', 'pending'],
      ['flag.strategy.disabled', 'confirmed'],
      ['flag.strategy.disabled.requested', 'pending'],
      ['flag.strategy.disabled', 'confirmed'],
      ['flag.strategy.enabled.requested', 'pending'],
      ['flag.strategy.enabled', 'confirmed'],
      ['flag.enabled.requested', 'pending'],
      ['flag.enabled', 'confirmed'],
    ]);
    expect(flagRows[0]).toMatchObject({ actor: 'ana', reason: 'Advance to Ring 0 of checkout 2.4.0', after: { strategyId: 'staff', disabled: true } });
    const advanced = (await world.audit()).find((e) => e.action === 'plan.advanced')!;
    expect((advanced.after as { done: string[] }).done).toEqual([
      'disabled strategy "Employees" (Ring 1) of checkout.pricing in production',
      'disabled strategy "Beta program" (Ring 2) of checkout.pricing in production',
      'disabled strategy "Everyone" (Ring 3) of checkout.pricing in production',
      'enabled strategy "Developers" (Ring 0) of checkout.pricing in production',
      'turned checkout.pricing on in production',
    ]);
  });

  it('advancing enables the next audience alone; the last ring sets its own gradual strategy’s percentage before enabling it', async () => {
    const world = await perRingStrategies();
    await world.call('plans:advance', { planId: world.planId });
    const writes = () => world.flags.writes.slice(5);
    await world.core.poll();
    world.clock.advance(10 * MIN);
    await world.call('plans:advance', { planId: world.planId });
    expect(writes()).toEqual(['checkout.pricing production strategy staff enabled']);
    expect(world.disabled()).toEqual({ devs: false, staff: false, beta: true, all: true });

    for (const ring of [2, 3]) {
      await world.core.poll();
      world.clock.advance(10 * MIN);
      const view = await world.call<PlanView>('plans:advance', { planId: world.planId });
      expect(view.run.ring).toBe(ring);
    }
    expect(writes()).toEqual(['checkout.pricing production strategy staff enabled', 'checkout.pricing production strategy beta enabled', 'checkout.pricing production strategy all enabled']);
    expect(world.disabled()).toEqual({ devs: false, staff: false, beta: false, all: false });
    expect(world.flagOn().strategies.find((s) => s.id === 'all')!.rollout).toBe(100);
    const rows = (await world.audit()).filter((e) => e.objectId === 'checkout.pricing' && e.source === 'console' && !e.action.endsWith('.requested'));
    expect(rows.slice(-2).map((e) => e.action)).toEqual(['flag.strategy.updated', 'flag.strategy.enabled']);
  });

  it('refuses a ring that would leave every strategy disabled, before touching anything', async () => {
    const world = await perRingStrategies();
    const rings = world.rings.map((r, i) => (i === 0 ? { ...r, exposure: { ...r.exposure!, strategyIds: [] } } : i === 1 ? { ...r, exposure: { ...r.exposure!, strategyIds: ['staff', 'devs'] } } : r));
    await world.call('plans:update', { planId: world.planId, rings });
    await expect(world.call('plans:advance', { planId: world.planId })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Every strategy of checkout.pricing in production would be disabled in Ring 0; turning it on then makes Unleash add a default strategy'),
    });
    expect(world.flags.writes).toEqual([]);
    expect(world.flagOn().enabled).toBe(false);
  });

  it('refuses a ring naming a strategy the flag no longer has, before touching anything', async () => {
    const world = await perRingStrategies();
    world.flagOn().strategies = world.flagOn().strategies.filter((s) => s.id !== 'beta');
    await expect(world.call('plans:advance', { planId: world.planId })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('checkout.pricing has no strategy beta in production, which Ring 2 names'),
    });
    expect(world.flags.writes).toEqual([]);
  });

  it('a blackout blocks entering the ring: no audience is enabled without an override; with one, it is audited', async () => {
    const world = await perRingStrategies();
    await world.call('windows:set', { timeZone: 'Europe/Berlin', weekly: [], freezes: [{ label: 'Launch freeze', from: '2027-01-15T00:00', to: '2027-01-15T18:00', reason: 'marketing launch' }] });
    await expect(world.call('plans:advance', { planId: world.planId })).rejects.toMatchObject({ code: 'blocked' });
    expect(world.flags.writes).toEqual([]);
    expect(world.disabled()).toEqual({ devs: true, staff: false, beta: false, all: false });
    await world.call('plans:advance', { planId: world.planId, blackoutOverride: 'CAB-12 approved' });
    expect(world.disabled()).toEqual({ devs: false, staff: true, beta: true, all: true });
    expect((await world.audit()).some((e) => e.action === 'blackout.overridden' && e.reason === 'CAB-12 approved')).toBe(true);
  });

  it('rolling back still kills the flag and leaves the strategies as they are', async () => {
    const world = await perRingStrategies();
    await world.call('plans:advance', { planId: world.planId });
    await world.call('plans:rollback', { planId: world.planId, reason: 'support tickets' });
    expect(world.flagOn().enabled).toBe(false);
    expect(world.disabled()).toEqual({ devs: false, staff: true, beta: true, all: true });
  });
});

