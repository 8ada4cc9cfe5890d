import type { ReactNode } from 'react';
import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import type { FlagChange } from '../../../../src-shared/domain/flagDebt';
import type { KillRetry } from '../../../../src-shared/domain/killRetry';
import type { VirtualRowProps } from '../../hooks/useVirtualRows';
import { FlagName } from './FlagName';
import { FlagStateCell } from './FlagStateCell';

export interface FlagRowProps {
  flag: Flag;
  environments: Environment[];
  /** why changes are disabled; null when they are allowed */
  readOnlyReason: string | null;
  changeOf: (flag: string, environment: string) => FlagChange | undefined;
  retryOf: (flag: string, environment: string) => KillRetry | undefined;
  now: number;
  /** what the virtual table body needs on the row: its measuring ref and index */
  rowProps?: VirtualRowProps;
  /** A per-row action rendered in the last column. */
  actions?: ReactNode;
}

/** One flag; every string in it comes from the flag server and is rendered as text only. */
export function FlagRow({ flag, environments, readOnlyReason, changeOf, retryOf, now, rowProps, actions }: FlagRowProps) {
  return (
    <tr {...rowProps} data-testid="flag-row" data-flag={flag.name} className={`flag-type-${flag.type}`}>
      <th scope="row" className="flag-name" title={flag.name}>
        <FlagName name={flag.name} />
        {flag.project !== 'default' && <span className="muted"> ({flag.project})</span>}
      </th>
      <td className="flag-type">{flag.type}</td>
      <td className="flag-description">{flag.description}</td>
      <td className="flag-tags">
        {flag.tags.map((tag) => (
          <span key={`${tag.type}:${tag.value}`} className="tag">
            {tag.type}:{tag.value}
          </span>
        ))}
      </td>
      {environments.map((env) => (
        <FlagStateCell
          key={env.name}
          flag={flag}
          environment={env}
          readOnlyReason={readOnlyReason}
          change={changeOf(flag.name, env.name)}
          retry={retryOf(flag.name, env.name)}
          now={now}
        />
      ))}
      {actions !== undefined && <td className="flag-actions">{actions}</td>}
    </tr>
  );
}
