import { fuzzyScore, isSubsequence } from './fuzzyMatch';

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

describe('isSubsequence', () => {
  it('says whether the letters appear in order, as the cheap check before scoring', () => {
    expect(isSubsequence('ckk', 'checkout.kill')).toBe(true);
    expect(isSubsequence('kc', 'checkout.kill')).toBe(false);
    expect(isSubsequence('', 'anything')).toBe(true);
  });
});
