import { useMemo, type ReactNode } from 'react';
import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import type { FlagChange } from '../../../../src-shared/domain/flagDebt';
import { opKey } from '../../store/slices/flagOpsSlice';
import { FlagRow } from './FlagRow';

export interface FlagsTableProps {
  flags: Flag[];
  environments: Environment[];
  readOnlyReason?: string | null;
  changes?: FlagChange[];
  now?: number;
  /** Adds an Actions column; called once per row. */
  renderActions?: (flag: Flag) => ReactNode;
}

export function FlagsTable({ flags, environments, readOnlyReason = null, changes, now = Date.now(), renderActions }: FlagsTableProps) {
  const changeOf = useMemo(() => {
    const byCell = new Map((changes ?? []).map((c) => [opKey(c.flag, c.environment), c]));
    return (flag: string, environment: string) => byCell.get(opKey(flag, environment));
  }, [changes]);
  if (flags.length === 0) return <p className="muted">This workspace has no flags.</p>;
  return (
    <table className="flags-table">
      <thead>
        <tr>
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
      <tbody>
        {flags.map((flag) => (
          <FlagRow
            key={flag.name}
            flag={flag}
            environments={environments}
            readOnlyReason={readOnlyReason}
            changeOf={changeOf}
            now={now}
            actions={renderActions?.(flag)}
          />
        ))}
      </tbody>
    </table>
  );
}
