import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import type { ViewId } from '../../store/slices/navSlice';
import { rankFuzzy, type SearchField } from './fuzzyMatch';

/** One thing the palette can do: kill a flag that is on in an environment, or open a view. */
export type PaletteCommand =
  | { kind: 'kill'; id: string; flag: Flag; environment: Environment }
  | { kind: 'view'; id: string; view: ViewId; label: string };

/** The most options the list shows; typing narrows it further. */
export const PALETTE_LIMIT = 50;

/**
 * A kill for every (flag, environment) that is on, production environments first: in an incident
 * the first match should be the one that stops user impact.
 */
export function killCommands(flags: readonly Flag[], environments: readonly Environment[]): PaletteCommand[] {
  const ordered = [...environments].sort((a, b) => Number(b.type === 'production') - Number(a.type === 'production'));
  return ordered.flatMap((environment) =>
    flags
      .filter((flag) => flag.environments.some((e) => e.environment === environment.name && e.enabled))
      .map((flag): PaletteCommand => ({ kind: 'kill', id: JSON.stringify(['kill', flag.name, environment.name]), flag, environment })),
  );
}

export function viewCommands(labels: Record<ViewId, string>): PaletteCommand[] {
  return (Object.keys(labels) as ViewId[]).map((view) => ({ kind: 'view', id: `view:${view}`, view, label: `Go to ${labels[view]}` }));
}

function fieldsOf(command: PaletteCommand): SearchField[] {
  if (command.kind === 'view') return [{ text: command.label, weight: 2 }];
  const { flag, environment } = command;
  return [
    { text: flag.name, weight: 4 },
    { text: flag.tags.map((t) => `${t.type}:${t.value}`).join(' '), weight: 2 },
    { text: flag.description, weight: 1 },
    { text: environment.name, weight: 1 },
    { text: 'kill', weight: 1 },
  ];
}

/** The commands matching a query, best first, at most PALETTE_LIMIT. */
export function matchCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  return rankFuzzy(commands, query, fieldsOf).slice(0, PALETTE_LIMIT);
}
