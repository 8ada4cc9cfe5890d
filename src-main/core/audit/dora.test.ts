import type { AuditEvent } from '../../../src-shared/domain/audit';
import { commitTimeOf, computeDora, weekStart } from './dora';

const HOUR = 3_600_000;
const at = (day: number, hour: number, minute = 0) => Date.UTC(2024, 0, day, hour, minute);
const NOW = at(17, 12); // Wednesday 17 January 2024

let nextId = 1;
function ev(time: number, action: string, objectId: string, fields: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: nextId++,
    time,
    source: action.startsWith('rollout') ? 'rollout' : 'console',
    actor: 'ana',
    workspace: 'w',
    environment: 'production',
    objectType: action.startsWith('rollout') ? 'rollout' : action.startsWith('verdict') ? 'release' : 'flag',
    objectId,
    action,
    before: null,
    after: null,
    reason: null,
    result: 'ok',
    ...fields,
  };
}

// A hand-built fortnight with known answers (ids in comments).
nextId = 1;
const history: AuditEvent[] = [
  // week of 8 January
  ev(at(8, 10), 'rollout.started', 'checkout', { after: { version: '1.0', commitAt: at(8, 4) } }), // 1
  ev(at(8, 12), 'rollout.completed', 'checkout'), // 2: deployed, lead 8 h
  ev(at(9, 10), 'rollout.started', 'search', { after: { version: '2.0', release: 'search-2.0' } }), // 3
  ev(at(9, 10, 30), 'verdict.changed', 'search-2.0', { source: 'canary', after: { outcome: 'fail' } }), // 4: signal
  ev(at(9, 10, 40), 'rollout.aborted', 'search', { source: 'guard' }), // 5: failure of 3, recovered in 10 min
  ev(at(10, 9), 'flag.enabled', 'pricing', { after: { enabled: true, commitAt: '2024-01-09T09:00:00Z' } }), // 6: flag release, lead 24 h
  ev(at(10, 9, 1), 'flag.enabled', 'pricing', { source: 'flag-server', result: null }), // 7: the server's copy of 6
  ev(at(11, 8), 'flag.disabled', 'pricing', { reason: 'INC-1: errors' }), // 8: kill 23 h after 6
  // week of 15 January
  ev(at(15, 10), 'rollout.started', 'checkout', { after: { version: '1.1', annotations: { 'ringside.io/commit-time': '2024-01-14T10:00:00Z' } } }), // 9
  ev(at(15, 14), 'rollout.completed', 'checkout'), // 10: deployed, lead 28 h
  ev(at(15, 15), 'flag.enabled', 'other', { environment: 'development' }), // 11: not production
  ev(at(15, 16), 'flag.disabled.requested', 'other'), // 12: an intent, not a change
  ev(at(16, 10), 'rollout.started', 'payments', { after: { version: '3' } }), // 13
  ev(at(16, 10, 20), 'rollout.phase', 'payments', { after: { phase: 'Degraded' } }), // 14: signal
  ev(at(16, 10, 50), 'flag.disabled', 'payments.new', { result: 'confirmed' }), // 15: kill of 13's flag, recovered in 30 min
  ev(at(16, 11), 'flag.disabled', 'pricing', { result: 'failed: Unleash answered 500' }), // 16: refused, not a kill
];
const releases = [{ id: 'payments-3', flag: 'payments.new', rollout: 'payments' }];
const ids = (refs: { id: number }[]) => refs.map((r) => r.id).sort((a, b) => a - b);

describe('DORA figures from the audit history', () => {
  const report = computeDora(history, { now: NOW, weeks: 2, failureWindowMs: 24 * HOUR, releases });
  const [first, second] = report.weeks;

  it('splits the range into weeks starting Monday 00:00 UTC', () => {
    expect(report.weeks.map((w) => new Date(w.weekStart).toISOString())).toEqual(['2024-01-08T00:00:00.000Z', '2024-01-15T00:00:00.000Z']);
    expect(weekStart(at(14, 23, 59))).toBe(at(8, 0));
  });

  it('deployment frequency: rollouts completed, listing them', () => {
    expect(first!.deploymentFrequency).toMatchObject({ value: 1 });
    expect(ids(first!.deploymentFrequency.counted)).toEqual([2]);
    expect(ids(second!.deploymentFrequency.counted)).toEqual([10]);
    expect(report.total.deploymentFrequency.value).toBe(2);
  });

  it('lead time: commit annotation to deployed (rollout) or flag on, median', () => {
    expect(first!.leadTimeMs.value).toBe(16 * HOUR); // median of 8 h and 24 h
    expect(ids(first!.leadTimeMs.counted)).toEqual([2, 6]);
    expect(second!.leadTimeMs.value).toBe(28 * HOUR);
    expect(report.total.leadTimeMs.value).toBe(24 * HOUR);
  });

  it('change failure rate: releases followed within the window by an abort or a kill', () => {
    expect(first!.changeFailureRate.value).toBeCloseTo(2 / 3);
    expect(first!.changeFailureRate.counted.filter((r) => r.note.startsWith('release')).map((r) => r.id)).toEqual([1, 3, 6]);
    expect(first!.changeFailureRate.counted.filter((r) => r.note.startsWith('failure')).map((r) => r.id)).toEqual([5, 8]);
    expect(second!.changeFailureRate.value).toBe(1 / 2);
    expect(report.total.changeFailureRate.value).toBe(3 / 5);
  });

  it('recovery time: failure signal to the abort or kill, median; a failure without a signal is not timed', () => {
    expect(first!.recoveryMs.value).toBe(10 * 60_000);
    expect(ids(first!.recoveryMs.counted)).toEqual([4, 5]);
    expect(second!.recoveryMs.value).toBe(30 * 60_000);
    expect(report.total.recoveryMs.value).toBe(20 * 60_000);
  });

  it('a shorter failure window no longer blames the kill 23 h later on the flag release', () => {
    const short = computeDora(history, { now: NOW, weeks: 2, failureWindowMs: 12 * HOUR, releases });
    expect(short.weeks[0]!.changeFailureRate.value).toBeCloseTo(1 / 3);
  });

  it('says null, not zero, where there was nothing to measure', () => {
    const empty = computeDora([], { now: NOW, weeks: 1, failureWindowMs: HOUR, releases: [] });
    expect(empty.weeks[0]).toMatchObject({
      deploymentFrequency: { value: 0 },
      leadTimeMs: { value: null },
      changeFailureRate: { value: null },
      recoveryMs: { value: null },
    });
  });

  it('reads commit times given as epoch ms, ISO text or an annotation, and ignores nonsense', () => {
    expect(commitTimeOf(history[0]!)).toBe(at(8, 4));
    expect(commitTimeOf(history[5]!)).toBe(at(9, 9));
    expect(commitTimeOf(history[8]!)).toBe(at(14, 10));
    expect(commitTimeOf({ ...history[0]!, after: { commitAt: 'yesterday-ish' } })).toBeNull();
  });
});
