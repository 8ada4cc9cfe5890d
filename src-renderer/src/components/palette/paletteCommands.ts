import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import type { FlagsList } from '../../store/slices/flagsSlice';
import type { ViewId } from '../../store/slices/navSlice';
import { rankItems, searchText, type SearchText } from './paletteRanking';

/** One thing the palette can do: kill a flag that is on in an environment, open a view, or switch workspace. */
export type PaletteCommand =
  | { kind: 'kill'; id: string; flag: Flag; environment: Environment; search: SearchText[] }
  | { kind: 'view'; id: string; view: ViewId; label: string; search: SearchText[] }
  | { kind: 'workspace'; id: string; workspaceId: string; label: string; search: SearchText[] };

/** The most options the list shows; typing narrows it further. */
export const PALETTE_LIMIT = 50;

const KILL_WORD = searchText('scope', 'kill');

/**
 * A kill for every (flag, environment) that is on, production environments first: in an incident
 * the first match should be the one that stops user impact.
 */
export function killCommands(flags: readonly Flag[], environments: readonly Environment[]): PaletteCommand[] {
  const ordered = [...environments].sort((a, b) => Number(b.type === 'production') - Number(a.type === 'production'));
  const flagFields = new Map<Flag, SearchText[]>();
  const fieldsOf = (flag: Flag) => {
    let fields = flagFields.get(flag);
    if (!fields) {
      // one field per tag, so a fuzzy match never strings letters across two tags
      const tags = flag.tags.map((t) => searchText('tag', `${t.type}:${t.value}`));
      fields = [searchText('name', flag.name), ...tags, searchText('description', flag.description)];
      flagFields.set(flag, fields);
    }
    return fields;
  };
  return ordered.flatMap((environment) => {
    const envField = searchText('scope', environment.name);
    return flags
      .filter((flag) => flag.environments.some((e) => e.environment === environment.name && e.enabled))
      .map(
        (flag): PaletteCommand => ({
          kind: 'kill',
          id: JSON.stringify(['kill', flag.name, environment.name]),
          flag,
          environment,
          search: [...fieldsOf(flag), envField, KILL_WORD],
        }),
      );
  });
}

export function viewCommands(labels: Record<ViewId, string>): PaletteCommand[] {
  return (Object.keys(labels) as ViewId[]).map((view) => {
    const label = `Go to ${labels[view]}`;
    return { kind: 'view', id: `view:${view}`, view, label, search: [searchText('name', label)] };
  });
}

/**
 * "Switch to workspace <name>" for every workspace but this one. Matched as descriptions (word
 * starts, never fuzzy): in an incident "prod" must still rank a kill in production first.
 */
export function workspaceCommands(entries: readonly WorkspaceEntry[], currentId: string | null): PaletteCommand[] {
  return entries
    .filter((entry) => entry.id !== currentId)
    .map((entry) => {
      const label = `Switch to workspace ${entry.name}${entry.production ? ' (production)' : ''}`;
      return { kind: 'workspace', id: `workspace:${entry.id}`, workspaceId: entry.id, label, search: [searchText('description', label)] };
    });
}

const built = new WeakMap<FlagsList, PaletteCommand[]>();

/**
 * Every command over one flags list (no kill while changes are disabled), built once per list:
 * reopening the palette or typing never rebuilds 10,000 kills.
 */
export function commandsFor(flags: FlagsList | null, labels: Record<ViewId, string>): PaletteCommand[] {
  if (!flags) return viewCommands(labels);
  let commands = built.get(flags);
  if (!commands) {
    commands = [...(flags.readOnlyReason ? [] : killCommands(flags.flags, flags.environments)), ...viewCommands(labels)];
    built.set(flags, commands);
  }
  return commands;
}

/**
 * The commands matching a query, best first (paletteRanking.ts), at most PALETTE_LIMIT. Scoring
 * is itself the filter: a field no word can match costs one indexOf and, for a name or a tag, one
 * subsequence check, so most of a large fleet is set aside before any fuzzy scoring.
 */
export function matchCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  return rankItems(commands, query).slice(0, PALETTE_LIMIT);
}
