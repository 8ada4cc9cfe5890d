import type { Environment, Flag } from '../../../../src-shared/domain/flag';
import type { FlagsList } from '../../store/slices/flagsSlice';
import type { ViewId } from '../../store/slices/navSlice';
import { rankFuzzy, type SearchField } from './fuzzyMatch';

/** A field to match, with its lowercased text worked out once per flags list instead of per keystroke. */
interface SearchText extends SearchField {
  lower: string;
}

/** One thing the palette can do: kill a flag that is on in an environment, or open a view. */
export type PaletteCommand =
  | { kind: 'kill'; id: string; flag: Flag; environment: Environment; search: SearchText[] }
  | { kind: 'view'; id: string; view: ViewId; label: string; search: SearchText[] };

/** The most options the list shows; typing narrows it further. */
export const PALETTE_LIMIT = 50;

const field = (text: string, weight: number): SearchText => ({ text, weight, lower: text.toLowerCase() });
const KILL_WORD = field('kill', 1);

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
      const tags = flag.tags.map((t) => `${t.type}:${t.value}`).join(' ');
      fields = [field(flag.name, 4), field(tags, 2), field(flag.description, 1)];
      flagFields.set(flag, fields);
    }
    return fields;
  };
  return ordered.flatMap((environment) => {
    const envField = field(environment.name, 1);
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
    return { kind: 'view', id: `view:${view}`, view, label, search: [field(label, 2)] };
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

/** Whether `word` (lowercase) appears in `text` (lowercase) in order: the least any fuzzy match needs. */
function isSubsequence(word: string, text: string): boolean {
  let at = 0;
  for (let i = 0; i < text.length && at < word.length; i++) if (text[i] === word[at]) at++;
  return at === word.length;
}

/**
 * The commands matching a query, best first, at most PALETTE_LIMIT. The ranking is rankFuzzy's;
 * a command or field no word can match is set aside first, which changes nothing in the result
 * (it would score nothing) but spares the scoring of most of a large fleet on every keystroke.
 */
export function matchCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.trim().split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
  const matches = (text: SearchText) => words.some((w) => isSubsequence(w, text.lower));
  const candidates = words.length === 0 ? commands : commands.filter((c) => words.every((w) => c.search.some((f) => isSubsequence(w, f.lower))));
  return rankFuzzy(candidates, query, (c) => c.search.filter(matches)).slice(0, PALETTE_LIMIT);
}
