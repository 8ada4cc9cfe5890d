import type { DebtReason, FlagDebtRow } from '../../../../src-shared/domain/flagDebt';
import { toCsv, type CsvValue } from '../../../../src-shared/format/csv';

export const reasonLabels: Record<DebtReason, string> = {
  'past-lifetime': 'past its expected lifetime',
  'full-exposure-40d': 'fully on for more than 40 days',
  'no-owner': 'no owner: tag',
  'past-expiry': 'past its expires: date',
};

export type DebtColumn = 'flag' | 'type' | 'ageDays' | 'lifetimeDays' | 'daysAtFull' | 'owner' | 'expires' | 'reasons';
export type SortDirection = 'asc' | 'desc';
export interface DebtSort {
  column: DebtColumn;
  direction: SortDirection;
}

export const debtColumns: { id: DebtColumn; label: string; numeric?: boolean }[] = [
  { id: 'flag', label: 'Flag' },
  { id: 'type', label: 'Type' },
  { id: 'ageDays', label: 'Age (days)', numeric: true },
  { id: 'lifetimeDays', label: 'Lifetime (days)', numeric: true },
  { id: 'daysAtFull', label: 'Fully on (days)', numeric: true },
  { id: 'owner', label: 'Owner' },
  { id: 'expires', label: 'Expires' },
  { id: 'reasons', label: 'Why it is debt' },
];

const sortValue = (row: FlagDebtRow, column: DebtColumn): string | number | null =>
  column === 'reasons' ? row.reasons.length : row[column];

/**
 * Rows sorted by one column; empty values (no owner, long-lived lifetime) always go last, and
 * equal values keep the flag-name order so the board does not jump between refreshes.
 */
export function sortDebt(rows: readonly FlagDebtRow[], sort: DebtSort): FlagDebtRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    if (x === null || y === null) return x === y ? a.flag.localeCompare(b.flag) : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order !== 0 ? sign * order : a.flag.localeCompare(b.flag);
  });
}

/** The board as it is shown (same rows, same order) in CSV, safe to open in a spreadsheet. */
export function debtCsv(rows: readonly FlagDebtRow[]): string {
  const header = ['flag', 'type', 'temporary', 'age_days', 'lifetime_days', 'days_fully_on', 'owner', 'expires', 'reasons'];
  const body = rows.map((r): CsvValue[] => [
    r.flag,
    r.type,
    r.temporary,
    Math.floor(r.ageDays),
    r.lifetimeDays,
    r.daysAtFull === null ? null : Math.floor(r.daysAtFull),
    r.owner,
    r.expires,
    r.reasons.join(';'),
  ]);
  return toCsv(header, body);
}
