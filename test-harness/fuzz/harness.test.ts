import fc from 'fast-check';
import { channelNames, channels } from '../../src-shared/ipc/contract';
import { badTextCases, casesFor, requestsOf } from './channelCases';
import { Deep, put } from './hostileValues';
import { applyMutations } from './mutations';
import { refusalProblem } from './refusal';
import { acrossPreload, fieldsOf, materialize, schemaAccepts, toJsonText } from './wire';

/** The fuzz suites are only as good as their parts: each part is held here to what the suites rely on. */
describe('the fuzz harness', () => {
  it('starts from requests the contract takes, the fuller ones included', () => {
    for (const channel of channelNames) {
      for (const request of requestsOf(channel)) expect(channels[channel].request.safeParse(request).error?.issues ?? []).toEqual([]);
    }
  });

  it('writes JSON text a hostile client would: own __proto__ keys, 1e400 for the numbers JSON lacks, 10,000 levels, escaped surrogates', () => {
    const payload = {};
    put(payload, '__proto__', { polluted: true });
    put(payload, 'n', [NaN, Infinity, -Infinity]);
    put(payload, 's', 'a\u0000\uD800');
    const text = toJsonText(payload);
    expect(text).toBe('{"__proto__":{"polluted":true},"n":[1e400,1e400,-1e400],"s":"a\\u0000\\ud800"}');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'n', 's']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    const deep = toJsonText(new Deep(10_000, 'array'));
    expect(deep.length).toBe(20_001);
    expect(() => JSON.parse(deep)).not.toThrow();
  });

  it('builds deep nesting by a loop; past what structured clone copies, the value goes to dispatch as built', () => {
    let level = materialize(new Deep(10_000, 'object')) as { a?: unknown };
    let depth = 0;
    while (typeof level === 'object') {
      level = level.a as { a?: unknown };
      depth += 1;
    }
    expect(depth).toBe(10_000);
    expect(acrossPreload(new Deep(10, 'object')).cloned).toBe(true);
    expect(acrossPreload(new Deep(10_000, 'object')).cloned).toBe(false);
    const withProto = {};
    put(withProto, '__proto__', { admin: true });
    expect(Object.keys(acrossPreload(withProto).payload as object)).toEqual(['__proto__']);
  });

  it('mutates a copy, never the valid request or a shared value', () => {
    const valid = { a: { b: 'x' }, list: [1, 2] };
    const value = { shared: true };
    const out = applyMutations(valid, [
      { kind: 'set', path: ['a', 'b'], value },
      { kind: 'drop', path: ['list', 0] },
      { kind: 'add', at: ['a'], key: '__proto__', value: 1 },
      { kind: 'set', path: ['a', 'b', 'shared'], value: false },
      { kind: 'set', path: ['gone', 'deeper'], value: 1 },
    ]);
    expect(valid).toEqual({ a: { b: 'x' }, list: [1, 2] });
    expect(value).toEqual({ shared: true });
    expect(JSON.stringify(out)).toBe('{"a":{"b":{"shared":false},"__proto__":1},"list":[2]}');
  });

  it('generates mostly invalid payloads for every channel (few are filtered away as still valid)', () => {
    for (const channel of channelNames) {
      const sample = fc.sample(casesFor(channel), { numRuns: 100, seed: 7 });
      const valid = sample.filter((c) => schemaAccepts(channel, acrossPreload(c.payload).payload)).length;
      expect(valid, channel).toBeLessThan(40);
    }
  });

  it('has a NUL and lone-surrogate case for every string field of every request', () => {
    const fields = badTextCases('workspaces:save').map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['config.id', 'config.flags.url', 'config.metrics.username', 'config.deploy.namespaces.1', 'secrets.flags.token']));
    expect(badTextCases('flags:setEnabled').filter((c) => c.field === 'reason')).toHaveLength(6);
    expect(badTextCases('app:info')).toEqual([]);
  });

  it('calls an answer a refusal only when it is exactly a short bad_request naming a field or the request', () => {
    const fields = fieldsOf('audit:page');
    const refusal = (message: string, code = 'bad_request') => ({ ok: false, error: { code, message } });
    expect(refusalProblem('audit:page', fields, refusal('audit:page: limit: Invalid input'))).toBeNull();
    expect(refusalProblem('audit:page', fields, refusal('audit:page: request: Unrecognized key: "x"'))).toBeNull();
    expect(refusalProblem('audit:page', fields, { ok: true, value: {} })).toMatch(/not a refusal/);
    expect(refusalProblem('audit:page', fields, refusal('audit:page: limit: x', 'internal'))).toMatch(/code internal/);
    expect(refusalProblem('audit:page', fields, refusal(`audit:page: limit: ${'x'.repeat(700)}`))).toMatch(/characters long/);
    expect(refusalProblem('audit:page', fields, refusal('audit:page: beforeIdx: nope'))).toMatch(/names neither/);
    expect(refusalProblem('audit:page', fields, refusal('limit: no channel'))).toMatch(/does not start with the channel/);
    expect(refusalProblem('audit:page', fields, { ...refusal('audit:page: limit: x'), stack: 'at …' })).toMatch(/extra keys/);
  });
});
