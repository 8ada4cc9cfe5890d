import { z } from 'zod';
import { channelNames, channels, eventNames, type ChannelName } from './contract';
import { parseRequest } from './parse';
import { validRequests } from './testing/validRequests';

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
