import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import { killByTag } from '../../store/flagCommands';
import { flagPermit } from '../../store/permits';
import { useRingside } from '../../store/useRingside';
import { BulkKillConfirm } from './BulkKillConfirm';
import { BulkKillToast } from './BulkKillToast';

export interface BulkKillBarProps {
  flags: Flag[];
  environments: Environment[];
  readOnlyReason: string | null;
}

const tagKey = (t: { type: string; value: string }) => `${t.type}:${t.value}`;

/** How many names the button spells out before "and N more"; the dialog lists them all. */
const NAMED = 3;

/** "a, b and c" / "a, b, c and 2 more": the flags a button would kill, in words. */
export function namesOf(names: readonly string[], named = NAMED): string {
  if (names.length <= named) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `${names.slice(0, named).join(', ')} and ${names.length - named} more`;
}

/** What the button says: nothing is armed until a tag is chosen and some flag with it is on. */
function buttonText(tag: string, environment: string, targets: readonly Flag[]): string {
  if (!tag) return 'Choose a tag to kill its flags';
  if (targets.length === 0) return `No flag tagged ${tag} is on in ${environment}`;
  const count = `${targets.length} flag${targets.length === 1 ? '' : 's'}`;
  return `Kill ${count} in ${environment}: ${namesOf(targets.map((f) => f.name))}`;
}

/**
 * Kill every flag carrying a tag (a service, an incident) in one environment. It starts with no
 * tag chosen, so nothing destructive is armed when the view opens; the button names the count and
 * the flags, and one confirmation lists every flag it will turn off (a single cell's kill never
 * asks; many at once do, once). After a kill the tag goes back to none.
 */
export function BulkKillBar({ flags, environments, readOnlyReason }: BulkKillBarProps) {
  const id = useId();
  const pending = useRingside((s) => s.bulkKill.status === 'pending');
  const tags = useMemo(() => [...new Set(flags.flatMap((f) => f.tags.map(tagKey)))].sort(), [flags]);
  const [tag, setTag] = useState('');
  const [environment, setEnvironment] = useState(
    () => environments.find((e) => e.type === 'production')?.name ?? environments[0]?.name ?? '',
  );
  const [confirming, setConfirming] = useState(false);
  // a tag that vanished from the list (its last flag renamed) is no longer chosen
  const chosenTag = tags.includes(tag) ? tag : '';
  const targets = useMemo(
    () =>
      chosenTag
        ? flags.filter(
            (f) => f.tags.some((t) => tagKey(t) === chosenTag) && f.environments.some((e) => e.environment === environment && e.enabled),
          )
        : [],
    [flags, chosenTag, environment],
  );
  const permit = flagPermit(useRingside((s) => s.policy.data), environment, 'kill');
  const denied = readOnlyReason === null && !permit.allowed ? permit.reason : null;
  const armed = chosenTag !== '' && targets.length > 0 && readOnlyReason === null && denied === null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (armed && !pending) setConfirming(true);
  }

  function confirm() {
    setConfirming(false);
    // the list refreshed under the open dialog: nothing on any more, or changes now disabled
    if (!armed || pending) return;
    setTag('');
    void killByTag(chosenTag, environment);
  }

  if (tags.length === 0) return null;
  const text = pending ? 'Killing…' : buttonText(chosenTag, environment, targets);
  return (
    <div className="bulk-kill" data-testid="bulk-kill">
      <form className="flags-toolbar" onSubmit={submit} aria-label="Kill every flag with a tag">
        <label htmlFor={`${id}-tag`}>
          Tag
          <select id={`${id}-tag`} data-testid="bulk-kill-tag" value={chosenTag} onChange={(e) => setTag(e.target.value)}>
            <option value="">Choose a tag…</option>
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
          className={armed ? 'danger bulk-kill-button' : 'bulk-kill-button'}
          disabled={!armed}
          aria-disabled={pending || undefined}
          title={readOnlyReason ?? denied ?? text}
          aria-describedby={denied ? `${id}-denied` : undefined}
          data-testid="bulk-kill-button"
        >
          {text}
        </button>
        {denied && (
          <span id={`${id}-denied`} className="denied-reason">
            {denied}
          </span>
        )}
      </form>
      {confirming && (
        <BulkKillConfirm
          tag={chosenTag}
          environment={environment}
          flags={targets.map((f) => f.name)}
          onCancel={() => setConfirming(false)}
          onConfirm={confirm}
        />
      )}
      <BulkKillToast />
    </div>
  );
}
