import { useId, type KeyboardEvent } from 'react';
import { MAX_FILTER } from './flagFilter';

export interface FlagFilterProps {
  value: string;
  onChange: (value: string) => void;
  shown: number;
  total: number;
}

/** Type part of a name or a tag to narrow the table; Escape clears. The count keeps its place. */
export function FlagFilter({ value, onChange, shown, total }: FlagFilterProps) {
  const id = useId();
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && value) {
      event.preventDefault();
      onChange('');
    }
  }
  return (
    <div className="flag-filter" role="search">
      <label htmlFor={id}>Filter flags</label>
      <input
        id={id}
        type="search"
        value={value}
        maxLength={MAX_FILTER}
        placeholder="Name or tag, e.g. payments or incident:INC-2041"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value.slice(0, MAX_FILTER))}
        onKeyDown={onKeyDown}
      />
      <span className="flag-filter-count muted" aria-live="polite" data-testid="flag-filter-count">
        {value.trim() ? `${shown} of ${total} flags` : `${total} flags`}
      </span>
    </div>
  );
}
