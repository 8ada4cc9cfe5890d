import type { z } from 'zod';
import { channelNames, channels, type ChannelName } from './contract';
import { parseRequest } from './parse';
import { validRequests } from './testing/validRequests';

// Every string a request can carry, found by walking the zod schemas (not listed by hand, so a new
// field is covered the day it is added), must refuse a NUL and a lone surrogate as bad_request
// naming the field: the one refinement in channels/fields.ts (SafeText) is what makes that so.

type Segment = string | number | typeof KEY | typeof VALUE;
const KEY = Symbol('record key');
const VALUE = Symbol('record value');

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Paths of every string in a schema; an array's element is at index 0, a record's key and value are marked. */
export function stringPaths(schema: z.ZodType, path: Segment[] = []): Segment[][] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return [path];
    case 'object':
      return Object.entries(def.shape!).flatMap(([key, field]) => stringPaths(field, [...path, key]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return stringPaths(def.innerType!, path);
    case 'array':
      return stringPaths(def.element!, [...path, 0]);
    case 'record':
      return [...stringPaths(def.keyType!, [...path, KEY]), ...stringPaths(def.valueType!, [...path, VALUE])];
    case 'pipe':
      return [...stringPaths(def.in!, path), ...stringPaths(def.out!, path)];
    case 'union':
      return def.options!.flatMap((option) => stringPaths(option, path));
    case 'enum':
    case 'literal':
    case 'number':
    case 'boolean':
      return [];
    default:
      throw new Error(`the walker does not know zod type ${def.type} at ${path.map(String).join('.')}: teach it`);
  }
}

/** Valid requests that also fill the optional parts validRequests leaves out, so every string has a place. */
const config = {
  id: 'prod-eu',
  name: 'Production EU',
  flags: { url: 'https://unleash.example.com', project: 'default', ca: '-----BEGIN CERTIFICATE-----\nMIIB' },
  metrics: { url: 'https://prometheus.example.com', auth: 'basic', username: 'ops', ca: '-----BEGIN CERTIFICATE-----\nMIIB' },
  deploy: { kubeconfig: '/home/ana/.kube/config', context: 'prod', namespaces: ['shop'] },
  policy: { environments: { production: 'operator' } },
};
const fuller: Partial<Record<ChannelName, object>> = {
  'plans:update': {
    ...validRequests['plans:update'],
    name: 'Checkout',
    environment: 'production',
    rings: [{ name: 'Ring 0', audience: 'Developers', exposure: { audience: 'segment dev', strategyId: 's1', rollout: 5, strategyIds: ['s1'] }, weight: 5, bakeMs: 0 }],
  },
  'workspaces:save': { config, secrets: { 'flags.token': '*:production.abc' } },
  'workspaces:test': { config, secrets: { 'flags.token': '*:production.abc' } },
};
const baseOf = (channel: ChannelName): unknown => structuredClone(fuller[channel] ?? validRequests[channel]);

/** The request with `bad` spliced into the string at `path`; the field's name as an error would give it. */
function withBad(channel: ChannelName, path: Segment[], bad: string): { payload: unknown; field: string; isKey: boolean } {
  const payload = baseOf(channel);
  const shown: string[] = [];
  let parent = payload as Record<string | number, unknown>;
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const here = shown.join('.') || 'request';
    if (segment === KEY) {
      const [value] = Object.values(parent);
      if (value === undefined) throw new Error(`${channel}: ${here} is an empty record in the sample; give it an entry`);
      parent[`prod${bad}`] = value;
      return { payload, field: shown.join('.'), isKey: true };
    }
    const key = segment === VALUE ? Object.keys(parent)[0] : segment;
    if (key === undefined) throw new Error(`${channel}: ${here} is an empty record in the sample; give it an entry`);
    shown.push(String(key));
    if (last) {
      const current = parent[key];
      const text = typeof current === 'string' && current.length > 0 ? current : 'abc';
      parent[key] = text.slice(0, 1) + bad + text.slice(1);
      return { payload, field: shown.join('.'), isKey: false };
    }
    const next = parent[key];
    if (typeof next !== 'object' || next === null) throw new Error(`${channel}: no sample value at ${shown.join('.')}; add one to \`fuller\``);
    parent = next as Record<string | number, unknown>;
  }
  throw new Error(`${channel}: empty path`);
}

const BAD = [
  { name: 'a NUL', text: '\u0000', message: 'must not contain a NUL character (\\u0000)' },
  { name: 'a lone high surrogate', text: '\uD83D', message: 'must be well-formed text (it has a lone UTF-16 surrogate)' },
  { name: 'a lone low surrogate', text: '\uDE80', message: 'must be well-formed text (it has a lone UTF-16 surrogate)' },
];

const cases = channelNames.flatMap((channel) =>
  stringPaths(channels[channel].request).map((path) => ({ channel, path, label: `${channel} ${path.map((s) => (typeof s === 'symbol' ? s.description : s)).join('.')}` })),
);

describe('NUL and lone surrogates in request strings', () => {
  it('finds the strings of every channel that takes any (the walker reaches nested objects, arrays and records)', () => {
    const labels = cases.map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining([
      'audit:search text',
      'workspace:connect flags.url',
      'plans:update rings.0.exposure.strategyIds.0',
      'windows:set freezes.0.reason',
      'workspaces:save config.policy.environments.record key',
      'workspaces:save secrets.record value',
      'changes:requestRollout rollout.namespace',
    ]));
    expect(labels.length).toBeGreaterThan(120);
  });

  it.each(cases)('$label refuses them as bad_request naming the field', ({ channel, path }) => {
    expect(parseRequest(channel, baseOf(channel))).toMatchObject({ ok: true });
    for (const bad of BAD) {
      const { payload, field, isKey } = withBad(channel, path, bad.text);
      const parsed = parseRequest(channel, payload);
      expect(parsed, `${bad.name} at ${field}`).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      if (parsed.ok) continue;
      expect(parsed.error.message).toContain(isKey ? `${field}: a key ${bad.message}` : `${field}: ${bad.message}`);
    }
  });

  it('accepts surrogate pairs (emoji, CJK extension B) and other control-free Unicode', () => {
    expect(parseRequest('audit:search', { text: 'rocket 🚀 𠀋 ünïcödé', limit: 5 })).toMatchObject({ ok: true });
    expect(parseRequest('flags:setEnabled', { flag: 'f', environment: 'production', enabled: true, reason: 'ship 🚀 now' })).toMatchObject({ ok: true });
    expect(parseRequest('flags:setEnabled', { flag: 'f', environment: 'production', enabled: true, reason: 'ship 🚀\uD83D' })).toMatchObject({
      ok: false,
      error: { message: 'flags:setEnabled: reason: must be well-formed text (it has a lone UTF-16 surrogate)' },
    });
  });
});
