import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReconciledIntent } from '../../../src-shared/domain/killRetry';
import { createCore } from '../createCore';
import { createQueries, openStore } from '../store/index';
import { fakeFlagServer, testFlag } from '../testing/fakeFlagServer';
import { manualClock } from '../testing/manualClock';
import type { Workspace } from '../workspace';
import { evidenceOf, intentApplied } from './reconcile';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Intents as a crash leaves them: written, no outcome. */
function crashedWith(dataDir: string, intents: { flag: string; environment: string; action: string; after: unknown }[]) {
  const { db } = openStore({ file: join(dataDir, 'ringside.db'), now: () => 1 });
  const queries = createQueries(db);
  for (const i of intents) {
    queries.audit.append({ time: 1_000, source: 'console', actor: 'oncall', workspace: 'w', environment: i.environment, objectType: 'flag', objectId: i.flag, action: i.action, before: null, after: i.after, reason: null, result: 'pending' });
  }
  // One intent that did get its outcome: not reconciled again.
  const done = queries.audit.append({ time: 1_000, source: 'console', actor: 'oncall', workspace: 'w', environment: 'production', objectType: 'flag', objectId: 'profile.bio', action: 'flag.disabled.requested', before: null, after: { enabled: false }, reason: null, result: 'pending' });
  queries.audit.append({ time: 1_001, source: 'console', actor: 'oncall', workspace: 'w', environment: 'production', objectType: 'flag', objectId: 'profile.bio', action: 'flag.disabled', before: null, after: { intentId: done }, reason: null, result: 'confirmed' });
  expect(queries.openIntents.count('w')).toBe(intents.length);
  db.close();
}

describe('reconciling intents a crash left open', () => {
  it('settles each against the server at the next start: confirmed after restart, or not applied, with the evidence', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-reconcile-'));
    dirs.push(dataDir);
    crashedWith(dataDir, [
      { flag: 'checkout.pricing', environment: 'production', action: 'flag.disabled.requested', after: { enabled: false } },
      { flag: 'search.ranking', environment: 'production', action: 'flag.disabled.requested', after: { enabled: false } },
      { flag: 'search.ranking', environment: 'production', action: 'flag.strategy.updated.requested', after: { strategyId: 's1', rollout: 50 } },
      { flag: 'gone.flag', environment: 'production', action: 'flag.disabled.requested', after: { enabled: false } },
    ]);
    const clock = manualClock();
    const server = fakeFlagServer([testFlag('checkout.pricing'), testFlag('search.ranking'), testFlag('profile.bio')], clock.now);
    server.flags.get('checkout.pricing')!.environments[1]!.enabled = false; // this kill had landed before the crash
    server.faults.down = true; // and the server is down at the restart
    const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: server.provider, deploy: null, metrics: null, releases: [] };
    const core = createCore({ dataDir, version: 't', clock, actor: 'oncall', workspace: () => workspace, log: () => {} });
    const list = async () => {
      const r = await core.dispatch('flags:list', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { reconciled: ReconciledIntent[] };
    };
    await core.poll();
    expect((await list()).reconciled).toEqual([]);
    server.faults.down = false;
    await clock.advance(5_000); // past the backoff after the failed poll
    await core.poll();
    const reconciled = (await list()).reconciled;
    expect(reconciled.map((r) => [r.flag, r.action, r.outcome, r.evidence]).sort()).toEqual(
      [
        ['checkout.pricing', 'flag.disabled', 'confirmed after restart', 'The flag server reads checkout.pricing in production off'],
        ['search.ranking', 'flag.disabled', 'not applied', 'The flag server reads search.ranking in production on'],
        ['search.ranking', 'flag.strategy.updated', 'not applied', 'The flag server reads the rollout of search.ranking in production at 25 %'],
        ['gone.flag', 'flag.disabled', 'not applied', 'gone.flag has no production environment on the flag server any more'],
      ].sort(),
    );
    expect(reconciled.every((r) => r.requestedAt === 1_000 && r.intentId > 0)).toBe(true);
    // Nothing is left open, and the kill that landed counts as the flag's latest change.
    const { db } = openStore({ file: join(dataDir, 'ringside.db'), now: () => 1 });
    expect(createQueries(db).openIntents.count('w')).toBe(0);
    expect(createQueries(db).audit.latestFlagChanges('w')).toEqual([
      expect.objectContaining({ flag: 'checkout.pricing', environment: 'production', action: 'flag.disabled', by: 'oncall' }),
      expect.objectContaining({ flag: 'profile.bio' }),
    ]);
    db.close();
    core.dispose();
  });

  it('never settles an intent of the running session (a kill in flight)', async () => {
    const clock = manualClock();
    const server = fakeFlagServer([testFlag('checkout.pricing')], clock.now);
    let release!: () => void;
    server.faults.gate = new Promise<void>((r) => (release = r));
    const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: server.provider, deploy: null, metrics: null, releases: [] };
    const core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'oncall', workspace: () => workspace, log: () => {} });
    const kill = core.dispatch('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: false });
    await new Promise((r) => setImmediate(r));
    release();
    await core.poll();
    const result = await kill;
    expect(result.ok).toBe(true);
    const page = await core.dispatch('audit:page', { limit: 10 });
    const rows = page.ok ? (page.value as { events: { source: string; result: string }[] }).events.filter((e) => e.source === 'console').map((e) => e.result) : [];
    expect(rows.sort()).toEqual(['confirmed', 'pending']);
    core.dispose();
  });

  it('compares each kind of intent with the state read', () => {
    const state = { environment: 'production', enabled: false, strategies: [{ id: 's1', name: 'flexibleRollout', rollout: 50, constraintCount: 0, disabled: true }] };
    expect(intentApplied({ enabled: false }, state)).toBe(true);
    expect(intentApplied({ enabled: true }, state)).toBe(false);
    expect(intentApplied({ strategyId: 's1', rollout: 50 }, state)).toBe(true);
    expect(intentApplied({ strategyId: 's1', disabled: false }, state)).toBe(false);
    expect(intentApplied({ strategyId: 's9', rollout: 50 }, state)).toBe(false);
    expect(evidenceOf('Unleash', 'f', { strategyId: 's1', disabled: true }, state)).toBe('Unleash reads strategy s1 of f in production disabled');
  });
});
