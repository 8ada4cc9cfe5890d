import { flagsListing, HOSTILE } from '../../test/fixtures';
import { manyFlags } from '../../test/manyFlags';
import { viewLabels } from '../Navigation';
import { isSubsequence } from './fuzzyMatch';
import { commandsFor, matchCommands, PALETTE_LIMIT } from './paletteCommands';
import { queryWords } from './paletteRanking';

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

  it('caps the options at PALETTE_LIMIT and offers only commands every word matches', () => {
    const commands = commandsFor(fleet, viewLabels);
    for (const query of ['', 'e', 'fl 49', 'flag-0499', 'team-3 dev', 'kill prod', 'go to debt', 'img', 'ÜNÏ', 'zzz', '  svc-0 ']) {
      const matched = matchCommands(commands, query);
      expect(matched.length).toBeLessThanOrEqual(PALETTE_LIMIT);
      const words = queryWords(query);
      for (const command of matched) {
        expect(words.every((w) => command.search.some((f) => isSubsequence(w, f.lower)))).toBe(true);
      }
    }
    expect(matchCommands(commands, 'flag-0499').map((c) => c.id)[0]).toBe(JSON.stringify(['kill', 'svc-19.flag-0499', 'production']));
    expect(matchCommands(commands, 'zzz')).toEqual([]);
  });
});
