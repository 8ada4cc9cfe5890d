import { demoFleetListing } from '../../test/demoFleet';
import { viewLabels } from '../Navigation';
import { commandsFor, matchCommands, type PaletteCommand } from './paletteCommands';
import { MAX_QUERY, queryWords, rankItems, searchText, type FieldKind } from './paletteRanking';

const label = (c: PaletteCommand) => (c.kind === 'kill' ? `${c.flag.name} in ${c.environment.name}` : c.label);
const ranked = (query: string, off: [string, string][] = []) => matchCommands(commandsFor(demoFleetListing(off), viewLabels), query).map(label);

describe('palette ranking on the demo fleet', () => {
  // query, cells already off, the first result someone would get by pressing Enter
  it.each<[string, [string, string][], string]>([
    ['beta', [], 'profile.beta-program in production'],
    // the incident: once it was off in production, "b…e…t…a" scattered over a description came first
    ['beta', [['profile.beta-program', 'production']], 'profile.beta-program in development'],
    ['pay', [], 'payments.paypal in production'],
    ['payments.paypal', [], 'payments.paypal in production'],
    ['paypal', [], 'payments.paypal in production'],
    ['search', [], 'search.semantic-ranking in production'],
    ['rank', [], 'search.semantic-ranking in production'],
    ['personal', [], 'search.personalization in development'],
    ['recommend', [], 'checkout.cart-recommendations in production'],
    ['limit', [], 'payments.refund-limit-override in production'],
    ['ckout', [], 'checkout.new-pricing-engine in production'],
    // a tag beats the same text in a description
    ['inc-2041', [], 'checkout.cart-recommendations in production'],
    ['team-payments', [], 'payments.paypal in production'],
    ['beta dev', [], 'profile.beta-program in development'],
    ['go to audit', [], 'Go to Audit'],
  ])('%s (off: %j) → %s', (query, off, first) => {
    expect(ranked(query, off)[0]).toBe(first);
  });

  it('never offers a flag for letters scattered across its description', () => {
    const offered = ranked('beta', [['profile.beta-program', 'production']]);
    expect(offered).toEqual(['profile.beta-program in development']);
    expect(offered.some((c) => c.startsWith('checkout.express-pay-button'))).toBe(false);
    // and once it is off everywhere, nothing: a third Enter must not find another flag to kill
    expect(ranked('beta', [['profile.beta-program', 'production'], ['profile.beta-program', 'development']])).toEqual([]);
  });

  it('puts every payments.* flag above checkout.express-pay-button for "pay", production first among equals', () => {
    const offered = ranked('pay');
    const firstOther = offered.findIndex((c) => !c.startsWith('payments.'));
    expect(offered.slice(0, firstOther)).toEqual([
      'payments.paypal in production',
      'payments.idempotency-retries in production',
      'payments.refund-limit-override in production',
      'payments.3ds2-challenge-flow in development',
      'payments.paypal in development',
      'payments.idempotency-retries in development',
      'payments.refund-limit-override in development',
    ]);
    expect(offered[firstOther]).toBe('checkout.express-pay-button in production');
  });
});

describe('ranking tiers', () => {
  type Item = { id: string; search: ReturnType<typeof searchText>[] };
  const item = (id: string, kind: FieldKind, text: string): Item => ({
    id,
    search: kind === 'name' ? [searchText('name', text)] : [searchText('name', 'zzz'), searchText(kind, text)],
  });
  // one item per tier for the word "rank", best first
  const tiers: Item[] = [
    item('name exact', 'name', 'rank'),
    item('name prefix', 'name', 'ranking.v2'),
    item('name segment prefix', 'name', 'search.ranking'),
    item('name word start', 'name', 'searchRanking'),
    item('name substring', 'name', 'search.pranker'),
    item('name fuzzy', 'name', 'roadmap-ink'),
    item('tag exact', 'tag', 'team:rank'),
    item('tag prefix', 'tag', 'team:ranking'),
    item('tag substring', 'tag', 'team:pranks'),
    item('tag fuzzy', 'tag', 'team:r-a-n-k'),
    item('scope prefix', 'scope', 'ranked'),
    item('description word start', 'description', 'Ranking of results'),
    item('description substring', 'description', 'No pranks'),
  ];

  it('orders exact, prefix, segment, word start, substring, fuzzy name matches, then tags, then descriptions', () => {
    expect(rankItems([...tiers].reverse(), 'rank').map((i) => i.id)).toEqual(tiers.map((i) => i.id));
  });

  it('does not match a description by scattered letters, only by contiguous text', () => {
    expect(rankItems([item('scattered', 'description', 'r a n k')], 'rank')).toEqual([]);
  });

  it('lets the worst name match beat the best description match, also summed over words', () => {
    const fuzzyName = { id: 'fuzzy name', search: [searchText('name', 'r-a-n-k.b-e-t-a')] };
    const exactDescription = { id: 'description', search: [searchText('name', 'zzz'), searchText('description', 'rank beta')] };
    expect(rankItems([exactDescription, fuzzyName], 'rank beta').map((i) => i.id)).toEqual(['fuzzy name', 'description']);
  });

  it('keeps the given order among equal matches', () => {
    const same = ['a', 'b', 'c'].map((id) => ({ id, search: [searchText('name', 'svc.rank')] }));
    expect(rankItems(same, 'rank').map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('reads at most MAX_QUERY characters of a query', () => {
    expect(queryWords(`${'a'.repeat(MAX_QUERY)}b`)).toEqual(['a'.repeat(MAX_QUERY)]);
  });
});
