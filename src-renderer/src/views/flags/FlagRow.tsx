import type { ReactNode } from 'react';
import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import { FlagStateCell } from './FlagStateCell';

export interface FlagRowProps {
  flag: Flag;
  environments: Environment[];
  /** A per-row action (kill buttons, ...) rendered in the last column. */
  actions?: ReactNode;
}

/** One flag; every string in it comes from the flag server and is rendered as text only. */
export function FlagRow({ flag, environments, actions }: FlagRowProps) {
  return (
    <tr data-testid="flag-row" data-flag={flag.name} className={`flag-type-${flag.type}`}>
      <th scope="row" className="flag-name">
        {flag.name}
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
        <FlagStateCell key={env.name} flag={flag} environment={env.name} />
      ))}
      {actions !== undefined && <td className="flag-actions">{actions}</td>}
    </tr>
  );
}
