import { z } from 'zod';
import { channelNames, channels, eventNames, type ChannelName, type RequestOf } from './contract';
import { parseRequest } from './parse';

/** A valid request for every channel; a new channel without one fails to compile. */
export const validRequests: { [C in ChannelName]: RequestOf<C> } = {
  'app:info': {},
  'workspace:current': {},
  'workspace:connect': { name: 'Staging', flags: { url: 'http://127.0.0.1:4242', project: 'default', token: '*:*.abc' } },
  'workspace:useDemo': {},
  'workspace:identity': {},
  'workspace:setIdentity': { actor: 'Ana Ribeiro' },
  'flags:list': {},
  'flags:setEnabled': { flag: 'checkout.kill', environment: 'production', enabled: false },
  'flags:setRollout': { flag: 'checkout.kill', environment: 'production', strategyId: 's1', rollout: 50, reason: 'ramp up' },
  'flags:killByTag': { tag: 'simple:incident-42', environment: 'production' },
  'flags:keepTrying': { flag: 'checkout.kill', environment: 'production' },
  'flags:cancelRetry': { flag: 'checkout.kill', environment: 'production' },
  'flags:debt': {},
  'canary:releases': {},
  'canary:series': { releaseId: 'checkout-2.4.0', from: 1_000, to: 2_000 },
  'canary:judge': { releaseId: 'checkout-2.4.0' },
  'canary:markers': { releaseId: 'checkout-2.4.0', from: 1_000, to: 2_000 },
  'rollouts:list': {},
  'rollouts:promote': { namespace: 'shop', name: 'checkout', full: false, blackoutOverride: 'INC-77 hotfix' },
  'rollouts:abort': { namespace: 'shop', name: 'checkout', reason: 'error rate doubled' },
  'rollouts:retry': { namespace: 'shop', name: 'checkout' },
  'rollouts:pause': { namespace: 'shop', name: 'checkout' },
  'plans:list': {},
  'plans:create': { releaseId: 'checkout-2.4.0' },
  'plans:update': {
    planId: 'plan-checkout-2.4.0',
    autoAdvance: true,
    guardMode: 'recommend',
    rings: [{ name: 'Ring 0', audience: 'Developers', exposure: { audience: 'segment dev', strategyId: null, rollout: 5 }, weight: 5, bakeMs: 60_000 }],
  },
  'plans:advance': { planId: 'plan-checkout-2.4.0', blackoutOverride: 'INC-77 hotfix' },
  'plans:halt': { planId: 'plan-checkout-2.4.0', reason: 'support tickets' },
  'plans:rollback': { planId: 'plan-checkout-2.4.0' },
  'plans:reset': { planId: 'plan-checkout-2.4.0', reason: 'start over with 2.4.1' },
  'plans:installGate': { planId: 'plan-checkout-2.4.0', address: 'http://prometheus.monitoring.svc:9090', reason: 'keep the gate on overnight' },
  'rollouts:analysisRuns': { namespace: 'shop', name: 'checkout' },
  'plans:exportGate': { planId: 'plan-checkout-2.4.0', address: 'http://prometheus.monitoring:9090', intervalSeconds: 60 },
  'windows:get': {},
  'windows:set': {
    timeZone: 'Europe/Berlin',
    weekly: [{ kind: 'blackout', label: 'Weekend', start: { day: 'fri', time: '16:00' }, end: { day: 'mon', time: '08:00' } }],
    freezes: [{ label: 'Year end', from: '2026-12-21T00:00', to: '2027-01-04T08:00', reason: 'holidays' }],
  },
  'audit:page': { limit: 50 },
  'audit:search': { text: 'INC-2041', source: 'console', limit: 50 },
  'audit:verify': {},
  'audit:count': { source: 'console', afterId: 10 },
  'audit:status': {},
  'audit:sync': { resume: true },
  'audit:cancelSync': {},
  'audit:export': { text: 'INC-2041', format: 'csv' },
  'audit:dora': { weeks: 5, failureWindowHours: 24 },
  'workspaces:list': {},
  'workspaces:save': {
    config: { id: 'prod-eu', name: 'Production EU', production: true, flags: { url: 'https://unleash.example.com', project: 'default' } },
    secrets: { 'flags.token': '*:production.abc', 'metrics.bearer': null },
  },
  'workspaces:remove': { id: 'prod-eu' },
  'workspaces:test': { id: 'prod-eu' },
  'workspaces:open': { id: 'prod-eu' },
  'policy:get': { refresh: true },
  'changes:list': {},
  'changes:requestFlag': { flag: 'checkout.kill', environment: 'production', enabled: true, reason: 'release 2.4.0' },
  'changes:reviewFlag': { id: '17', state: 'Approved' },
  'changes:requestRollout': { rollout: { namespace: 'shop', name: 'checkout' }, action: 'promote', reason: 'canary green for 2 h' },
  'changes:approveRollout': { rollout: { namespace: 'shop', name: 'checkout' } },
  'reviews:list': {},
  'reviews:acknowledge': { id: 3, note: 'seen, right call' },
};

const shapeOf = (channel: ChannelName) => (channels[channel].request as unknown as z.ZodObject).shape;

function expectBadRequest(channel: ChannelName, payload: unknown, field: string) {
  const parsed = parseRequest(channel, payload);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(parsed.error.code).toBe('bad_request');
  expect(parsed.error.message).toContain(field);
  expect(parsed.error.message.length).toBeLessThan(700);
}

describe('the contract', () => {
  it('names every channel domain:verb and keeps events apart from channels', () => {
    for (const name of [...channelNames, ...eventNames]) expect(name).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
    expect(channelNames.filter((c) => (eventNames as string[]).includes(c))).toEqual([]);
    for (const c of channelNames) expect(channels[c].doc.length).toBeGreaterThan(10);
  });

  it('refuses a channel that is not in the contract', () => {
    const parsed = parseRequest('flags:drop-table', {});
    expect(parsed).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(parseRequest(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  describe.each(channelNames)('%s', (channel) => {
    const valid = validRequests[channel] as Record<string, unknown>;
    const keys = Object.keys(shapeOf(channel));

    it('accepts a valid request', () => {
      expect(parseRequest(channel, valid)).toMatchObject({ ok: true });
    });

    it('refuses a payload that is not an object', () => {
      for (const payload of ['flags', 7, null, [1, 2]]) expectBadRequest(channel, payload, 'request');
    });

    it('refuses an unknown field, even a huge one', () => {
      expectBadRequest(channel, { ...valid, injected: 'x'.repeat(100_000) }, 'injected');
    });

    it.each(keys.length ? keys : ['(no fields)'])('refuses a wrong type or huge string in %s', (key) => {
      if (!keys.length) return expect(shapeOf(channel)).toEqual({});
      expectBadRequest(channel, { ...valid, [key]: { nested: true } }, key);
      expectBadRequest(channel, { ...valid, [key]: 'x'.repeat(100_000) }, key);
    });

    it.each(keys.filter((k) => !shapeOf(channel)[k]!.safeParse(undefined).success))(
      'refuses a request missing %s',
      (key) => {
        const { [key]: _dropped, ...rest } = valid;
        expectBadRequest(channel, rest, key);
      },
    );
  });

  it('checks relations between fields and names the field', () => {
    expectBadRequest('canary:series', { releaseId: 'r', from: 5_000, to: 1_000 }, 'to');
  });

  it('checks plans and windows deeply and names the field', () => {
    const ring = (patch: object) => ({ ...validRequests['plans:update'].rings![0], ...patch });
    expectBadRequest('plans:update', { planId: 'p', rings: [ring({ exposure: null, weight: null })] }, 'exposure');
    expectBadRequest('plans:update', { planId: 'p', rings: [ring({ weight: 101 })] }, 'weight');
    expectBadRequest('plans:update', { planId: 'p', rings: [] }, 'rings');
    expectBadRequest('plans:update', { planId: 'p', guardMode: 'yolo' }, 'guardMode');
    const windows = validRequests['windows:set'];
    expectBadRequest('windows:set', { ...windows, weekly: [{ ...windows.weekly[0]!, start: { day: 'fri', time: '25:00' } }] }, 'time');
    expectBadRequest('windows:set', { ...windows, freezes: [{ ...windows.freezes[0]!, from: '2026-02-30T10:00' }] }, 'from');
    expectBadRequest('windows:set', { ...windows, freezes: [{ ...windows.freezes[0]!, to: '2026-01-01T00:00' }] }, 'to');
    expectBadRequest('plans:exportGate', { planId: 'p', address: 'file:///etc/passwd' }, 'address');
    expectBadRequest('plans:reset', { planId: 'p', reason: '  ' }, 'reason');
  });
});
