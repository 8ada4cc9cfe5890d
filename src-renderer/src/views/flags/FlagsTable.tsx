import { useCallback, useMemo, type ReactNode } from 'react';
import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import type { FlagChange } from '../../../../src-shared/domain/flagDebt';
import type { KillRetry } from '../../../../src-shared/domain/killRetry';
import { VirtualRows } from '../../components/VirtualRows';
import { useVirtualRows } from '../../hooks/useVirtualRows';
import { retriesByCell } from '../../store/killRetries';
import { opKey } from '../../store/slices/flagOpsSlice';
import { FlagRow } from './FlagRow';
import './flagsTable.css';

/** A row's height before it is measured: one line of state and a Kill button. */
export const FLAG_ROW_ESTIMATE = 44;

export interface FlagsTableProps {
  flags: Flag[];
  environments: Environment[];
  readOnlyReason?: string | null;
  changes?: FlagChange[];
  retries?: KillRetry[];
  now?: number;
  /** Adds an Actions column; called once per drawn row. */
  renderActions?: (flag: Flag) => ReactNode;
  /** Said in the table, under its header, when `flags` is empty because a filter left none. */
  emptyText?: string;
}

/**
 * Every flag with its state per environment. Thousands of flags stay quick: only the rows in
 * view are drawn (a virtual body in its own scroller, the header sticky above it).
 */
export function FlagsTable({
  flags,
  environments,
  readOnlyReason = null,
  changes,
  retries,
  now = Date.now(),
  renderActions,
  emptyText,
}: FlagsTableProps) {
  const changeOf = useMemo(() => {
    const byCell = new Map((changes ?? []).map((c) => [opKey(c.flag, c.environment), c]));
    return (flag: string, environment: string) => byCell.get(opKey(flag, environment));
  }, [changes]);
  const retryOf = useMemo(() => {
    const byCell = retriesByCell(retries ?? []);
    return (flag: string, environment: string) => byCell.get(opKey(flag, environment));
  }, [retries]);
  const keyOf = useCallback((index: number) => flags[index]?.name ?? index, [flags]);
  const { scroller, virtualizer, bodyProps, rowProps } = useVirtualRows({ count: flags.length, keyOf, estimate: FLAG_ROW_ESTIMATE });

  if (flags.length === 0 && emptyText === undefined) return <p className="muted">This workspace has no flags.</p>;
  const columns = 4 + environments.length + (renderActions ? 1 : 0);
  return (
    <div ref={scroller} className="flags-scroll" data-testid="flags-scroll">
      <table className="flags-table" aria-rowcount={flags.length + 1}>
        <colgroup>
          <col className="col-name" />
          <col className="col-type" />
          <col className="col-description" />
          <col className="col-tags" />
          {environments.map((env) => (
            <col key={env.name} className="col-env" />
          ))}
          {renderActions && <col className="col-actions" />}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
            <th scope="col">Tags</th>
            {environments.map((env) => (
              <th scope="col" key={env.name} className={`env env-${env.type}`}>
                {env.name}
              </th>
            ))}
            {renderActions && <th scope="col">Actions</th>}
          </tr>
        </thead>
        {flags.length === 0 ? (
          <tbody>
            <tr>
              <td colSpan={columns} className="flags-empty muted" data-testid="flags-empty">
                {emptyText}
              </td>
            </tr>
          </tbody>
        ) : (
          <tbody {...bodyProps}>
            <VirtualRows virtualizer={virtualizer} columns={columns}>
              {(index) => {
                const flag = flags[index]!;
                return (
                  <FlagRow
                    key={flag.name}
                    rowProps={rowProps(index)}
                    flag={flag}
                    environments={environments}
                    readOnlyReason={readOnlyReason}
                    changeOf={changeOf}
                    retryOf={retryOf}
                    now={now}
                    actions={renderActions?.(flag)}
                  />
                );
              }}
            </VirtualRows>
          </tbody>
        )}
      </table>
    </div>
  );
}
