import { flagsListing, HOSTILE } from '../../test/fixtures';
import { manyFlags } from '../../test/manyFlags';
import { viewLabels } from '../Navigation';
import { rankFuzzy } from './fuzzyMatch';
import { commandsFor, matchCommands, PALETTE_LIMIT, type PaletteCommand } from './paletteCommands';

const fleet = flagsListing({
  flags: [...flagsListing().flags, ...manyFlags(600).map((f, i) => (i % 50 ? f : { ...f, description: `${HOSTILE} Ünïcode ${i}` }))],
});

describe('palette commands at scale', () => {
  it('builds the command list once per flags list, not per keystroke or per opening', () => {
    const commands = commandsFor(fleet, viewLabels);
    expect(commandsFor(fleet, viewLabels)).toBe(commands);
    // 603 flags on in production and development (two are off somewhere), plus the views
    expect(commands.filter((c) => c.kind === 'kill')).toHaveLength(603 * 2 - 2);
    expect(commandsFor({ ...fleet }, viewLabels)).not.toBe(commands);
    expect(commandsFor({ ...fleet, readOnlyReason: 'offline' }, viewLabels).every((c) => c.kind === 'view')).toBe(true);
  });

  it('answers exactly what ranking every command would, capped at PALETTE_LIMIT', () => {
    const commands = commandsFor(fleet, viewLabels);
    const everyField = (c: PaletteCommand) => c.search;
    for (const query of ['', 'e', 'fl 49', 'flag-0499', 'team-3 dev', 'kill prod', 'go to debt', 'img', 'ÜNÏ', 'zzz', '  svc-0 ']) {
      const matched = matchCommands(commands, query);
      expect(matched.map((c) => c.id)).toEqual(rankFuzzy(commands, query, everyField).slice(0, PALETTE_LIMIT).map((c) => c.id));
      expect(matched.length).toBeLessThanOrEqual(PALETTE_LIMIT);
    }
  });
});
