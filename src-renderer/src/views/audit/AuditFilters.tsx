import { useState, type FormEvent } from 'react';
import { setAuditFilter } from '../../store/auditLoaders';
import type { AuditFilter } from '../../store/slices/auditSlice';
import { useRingside } from '../../store/useRingside';

export const SOURCES = ['console', 'guard', 'canary', 'flag-server', 'rollout'] as const;

type Fields = Record<'text' | 'from' | 'to' | 'source' | 'environment' | 'objectId' | 'actor' | 'action', string>;

const pad = (n: number) => String(n).padStart(2, '0');
/** epoch ms as a datetime-local value (local time, to the minute) */
const toInput = (ms: number | undefined) => {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const fieldsOf = (f: AuditFilter): Fields => ({
  text: f.text ?? '',
  from: toInput(f.from),
  to: toInput(f.to),
  source: f.source ?? '',
  environment: f.environment ?? '',
  objectId: f.objectId ?? '',
  actor: f.actor ?? '',
  action: f.action ?? '',
});

/** The form's text as a filter; a time that does not parse or an inverted range is an error to show. */
export function filterOf(fields: Fields): { filter: AuditFilter } | { error: string } {
  const filter: AuditFilter = {};
  for (const key of ['text', 'source', 'environment', 'objectId', 'actor', 'action'] as const) {
    const value = fields[key].trim();
    if (value) filter[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    if (!fields[key]) continue;
    const ms = new Date(fields[key]).getTime();
    if (!Number.isFinite(ms) || ms < 0) return { error: `${key === 'from' ? 'From' : 'To'}: not a date and time.` };
    // "to" names a minute: include the whole of it.
    filter[key] = key === 'to' ? ms + 59_999 : ms;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) return { error: 'From is later than To.' };
  return { filter };
}

const TEXT_FIELDS: [keyof Fields, string, string][] = [
  ['environment', 'Environment', 'production'],
  ['objectId', 'Object', 'flag, rollout or release'],
  ['actor', 'Actor', 'who'],
  ['action', 'Action', 'flag.disabled'],
];

/** Full-text search and the indexed filters; applied on Enter or Search. */
export function AuditFilters() {
  const current = useRingside((s) => s.audit.filter);
  const [fields, setFields] = useState<Fields>(() => fieldsOf(current));
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = filterOf(fields);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    void setAuditFilter(parsed.filter);
  };
  const clear = () => {
    setFields(fieldsOf({}));
    setError(null);
    void setAuditFilter({});
  };

  return (
    <form className="audit-filters" role="search" aria-label="Filter the audit" onSubmit={submit}>
      <input
        type="search"
        className="audit-search"
        aria-label="Search the audit"
        placeholder="Search actions, objects, actors, reasons, payloads"
        maxLength={10_000}
        value={fields.text}
        onChange={set('text')}
      />
      <label>
        From <input type="datetime-local" value={fields.from} onChange={set('from')} />
      </label>
      <label>
        To <input type="datetime-local" value={fields.to} onChange={set('to')} />
      </label>
      <label>
        Source{' '}
        <select value={fields.source} onChange={set('source')}>
          <option value="">all</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FIELDS.map(([key, label, hint]) => (
        <label key={key}>
          {label} <input type="text" value={fields[key]} placeholder={hint} maxLength={256} onChange={set(key)} />
        </label>
      ))}
      <button type="submit">Search</button>
      <button type="button" onClick={clear}>
        Clear
      </button>
      {error && (
        <p className="audit-filter-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
