import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AUDIT_FILTER_LIMITS, type AuditTextFilter } from '../../../../src-shared/ipc/channels/auditChannels';
import { setAuditFilter } from '../../store/auditLoaders';
import type { AuditFilter } from '../../store/slices/auditSlice';
import { useRingside } from '../../store/useRingside';
import { fromZoneInput, toZoneInput, useAuditZone, zoneLabel, type AuditZone } from './auditTime';

export const SOURCES = ['console', 'guard', 'canary', 'flag-server', 'rollout'] as const;

type Fields = Record<'text' | 'from' | 'to' | 'source' | 'environment' | 'objectId' | 'actor' | 'action', string>;

const fieldsOf = (f: AuditFilter, zone: AuditZone): Fields => ({
  text: f.text ?? '',
  from: toZoneInput(f.from, zone),
  to: toZoneInput(f.to, zone),
  source: f.source ?? '',
  environment: f.environment ?? '',
  objectId: f.objectId ?? '',
  actor: f.actor ?? '',
  action: f.action ?? '',
});

/** How a sentence names each text field. */
const FIELD_NAMES: Record<AuditTextFilter, string> = {
  text: 'The search',
  source: 'Source',
  environment: 'Environment',
  objectId: 'Object',
  actor: 'Actor',
  action: 'Action',
};
const TEXT_KEYS = ['text', 'source', 'environment', 'objectId', 'actor', 'action'] as const;

/** Longer than the contract takes (its own limit, one source): what to tell the person, else null. */
export function limitError(key: AuditTextFilter, value: string): string | null {
  const length = value.trim().length;
  const limit = AUDIT_FILTER_LIMITS[key];
  if (length <= limit) return null;
  return `${FIELD_NAMES[key]} takes at most ${limit.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}. Shorten it to search.`;
}

const limitErrors = (fields: Fields) =>
  Object.fromEntries(TEXT_KEYS.flatMap((key) => {
    const error = limitError(key, fields[key]);
    return error ? [[key, error]] : [];
  })) as Partial<Record<AuditTextFilter, string>>;

/** The form's text as a filter, times read in `zone`; an over-long value, a time that does not parse or an inverted range is an error to show. */
export function filterOf(fields: Fields, zone: AuditZone = 'local'): { filter: AuditFilter } | { error: string } {
  const filter: AuditFilter = {};
  for (const key of TEXT_KEYS) {
    const error = limitError(key, fields[key]);
    if (error) return { error };
    const value = fields[key].trim();
    if (value) filter[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    if (!fields[key]) continue;
    const ms = fromZoneInput(fields[key], zone);
    if (!Number.isFinite(ms) || ms < 0) return { error: `${key === 'from' ? 'From' : 'To'}: not a date and time.` };
    // "to" names a minute: include the whole of it.
    filter[key] = key === 'to' ? ms + 59_999 : ms;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) return { error: 'From is later than To.' };
  return { filter };
}

const TEXT_FIELDS: [Exclude<AuditTextFilter, 'text' | 'source'>, string, string][] = [
  ['environment', 'Environment', 'production'],
  ['objectId', 'Object', 'flag, rollout or release'],
  ['actor', 'Actor', 'who'],
  ['action', 'Action', 'flag.disabled'],
];

/** Full-text search and the indexed filters; applied on Enter or Search. */
export function AuditFilters() {
  const current = useRingside((s) => s.audit.filter);
  const zone = useAuditZone();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(current, zone));
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));
  const tooLong = limitErrors(fields);

  // The time fields say the same instant in the zone the reader switched to.
  const shownIn = useRef(zone);
  useEffect(() => {
    const before = shownIn.current;
    if (before === zone) return;
    shownIn.current = zone;
    const again = (text: string) => {
      const ms = text ? fromZoneInput(text, before) : Number.NaN;
      return Number.isFinite(ms) ? toZoneInput(ms, zone) : text;
    };
    setFields((f) => ({ ...f, from: again(f.from), to: again(f.to) }));
  }, [zone]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = filterOf(fields, zone);
    // An over-long value already says so beside its field; the other errors are said here.
    if ('error' in parsed) return setError(Object.keys(tooLong).length > 0 ? null : parsed.error);
    setError(null);
    void setAuditFilter(parsed.filter);
  };
  const clear = () => {
    setFields(fieldsOf({}, zone));
    setError(null);
    void setAuditFilter({});
  };
  /** The field's own sentence when it is over its limit, tied to it for screen readers. */
  const invalid = (key: AuditTextFilter) =>
    tooLong[key] ? { 'aria-invalid': true as const, 'aria-describedby': `audit-limit-${key}` } : {};
  const zoneText = zone === 'utc' ? 'UTC' : 'local';

  return (
    <form className="audit-filters" role="search" aria-label="Filter the audit" onSubmit={submit}>
      <input
        type="search"
        className="audit-search"
        aria-label="Search the audit"
        placeholder="Search actions, objects, actors, reasons, payloads"
        value={fields.text}
        onChange={set('text')}
        {...invalid('text')}
      />
      <label title={`in ${zoneLabel(zone)}`}>
        From ({zoneText}) <input type="datetime-local" value={fields.from} onChange={set('from')} />
      </label>
      <label title={`in ${zoneLabel(zone)}`}>
        To ({zoneText}) <input type="datetime-local" value={fields.to} onChange={set('to')} />
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
          {label} <input type="text" value={fields[key]} placeholder={hint} onChange={set(key)} {...invalid(key)} />
        </label>
      ))}
      <button type="submit" disabled={Object.keys(tooLong).length > 0}>
        Search
      </button>
      <button type="button" onClick={clear}>
        Clear
      </button>
      {TEXT_KEYS.map((key) =>
        tooLong[key] ? (
          <p key={key} id={`audit-limit-${key}`} className="audit-field-error" aria-live="polite">
            {tooLong[key]}
          </p>
        ) : null,
      )}
      {error && (
        <p className="audit-filter-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
