import type { ReactNode } from 'react';
import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import { FlagRow } from './FlagRow';

export interface FlagsTableProps {
  flags: Flag[];
  environments: Environment[];
  /** Adds an Actions column; called once per row. */
  renderActions?: (flag: Flag) => ReactNode;
}

export function FlagsTable({ flags, environments, renderActions }: FlagsTableProps) {
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
          <FlagRow key={flag.name} flag={flag} environments={environments} actions={renderActions?.(flag)} />
        ))}
      </tbody>
    </table>
  );
}
