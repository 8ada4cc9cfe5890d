import BetterSqlite3 from 'better-sqlite3';
import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import type { Flag } from '../../../src-shared/domain/flag';
import { migrate } from './db';
import { createQueries } from './index';

function fresh() {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  return { db, q: createQueries(db) };
}

const flag = (name: string, enabled: boolean): Flag => ({
  name,
  project: 'default',
  type: 'release',
  description: `"quoted" <b>${name}</b>`,
  createdBy: 'ana',
  createdAt: 1,
  tags: [{ type: 'owner', value: 'team-a' }],
  lifecycleStage: 'live',
  environments: [{ environment: 'production', enabled, strategies: [] }],
});

const event = (time: number, workspace = 'w'): NewAuditEvent => ({
  time,
  source: 'console',
  actor: 'ana',
  workspace,
  environment: 'production',
  objectType: 'flag',
  objectId: `f${time}`,
  action: 'flag.off',
  before: { enabled: true },
  after: { enabled: false },
  reason: null,
  result: 'confirmed',
});

describe('flag cache', () => {
  it('replaces the snapshot whole and reads it back per workspace', () => {
    const { q } = fresh();
    q.flagCache.replace('w', [flag('a', true), flag('b', false)], [{ name: 'production', type: 'production' }]);
    q.flagCache.replace('other', [flag('z', true)], []);
    q.flagCache.replace('w', [flag('b', true)], [{ name: 'production', type: 'production' }]);
    const read = q.flagCache.read('w');
    expect(read.flags.map((f) => [f.name, f.environments[0]?.enabled])).toEqual([['b', true]]);
    expect(read.flags[0]?.description).toBe('"quoted" <b>b</b>');
    expect(read.environments).toEqual([{ name: 'production', type: 'production' }]);
  });

  it('drops a cached row that no longer parses instead of showing it wrong', () => {
    const { db, q } = fresh();
    q.flagCache.replace('w', [flag('a', true)], []);
    db.prepare("INSERT INTO flag_cache (workspace, name, body) VALUES ('w', 'broken', '{not json')").run();
    expect(q.flagCache.read('w').flags.map((f) => f.name)).toEqual(['a']);
  });

  it('reads strategies cached before they had a disabled field as enabled, and keeps a disabled one disabled', () => {
    const { db, q } = fresh();
    const old = { ...flag('old', true), environments: [{ environment: 'production', enabled: true, strategies: [{ id: 's1', name: 'flexibleRollout', rollout: 25, constraintCount: 0 }] }] };
    db.prepare("INSERT INTO flag_cache (workspace, name, body) VALUES ('w', 'old', ?)").run(JSON.stringify(old));
    expect(q.flagCache.read('w').flags[0]!.environments[0]!.strategies).toEqual([{ id: 's1', name: 'flexibleRollout', rollout: 25, constraintCount: 0, disabled: false }]);
    const ringed = flag('ringed', true);
    ringed.environments[0]!.strategies = [{ id: 's2', name: 'flexibleRollout', title: 'Employees', rollout: 100, constraintCount: 1, disabled: true }];
    q.flagCache.replace('w', [ringed], []);
    expect(q.flagCache.read('w').flags[0]!.environments[0]!.strategies[0]).toMatchObject({ title: 'Employees', disabled: true });
  });
});

describe('sync state', () => {
  it('keeps the last success time when a later read fails', () => {
    const { q } = fresh();
    expect(q.syncState.get('w', 'flags')).toEqual({ lastSyncAt: null, lastError: null });
    q.syncState.recordSuccess('w', 'flags', 1000);
    q.syncState.recordFailure('w', 'flags', 'Unleash answered 503');
    expect(q.syncState.get('w', 'flags')).toEqual({ lastSyncAt: 1000, lastError: 'Unleash answered 503' });
    q.syncState.recordSuccess('w', 'flags', 2000);
    expect(q.syncState.get('w', 'flags')).toEqual({ lastSyncAt: 2000, lastError: null });
  });
});

describe('audit', () => {
  it('pages newest first with a cursor and keeps workspaces apart', () => {
    const { q } = fresh();
    q.audit.appendMany([1, 2, 3, 4, 5].map((t) => event(t)));
    q.audit.append(event(6, 'other'));
    const first = q.audit.page('w', 2);
    expect(first.events.map((e) => e.time)).toEqual([5, 4]);
    const second = q.audit.page('w', 2, first.nextBeforeId ?? undefined);
    expect(second.events.map((e) => e.time)).toEqual([3, 2]);
    const last = q.audit.page('w', 2, second.nextBeforeId ?? undefined);
    expect(last.events.map((e) => e.time)).toEqual([1]);
    expect(last.nextBeforeId).toBeNull();
    expect(first.events[0]).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
  });

  it("names a flag's latest change by event time, so a server event synced late never hides a newer one", () => {
    const { q } = fresh();
    const change = (time: number, source: 'console' | 'flag-server', actor: string, action: string): NewAuditEvent => ({
      ...event(time),
      objectId: 'checkout.kill',
      source,
      actor,
      action,
      result: source === 'console' ? 'confirmed' : null,
    });
    q.audit.append(change(2_000, 'console', 'ana', 'flag.disabled'));
    // synced afterwards (a higher id), but it happened before Ana's kill
    q.audit.append(change(1_000, 'flag-server', 'bob', 'flag.enabled'));
    q.audit.append({ ...change(3_000, 'console', 'carl', 'flag.enabled'), result: 'failed: 401' });
    expect(q.audit.latestFlagChanges('w')).toEqual([
      { flag: 'checkout.kill', environment: 'production', by: 'ana', at: 2_000, action: 'flag.disabled', source: 'console' },
    ]);
  });

  it("counts a ring's audience strategy switched on or off as a flag's latest change", () => {
    const { q } = fresh();
    q.audit.append({ ...event(1_000), objectId: 'payments.3ds', action: 'flag.enabled' });
    q.audit.append({ ...event(2_000), objectId: 'payments.3ds', actor: 'ringside-auto', action: 'flag.strategy.enabled' });
    expect(q.audit.latestFlagChanges('w')).toMatchObject([{ flag: 'payments.3ds', by: 'ringside-auto', action: 'flag.strategy.enabled' }]);
  });

  it('pages through an index, not a scan', () => {
    const { db } = fresh();
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM audit WHERE workspace = ? AND id < ? ORDER BY id DESC LIMIT ?')
      .all('w', 10, 5) as { detail: string }[];
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/USING (COVERING )?INDEX audit_workspace_id|USING INTEGER PRIMARY KEY/);
    expect(text).not.toMatch(/SCAN audit(?! USING)/);
  });
});

describe('canary samples', () => {
  it('keeps samples per release and side, round-trips NaN, and re-storing a point replaces it', () => {
    const { q } = fresh();
    q.canarySamples.store('w', 'rel', [
      { metric: 'p95', group: 'canary', points: [[1000, 180], [2000, Number.NaN]] },
      { metric: 'p95', group: 'baseline', points: [[1000, 170]] },
    ]);
    q.canarySamples.store('w', 'rel', [{ metric: 'p95', group: 'canary', points: [[1000, 190]] }]);
    q.canarySamples.store('w', 'other', [{ metric: 'p95', group: 'canary', points: [[1000, 1]] }]);
    const read = q.canarySamples.read('w', 'rel', 0, 5000);
    expect(read).toEqual([
      { metric: 'p95', group: 'baseline', points: [[1000, 170]] },
      { metric: 'p95', group: 'canary', points: [[1000, 190], [2000, Number.NaN]] },
    ]);
    expect(q.canarySamples.read('w', 'rel', 1500, 5000)[0]?.points).toEqual([[2000, Number.NaN]]);
  });

  it('storing the same samples again writes nothing; a changed or new point is written', () => {
    const { db, q } = fresh();
    const points: [number, number][] = [[1000, 180], [2000, Number.NaN], [3000, 175]];
    expect(q.canarySamples.store('w', 'rel', [{ metric: 'p95', group: 'canary', points }])).toBe(3);
    const before = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    expect(q.canarySamples.store('w', 'rel', [{ metric: 'p95', group: 'canary', points }])).toBe(0);
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(before);
    const next: [number, number][] = [[1000, 180], [2000, 181], [3000, 175], [4000, 190]];
    expect(q.canarySamples.store('w', 'rel', [{ metric: 'p95', group: 'canary', points: next }])).toBe(2);
    expect(q.canarySamples.read('w', 'rel', 0, 5000)[0]?.points).toEqual(next);
  });

  it('prunes one release’s samples older than a time, every series of it, and nothing else', () => {
    const { q } = fresh();
    const both = (points: [number, number][]) => [
      { metric: 'p95', group: 'canary' as const, points },
      { metric: 'errors', group: 'baseline' as const, points },
    ];
    q.canarySamples.store('w', 'rel', both([[1000, 1], [2000, 2], [3000, 3]]));
    q.canarySamples.store('w', 'other', both([[1000, 1]]));
    q.canarySamples.store('v', 'rel', both([[1000, 1]]));
    expect(q.canarySamples.prune('w', 'rel', 2000)).toBe(2);
    expect(q.canarySamples.read('w', 'rel', 0, 5000).map((s) => s.points)).toEqual([
      [[2000, 2], [3000, 3]],
      [[2000, 2], [3000, 3]],
    ]);
    expect(q.canarySamples.read('w', 'other', 0, 5000)).toHaveLength(2);
    expect(q.canarySamples.read('v', 'rel', 0, 5000)).toHaveLength(2);
  });
});
