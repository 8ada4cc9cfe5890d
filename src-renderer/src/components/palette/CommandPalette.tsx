import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { killFlag } from '../../store/flagCommands';
import { flagPermit } from '../../store/permits';
import { useRingside } from '../../store/useRingside';
import { switchWorkspace } from '../../transport/workspaceScope';
import { FlagName } from '../../views/flags/FlagName';
import { ModalDialog } from '../ModalDialog';
import { viewLabels } from '../Navigation';
import { commandsFor, matchCommands, workspaceCommands, type PaletteCommand } from './paletteCommands';
import { MAX_QUERY } from './paletteRanking';
import { PaletteRetries } from './PaletteRetries';
import { showPaletteKill } from './paletteToasts';
import './palette.css';

const commandLabel = (c: PaletteCommand) => (c.kind === 'kill' ? `Kill ${c.flag.name} in ${c.environment.name}` : c.label);

/** The typed query as the palette repeats it back: a long paste would push the list off screen. */
const SHOWN_QUERY = 60;
const elide = (text: string, max = SHOWN_QUERY) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Ctrl/Cmd+K: type a few letters of a flag's name, tag or description, Enter kills the first
 * match. Running a command closes the palette at once, so a second Enter acts on nothing; the
 * kill's outcome stays on screen as a toast (PaletteToasts), which takes the keyboard focus.
 * Nothing is chosen before something is typed (or an arrow pressed), so Ctrl+K, Enter does nothing.
 * Escape closes it and gives focus back to where it was.
 */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const id = useId();
  const flags = useRingside((s) => s.flags.data);
  const setView = useRingside((s) => s.setView);
  const policy = useRingside((s) => s.policy.data);
  const entries = useRingside((s) => s.workspaces.data?.workspaces);
  const currentId = useRingside((s) => s.workspace.data?.id ?? null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number | null>(null);

  const commands = useMemo(() => {
    const all = commandsFor(flags, viewLabels);
    // no kill the core would refuse (a viewer's, or where the server denies toggling)
    const killable = policy ? all.filter((c) => c.kind !== 'kill' || flagPermit(policy, c.environment.name, 'kill').allowed) : all;
    return [...killable, ...workspaceCommands(entries ?? [], currentId)];
  }, [flags, policy, entries, currentId]);
  const matches = useMemo(() => matchCommands(commands, query), [commands, query]);
  const current = active === null || matches.length === 0 ? null : Math.min(active, matches.length - 1);

  function run(command: PaletteCommand | undefined) {
    if (!command) return;
    // close first: the palette is gone before the kill is even sent, and the toast mounts after it
    onClose();
    if (command.kind === 'view') return setView(command.view);
    if (command.kind === 'workspace') return switchWorkspace(command.workspaceId);
    void showPaletteKill(commandLabel(command), killFlag(command.flag.name, command.environment.name));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (matches.length === 0) return;
      const down = event.key === 'ArrowDown';
      if (current === null) return setActive(down ? 0 : matches.length - 1);
      setActive((current + (down ? 1 : -1) + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // an Enter that only ends an IME composition chooses a character, not a command
      if (event.nativeEvent.isComposing || current === null) return;
      run(matches[current]);
    }
  }

  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <ModalDialog label="Command palette" className="palette" onCancel={onClose}>
      <input
        data-autofocus
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={current === null ? undefined : optionId(current)}
        aria-label="Flag or command"
        placeholder="Kill a flag: type part of its name, tag or description"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_QUERY}
        value={query}
        onChange={(event) => {
          const typed = event.target.value.slice(0, MAX_QUERY);
          setQuery(typed);
          setActive(typed.trim() ? 0 : null);
        }}
        onKeyDown={onKeyDown}
      />
      {flags?.readOnlyReason && <p className="muted palette-note">Kills are disabled: {flags.readOnlyReason}</p>}
      <ul id={`${id}-list`} role="listbox" aria-label="Matching commands" className="palette-list">
        {matches.map((command, index) => (
          <li
            key={command.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={command.kind === 'kill' ? 'palette-kill' : `palette-${command.kind}`}
            data-flag={command.kind === 'kill' ? command.flag.name : undefined}
            data-env={command.kind === 'kill' ? command.environment.name : undefined}
            onMouseMove={() => setActive(index)}
            onClick={() => run(command)}
          >
            {command.kind === 'kill' ? (
              <>
                <span className="palette-verb">Kill</span>{' '}
                <span className="flag-name">
                  <FlagName name={command.flag.name} />
                </span>{' '}
                <span className="muted">in {command.environment.name}</span>
                {command.flag.description && <span className="palette-description muted">{command.flag.description}</span>}
              </>
            ) : (
              command.label
            )}
          </li>
        ))}
        {matches.length === 0 && (
          <li className="muted palette-empty" title={query}>
            No flag that is on matches “{elide(query.trim())}”.
          </li>
        )}
      </ul>
      <PaletteRetries />
      <p className="hint muted">Type to choose, ↑ ↓ to move, Enter to run, Esc to close</p>
    </ModalDialog>
  );
}
