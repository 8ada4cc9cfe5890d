import { useCallback, useEffect } from 'react';
import type { FlagDebtRow } from '../../../../src-shared/domain/flagDebt';
import { VirtualRows } from '../../components/VirtualRows';
import { useVirtualRows, type VirtualRowProps } from '../../hooks/useVirtualRows';
import { debtColumns, reasonLabels, type DebtColumn, type DebtSort } from './debtTable';

/** A row's height before it is measured: one line, or two reasons. */
export const DEBT_ROW_ESTIMATE = 40;

function DebtTableRow({ row: r, rowProps }: { row: FlagDebtRow; rowProps: VirtualRowProps }) {
  return (
    <tr {...rowProps} data-testid="debt-row" data-flag={r.flag}>
      <th scope="row" className="flag-name">
        {r.flag}
      </th>
      <td>
        {r.type}
        <span className="muted"> · {r.temporary ? 'temporary' : 'long-lived'}</span>
      </td>
      <td className="numeric">{Math.floor(r.ageDays)}</td>
      <td className="numeric">{r.lifetimeDays ?? '—'}</td>
      <td className="numeric">{r.daysAtFull === null ? '—' : Math.floor(r.daysAtFull)}</td>
      <td>{r.owner ?? <span className="muted">none</span>}</td>
      <td>{r.expires ?? '—'}</td>
      <td>
        <ul className="debt-reasons">
          {r.reasons.map((reason) => (
            <li key={reason}>{reasonLabels[reason]}</li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

export interface DebtTableProps {
  rows: FlagDebtRow[];
  sort: DebtSort;
  onSort: (column: DebtColumn) => void;
}

/** The board's rows, sortable by any column; only the rows in view are drawn, so thousands of flags stay quick. */
export function DebtTable({ rows, sort, onSort }: DebtTableProps) {
  const keyOf = useCallback((index: number) => rows[index]?.flag ?? index, [rows]);
  const { scroller, virtualizer, bodyProps, rowProps } = useVirtualRows({ count: rows.length, keyOf, estimate: DEBT_ROW_ESTIMATE });
  useEffect(() => {
    // A new order is read from its top.
    virtualizer.scrollToOffset(0);
  }, [sort, virtualizer]);
  return (
    <div ref={scroller} className="debt-scroll" data-testid="debt-scroll">
      <table className="debt-table" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {debtColumns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={`col-${c.id}${c.numeric ? ' numeric' : ''}`}
                aria-sort={sort.column === c.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button type="button" className="sort" onClick={() => onSort(c.id)}>
                  {c.label}
                  <span aria-hidden="true">{sort.column === c.id ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody {...bodyProps}>
          <VirtualRows virtualizer={virtualizer} columns={debtColumns.length}>
            {(index) => <DebtTableRow key={rows[index]!.flag} row={rows[index]!} rowProps={rowProps(index)} />}
          </VirtualRows>
        </tbody>
      </table>
    </div>
  );
}
