import { Fragment } from 'react';
import './flagName.css';

/** A name's parts, each ending after a `.`, `-` or `_`: the only places a flag name may wrap. */
export const nameParts = (name: string): string[] => name.split(/(?<=[._-])/);

/**
 * A flag's name that wraps only after `.`, `-` or `_` ("search. / personalization", never
 * "search.personaliza / tion"): a <wbr> after each, and CSS (.flag-name-text) that breaks nowhere else.
 */
export function FlagName({ name }: { name: string }) {
  const parts = nameParts(name);
  return (
    <span className="flag-name-text">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
