import { jsonDiff } from './jsonDiff';

describe('jsonDiff', () => {
  it('compares key by key, walking nested objects, in a stable order', () => {
    expect(jsonDiff({ enabled: true, rollout: 25, owner: 'ana', strategy: { id: 's1', rollout: 25 } }, { enabled: false, rollout: 25, strategy: { id: 's1', rollout: 50 }, reason: 'INC-7' })).toEqual([
      { path: 'enabled', before: 'true', after: 'false', change: 'changed' },
      { path: 'rollout', before: '25', after: '25', change: 'same' },
      { path: 'owner', before: '"ana"', after: null, change: 'removed' },
      { path: 'strategy.id', before: '"s1"', after: '"s1"', change: 'same' },
      { path: 'strategy.rollout', before: '25', after: '50', change: 'changed' },
      { path: 'reason', before: null, after: '"INC-7"', change: 'added' },
    ]);
  });

  it('handles a missing side, scalars and arrays as whole values', () => {
    expect(jsonDiff(null, { enabled: true })).toEqual([{ path: 'enabled', before: null, after: 'true', change: 'added' }]);
    expect(jsonDiff({ tags: ['a'] }, { tags: ['a', 'b'] })).toEqual([{ path: 'tags', before: '["a"]', after: '["a","b"]', change: 'changed' }]);
    expect(jsonDiff('pending', 'confirmed')).toEqual([{ path: '(value)', before: '"pending"', after: '"confirmed"', change: 'changed' }]);
    expect(jsonDiff(null, null)).toEqual([]);
  });

  it('keeps hostile keys and values as plain text', () => {
    const rows = jsonDiff({}, { '<img src=x onerror=alert(1)>': '"; DROP TABLE audit; --' });
    expect(rows).toEqual([{ path: '<img src=x onerror=alert(1)>', before: null, after: '"\\"; DROP TABLE audit; --"', change: 'added' }]);
  });
});
