import { useEffect, useState, type FormEvent } from 'react';
import type { Freeze, ReleaseWindows, WeeklyWindow, Weekday } from '../../../../src-shared/domain/plan';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { saveWindows } from '../../store/ringCommands';
import { useRingside } from '../../store/useRingside';

const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const dayName = (d: Weekday) => d[0]!.toUpperCase() + d.slice(1);
const weeklyText = (w: WeeklyWindow) => `${w.kind === 'release' ? 'release window' : 'blackout'} "${w.label}": ${dayName(w.start.day)} ${w.start.time} → ${dayName(w.end.day)} ${w.end.time}`;

const emptyWeekly: WeeklyWindow = { kind: 'blackout', label: '', start: { day: 'fri', time: '16:00' }, end: { day: 'mon', time: '08:00' } };
const emptyFreeze: Freeze = { label: '', from: '', to: '', reason: '' };

/** The workspace's weekly windows and dated freezes, edited as a draft and saved whole. */
export function WindowsPanel() {
  const saved = useRingside((s) => s.windows.data?.windows);
  const [draft, setDraft] = useState<ReleaseWindows | null>(null);
  const [weekly, setWeekly] = useState<WeeklyWindow>(emptyWeekly);
  const [freeze, setFreeze] = useState<Freeze>(emptyFreeze);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (saved && draft === null) setDraft(saved);
  }, [saved, draft]);
  if (!draft) return null;

  const change = (next: ReleaseWindows) => {
    setDraft(next);
    setNote(null);
  };
  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await saveWindows(draft!);
    setError(result.ok ? null : result.error);
    setNote(result.ok ? 'Release windows saved.' : null);
    if (result.ok) setDraft(result.value.windows);
  }

  return (
    <details className="windows-panel">
      <summary>Release windows and blackouts</summary>
      <form onSubmit={(e) => void save(e)} aria-label="Release windows">
        <label>
          Time zone (IANA)
          <input value={draft.timeZone} onChange={(e) => change({ ...draft, timeZone: e.target.value })} maxLength={64} required />
        </label>
        <ul className="window-list" aria-label="Weekly windows">
          {draft.weekly.map((w, i) => (
            <li key={`w-${i}`}>
              {weeklyText(w)}{' '}
              <button type="button" onClick={() => change({ ...draft, weekly: draft.weekly.filter((_, j) => j !== i) })} aria-label={`Remove ${weeklyText(w)}`}>
                Remove
              </button>
            </li>
          ))}
          {draft.freezes.map((f, i) => (
            <li key={`f-${i}`}>
              freeze "{f.label}": {f.from.replace('T', ' ')} → {f.to.replace('T', ' ')}
              {f.reason && ` (${f.reason})`}{' '}
              <button type="button" onClick={() => change({ ...draft, freezes: draft.freezes.filter((_, j) => j !== i) })} aria-label={`Remove freeze ${f.label}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <fieldset>
          <legend>Add a weekly window</legend>
          <select aria-label="Kind" value={weekly.kind} onChange={(e) => setWeekly({ ...weekly, kind: e.target.value as WeeklyWindow['kind'] })}>
            <option value="blackout">blackout</option>
            <option value="release">release window</option>
          </select>
          <input aria-label="Window label" value={weekly.label} onChange={(e) => setWeekly({ ...weekly, label: e.target.value })} maxLength={120} />
          {(['start', 'end'] as const).map((end) => (
            <span key={end}>
              <select aria-label={`${end} day`} value={weekly[end].day} onChange={(e) => setWeekly({ ...weekly, [end]: { ...weekly[end], day: e.target.value as Weekday } })}>
                {DAYS.map((d) => (
                  <option key={d} value={d}>
                    {dayName(d)}
                  </option>
                ))}
              </select>
              <input type="time" aria-label={`${end} time`} value={weekly[end].time} onChange={(e) => setWeekly({ ...weekly, [end]: { ...weekly[end], time: e.target.value } })} />
            </span>
          ))}
          <button type="button" disabled={!weekly.label.trim()} onClick={() => {
              change({ ...draft, weekly: [...draft.weekly, weekly] });
              setWeekly(emptyWeekly);
            }}>
            Add window
          </button>
        </fieldset>
        <fieldset>
          <legend>Add a dated freeze</legend>
          <input aria-label="Freeze label" value={freeze.label} onChange={(e) => setFreeze({ ...freeze, label: e.target.value })} maxLength={120} />
          <input type="datetime-local" aria-label="Freeze from" value={freeze.from} onChange={(e) => setFreeze({ ...freeze, from: e.target.value })} />
          <input type="datetime-local" aria-label="Freeze to" value={freeze.to} onChange={(e) => setFreeze({ ...freeze, to: e.target.value })} />
          <input aria-label="Freeze reason" value={freeze.reason} onChange={(e) => setFreeze({ ...freeze, reason: e.target.value })} maxLength={500} />
          <button
            type="button"
            disabled={!freeze.label.trim() || !freeze.from || !freeze.to}
            onClick={() => {
              change({ ...draft, freezes: [...draft.freezes, freeze] });
              setFreeze(emptyFreeze);
            }}
          >
            Add freeze
          </button>
        </fieldset>
        <button type="submit">Save windows</button>
        <div aria-live="polite">
          {error && <ErrorNote error={error} />}
          {note && <p>{note}</p>}
        </div>
      </form>
    </details>
  );
}
