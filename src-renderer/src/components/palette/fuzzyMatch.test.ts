import { fuzzyScore, rankFuzzy } from './fuzzyMatch';

describe('fuzzyScore', () => {
  it('matches a subsequence case-insensitively and rejects anything else', () => {
    expect(fuzzyScore('ckk', 'checkout.kill')).not.toBeNull();
    expect(fuzzyScore('CHECK', 'checkout.kill')).not.toBeNull();
    expect(fuzzyScore('kc', 'checkout.kill')).toBeNull(); // wrong order
    expect(fuzzyScore('checkout.kills', 'checkout.kill')).toBeNull(); // longer than the text
    expect(fuzzyScore('x', '')).toBeNull();
  });

  it('matches everything with an empty pattern and ignores whitespace in it', () => {
    expect(fuzzyScore('', 'anything')).toBe(0);
    expect(fuzzyScore('  ', 'anything')).toBe(0);
    expect(fuzzyScore('new rank', 'search.new-ranking')).toBe(fuzzyScore('newrank', 'search.new-ranking'));
  });

  it('prefers a contiguous run to the same letters scattered', () => {
    expect(fuzzyScore('kill', 'checkout.kill')!).toBeGreaterThan(fuzzyScore('kill', 'kxixlxl')!);
    expect(fuzzyScore('rank', 'ranking')!).toBeGreaterThan(fuzzyScore('rank', 'r-a-n-k')!);
  });

  it('prefers matches at word starts, including camelCase and separators', () => {
    // "nr": the starts of "new" and "ranking" beat letters in the middle of a word
    expect(fuzzyScore('nr', 'search.new-ranking')!).toBeGreaterThan(fuzzyScore('nr', 'unrelated')!);
    expect(fuzzyScore('nr', 'newRanking')!).toBeGreaterThan(fuzzyScore('nr', 'inarow')!);
    expect(fuzzyScore('k', 'checkout.kill')!).toBeGreaterThan(fuzzyScore('k', 'checkout')!);
  });

  it('finds the best alignment, not the first one', () => {
    // a greedy match would take the "k" of "checkout"; the best is the word "kill"
    expect(fuzzyScore('kill', 'checkout.kill')).toBe(fuzzyScore('kill', 'kill'));
  });

  it('treats hostile text as plain characters', () => {
    expect(fuzzyScore('img', '<img src=x onerror=alert(1)>')).not.toBeNull();
    expect(fuzzyScore('.*', 'abc')).toBeNull();
  });
});

describe('rankFuzzy', () => {
  const items = [
    { name: 'search.new-ranking', description: 'New ranking for search', env: 'production' },
    { name: 'checkout.kill', description: 'Turns checkout off', env: 'production' },
    { name: 'checkout.kill', description: 'Turns checkout off', env: 'development' },
    { name: 'recs.rollout', description: 'Recommendations, gradually', env: 'production' },
  ];
  const fields = (i: (typeof items)[number]) => [
    { text: i.name, weight: 1 },
    { text: i.description, weight: 0.5 },
    { text: i.env, weight: 0.6 },
  ];

  it('keeps every item in order for an empty query', () => {
    expect(rankFuzzy(items, '  ', fields)).toEqual(items);
  });

  it('keeps only items every word matches, best first', () => {
    expect(rankFuzzy(items, 'ckl', fields).map((i) => i.name)).toEqual(['checkout.kill', 'checkout.kill']);
    expect(rankFuzzy(items, 'chk dev', fields).map((i) => i.env)).toEqual(['development']);
    expect(rankFuzzy(items, 'zzz', fields)).toEqual([]);
  });

  it('ranks a name match above a description-only match', () => {
    const ranked = rankFuzzy(items, 'rank', fields).map((i) => i.name);
    expect(ranked[0]).toBe('search.new-ranking');
  });

  it('finds an item by its description alone', () => {
    expect(rankFuzzy(items, 'gradually', fields).map((i) => i.name)).toEqual(['recs.rollout']);
  });
});
