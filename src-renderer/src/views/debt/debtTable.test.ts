import { debtRows } from '../../test/fixtures';
import { debtCsv, sortDebt } from './debtTable';

describe('flag-debt table', () => {
  it('sorts by a numeric column both ways, ties by flag name', () => {
    expect(sortDebt(debtRows, { column: 'ageDays', direction: 'desc' }).map((r) => r.flag)).toEqual([
      'checkout.kill', 'exp.color', 'search.new-ranking', 'old.banner', 'recs.rollout',
    ]);
    expect(sortDebt(debtRows, { column: 'ageDays', direction: 'asc' }).map((r) => r.flag)[0]).toBe('recs.rollout');
  });

  it('keeps empty values last in either direction', () => {
    for (const direction of ['asc', 'desc'] as const) {
      const owners = sortDebt(debtRows, { column: 'owner', direction }).map((r) => r.owner);
      expect(owners[owners.length - 1]).toBeNull();
      const lifetimes = sortDebt(debtRows, { column: 'lifetimeDays', direction }).map((r) => r.lifetimeDays);
      expect(lifetimes[lifetimes.length - 1]).toBeNull();
    }
  });

  it('sorts by how many reasons a flag is debt for', () => {
    expect(sortDebt(debtRows, { column: 'reasons', direction: 'desc' })[0]!.flag).toBe('old.banner');
  });

  it('exports the rows in the order given, neutralising formulas from flag metadata', () => {
    const csv = debtCsv(sortDebt(debtRows, { column: 'flag', direction: 'asc' }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('flag,type,temporary,age_days,lifetime_days,days_fully_on,owner,expires,reasons');
    expect(lines[1]).toBe('checkout.kill,kill-switch,false,400,,380,ana,,');
    const hostile = lines.find((l) => l.startsWith('search.new-ranking'))!;
    expect(hostile).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(hostile.endsWith('past-lifetime;full-exposure-40d')).toBe(true);
    expect(lines).toHaveLength(debtRows.length + 1);
  });
});
