import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import { ErrorNote } from '../../components/ErrorNote';
import { formatClockSeconds } from '../../format/time';
import { clearBulkKill, killByTag } from '../../store/flagCommands';
import { useRingside } from '../../store/useRingside';

export interface BulkKillBarProps {
  flags: Flag[];
  environments: Environment[];
  readOnlyReason: string | null;
}

const tagKey = (t: { type: string; value: string }) => `${t.type}:${t.value}`;

/**
 * Kill every flag carrying a tag (a service, an incident) in one environment. No dialog: a kill
 * never asks. The button says how many flags are on there now, so the scope is never a surprise.
 */
export function BulkKillBar({ flags, environments, readOnlyReason }: BulkKillBarProps) {
  const id = useId();
  const bulk = useRingside((s) => s.bulkKill);
  const tags = useMemo(() => [...new Set(flags.flatMap((f) => f.tags.map(tagKey)))].sort(), [flags]);
  const [tag, setTag] = useState('');
  const [environment, setEnvironment] = useState(
    () => environments.find((e) => e.type === 'production')?.name ?? environments[0]?.name ?? '',
  );
  const chosenTag = tags.includes(tag) ? tag : (tags[0] ?? '');
  const targets = useMemo(
    () =>
      flags.filter(
        (f) => f.tags.some((t) => tagKey(t) === chosenTag) && f.environments.some((e) => e.environment === environment && e.enabled),
      ),
    [flags, chosenTag, environment],
  );
  const pending = bulk.status === 'pending';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosenTag || !environment || pending || readOnlyReason) return;
    void killByTag(chosenTag, environment);
  }

  if (tags.length === 0) return null;
  return (
    <div className="bulk-kill" data-testid="bulk-kill">
      <form className="flags-toolbar" onSubmit={submit} aria-label="Kill every flag with a tag">
        <label htmlFor={`${id}-tag`}>
          Tag
          <select id={`${id}-tag`} value={chosenTag} onChange={(e) => setTag(e.target.value)}>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-env`}>
          Environment
          <select id={`${id}-env`} value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            {environments.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="danger"
          disabled={readOnlyReason !== null || targets.length === 0}
          aria-disabled={pending || undefined}
          title={readOnlyReason ?? `Turns off ${targets.length} flag(s) tagged ${chosenTag} in ${environment}`}
        >
          {pending ? 'Killing…' : `Kill ${targets.length} flag${targets.length === 1 ? '' : 's'} tagged ${chosenTag}`}
        </button>
      </form>
      <div aria-live="polite" data-testid="bulk-kill-results">
        {bulk.status === 'failed' && <ErrorNote error={bulk.error} onRetry={() => void killByTag(bulk.tag, bulk.environment)} />}
        {bulk.status === 'done' && (
          <>
            <p>
              {bulk.results.filter((r) => r.ok).length} of {bulk.results.length} flags tagged {bulk.tag} turned off in{' '}
              {bulk.environment}
              <button type="button" className="link" onClick={clearBulkKill}>
                Dismiss
              </button>
            </p>
            <ul className="bulk-results">
              {bulk.results.map((r) => (
                <li key={r.flag} className={r.ok ? 'ok' : 'failed'}>
                  {r.flag}: {r.ok ? `off (confirmed ${r.confirmedAt === null ? '' : formatClockSeconds(r.confirmedAt)})` : r.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
