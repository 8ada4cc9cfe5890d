import type { AuditEvent } from '../../../src-shared/domain/audit';
import { createCore, type Core } from '../../core/createCore';
import { createDemoWorkspace } from './index';
import { FIXED_NOW, fixedClock } from './testClock';

const MINUTE = 60_000;

async function value<T>(core: Core, channel: string, payload: unknown = {}): Promise<T> {
  const result = await core.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const newest = async (core: Core, filter: Record<string, unknown>) =>
  (await value<{ events: AuditEvent[] }>(core, 'audit:search', { ...filter, limit: 500 })).events;

describe('every source lands in the one audit table', () => {
  it('console intent and outcome, canary verdicts, flag server events, observed rollout changes and guard actions', async () => {
    const clock = fixedClock();
    const core = createCore({ dataDir: ':memory:', version: 't', actor: 'oncall', log: () => {}, clock, workspace: (c) => createDemoWorkspace({ clock: c }) });
    const seeded = (await value<{ count: number }>(core, 'audit:count', {})).count;
    expect(seeded).toBeGreaterThan(100);
    await core.poll(); // the first poll is the rollouts' baseline

    // console: a kill writes its intent before the call and its outcome after the read-back
    await value(core, 'flags:setEnabled', { flag: 'checkout.new-pricing-engine', environment: 'production', enabled: false });
    const console_ = await newest(core, { source: 'console', objectId: 'checkout.new-pricing-engine', actor: 'oncall' });
    expect(console_.map((e) => [e.action, e.result])).toEqual([
      ['flag.disabled', 'confirmed'],
      ['flag.disabled.requested', 'pending'],
    ]);
    expect((console_[0]!.after as { intentId: number }).intentId).toBe(console_[1]!.id);

    // canary: judging a release records its verdict change
    await value(core, 'canary:judge', { releaseId: 'checkout-2.4.0' });
    const verdicts = await newest(core, { source: 'canary', action: 'verdict.changed', objectId: 'checkout-2.4.0', from: FIXED_NOW });
    expect(verdicts).toEqual([expect.objectContaining({ objectId: 'checkout-2.4.0', time: FIXED_NOW, actor: 'ringside-judge' })]);

    // flag server: the kill comes back from the server's own log, once, however often we poll
    clock.set(FIXED_NOW + 40 * MINUTE);
    await core.poll();
    await core.poll();
    const server = await newest(core, { source: 'flag-server', objectId: 'checkout.new-pricing-engine', action: 'flag.disabled', from: FIXED_NOW });
    expect(server).toHaveLength(1);

    // rollouts: Argo keeps no history; the poll 40 minutes on saw the rollouts move
    const observed = await newest(core, { source: 'rollout', from: FIXED_NOW + 40 * MINUTE });
    expect(observed.length).toBeGreaterThan(0);
    expect(observed.every((e) => e.actor === 'demo (observed)' && e.objectType === 'rollout')).toBe(true);
    expect(observed.map((e) => e.action)).toContainEqual(expect.stringMatching(/^rollout\.(step|phase|paused|resumed|completed)$/));

    // guard: stop-the-line actions carry their evidence in the same table
    const guard = await newest(core, { source: 'guard' });
    expect(guard.length).toBeGreaterThan(0);
    expect(guard[0]).toMatchObject({ actor: 'ringside-guard', reason: expect.stringMatching(/Stop-the-line/) });

    // one table: ids unique across sources, the counts add up, the chain covers all of it
    const all = await value<{ count: number }>(core, 'audit:count', {});
    const perSource = await Promise.all(
      ['console', 'canary', 'flag-server', 'rollout', 'guard'].map(async (source) => (await value<{ count: number }>(core, 'audit:count', { source })).count),
    );
    expect(perSource.reduce((a, b) => a + b, 0)).toBe(all.count);
    expect(await value(core, 'audit:verify')).toMatchObject({ ok: true, checked: all.count });
    core.dispose();
  });
});
