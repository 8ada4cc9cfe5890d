import { demoEntry } from '../../test/fakeGovernance';
import { flagsListing, HOSTILE } from '../../test/fixtures';
import { manyFlags } from '../../test/manyFlags';
import { viewLabels } from '../Navigation';
import { isSubsequence } from './fuzzyMatch';
import { commandsFor, matchCommands, PALETTE_LIMIT, workspaceCommands } from './paletteCommands';
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

describe('palette workspace commands', () => {
  const prod = { ...demoEntry, id: 'prod-eu', name: 'Prod EU', kind: 'live' as const, production: true, source: 'file' as const };
  const staging = { ...demoEntry, id: 'staging', name: 'Staging', kind: 'live' as const, source: 'saved' as const };

  it('offers "Switch to workspace <name>" for every workspace but this one, production said in words', () => {
    expect(workspaceCommands([demoEntry, prod, staging], 'demo').map((c) => (c.kind === 'workspace' ? [c.workspaceId, c.label] : null))).toEqual([
      ['prod-eu', 'Switch to workspace Prod EU (production)'],
      ['staging', 'Switch to workspace Staging'],
    ]);
  });

  it('never ranks a switch above a kill the words also match: "prod" is a kill in production first', () => {
    const commands = [...commandsFor(flagsListing(), viewLabels), ...workspaceCommands([demoEntry, prod, staging], 'demo')];
    const matched = matchCommands(commands, 'prod');
    expect(matched[0]?.kind).toBe('kill');
    expect(matched.findIndex((c) => c.kind === 'workspace')).toBeGreaterThan(matched.findLastIndex((c) => c.kind === 'kill'));
    expect(matchCommands(commands, 'staging').map((c) => c.id)).toEqual(['workspace:staging']);
  });
});
