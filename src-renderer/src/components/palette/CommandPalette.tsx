import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { killFlag } from '../../store/flagCommands';
import { useRingside } from '../../store/useRingside';
import { ModalDialog } from '../ModalDialog';
import { viewLabels } from '../Navigation';
import { commandsFor, matchCommands, type PaletteCommand } from './paletteCommands';
import { PaletteOutcome, type Outcome } from './PaletteOutcome';
import { PaletteRetries } from './PaletteRetries';
import './palette.css';

const commandLabel = (c: PaletteCommand) => (c.kind === 'view' ? c.label : `Kill ${c.flag.name} in ${c.environment.name}`);

/**
 * Ctrl/Cmd+K: type a few letters of a flag's name, description or tag, Enter kills it. The
 * palette stays open to say whether the server confirmed the kill; Escape closes it.
 */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const id = useId();
  const flags = useRingside((s) => s.flags.data);
  const setView = useRingside((s) => s.setView);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const commands = useMemo(() => commandsFor(flags, viewLabels), [flags]);
  const matches = useMemo(() => matchCommands(commands, query), [commands, query]);
  const current = Math.min(active, Math.max(0, matches.length - 1));

  async function run(command: PaletteCommand | undefined) {
    if (!command) return;
    if (command.kind === 'view') {
      setView(command.view);
      return onClose();
    }
    const label = commandLabel(command);
    setOutcome({ label, op: null });
    const op = await killFlag(command.flag.name, command.environment.name);
    setOutcome({ label, op });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void run(matches[current]);
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
        aria-activedescendant={matches.length ? optionId(current) : undefined}
        aria-label="Flag or command"
        placeholder="Kill a flag: type part of its name, description or tag"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
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
            className={command.kind === 'kill' ? 'palette-kill' : 'palette-view'}
            data-flag={command.kind === 'kill' ? command.flag.name : undefined}
            data-env={command.kind === 'kill' ? command.environment.name : undefined}
            onMouseMove={() => setActive(index)}
            onClick={() => void run(command)}
          >
            {command.kind === 'kill' ? (
              <>
                <span className="palette-verb">Kill</span> <span className="flag-name">{command.flag.name}</span>{' '}
                <span className="muted">in {command.environment.name}</span>
                {command.flag.description && <span className="palette-description muted">{command.flag.description}</span>}
              </>
            ) : (
              command.label
            )}
          </li>
        ))}
        {matches.length === 0 && <li className="muted">No flag that is on matches “{query}”.</li>}
      </ul>
      <PaletteOutcome outcome={outcome} onKeptTrying={(op) => setOutcome((o) => (o?.op === op ? { ...o, keptTrying: true } : o))} />
      <PaletteRetries />
      <p className="hint muted">↑ ↓ to choose, Enter to run, Esc to close</p>
    </ModalDialog>
  );
}
