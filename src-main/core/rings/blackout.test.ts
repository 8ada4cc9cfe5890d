import type { ReleaseWindows } from '../../../src-shared/domain/plan';
import { blackoutStatus, openWindows } from './blackout';
import { formatLocal, instantOf, parseLocal, wallTime } from './zoneTime';

const berlin = (text: string) => parseLocal(text, 'Europe/Berlin');

const windows: ReleaseWindows = {
  timeZone: 'Europe/Berlin',
  weekly: [{ kind: 'blackout', label: 'Weekend', start: { day: 'fri', time: '16:00' }, end: { day: 'mon', time: '08:00' } }],
  freezes: [{ label: 'Year-end freeze', from: '2026-12-21T00:00', to: '2027-01-04T08:00', reason: 'holidays' }],
};

describe('zone time with Intl', () => {
  it('reads the wall clock in a zone, DST included', () => {
    // 2026-07-01 10:00 UTC is 12:00 in Berlin (CEST, +2); 2026-01-15 10:00 UTC is 11:00 (CET, +1).
    expect(wallTime(Date.UTC(2026, 6, 1, 10, 0), 'Europe/Berlin')).toMatchObject({ hour: 12, weekday: 2 });
    expect(wallTime(Date.UTC(2026, 0, 15, 10, 0), 'Europe/Berlin')).toMatchObject({ hour: 11, weekday: 3 });
    expect(wallTime(Date.UTC(2026, 0, 15, 10, 0), 'America/New_York')).toMatchObject({ hour: 5 });
  });

  it('turns a wall-clock reading into its instant, across the spring gap and the autumn overlap', () => {
    expect(berlin('2026-07-01T12:00')).toBe(Date.UTC(2026, 6, 1, 10, 0));
    // 29 March 2026 02:30 does not exist in Berlin: it reads as 03:30 CEST (01:30 UTC).
    expect(berlin('2026-03-29T02:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 25 October 2026 02:30 happens twice: the earlier one (CEST, 00:30 UTC).
    expect(berlin('2026-10-25T02:30')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(instantOf({ year: 2026, month: 12, day: 24, hour: 18, minute: 0 }, 'UTC')).toBe(Date.UTC(2026, 11, 24, 18));
  });

  it('refuses a zone that is not IANA with the field named', () => {
    expect(() => blackoutStatus({ ...windows, timeZone: 'Mars/Olympus' }, 0)).toThrow(/timeZone: "Mars\/Olympus" is not an IANA time zone/);
  });
});

describe('blackouts', () => {
  it('nothing blocks without windows', () => {
    expect(blackoutStatus(openWindows('Europe/Berlin'), Date.UTC(2026, 5, 5, 12))).toMatchObject({ blocked: false, reason: null, endsAt: null });
  });

  it('blocks inside the weekly blackout, with its end on the wall clock', () => {
    const status = blackoutStatus(windows, berlin('2026-06-05T17:30')); // a Friday
    expect(status).toMatchObject({ blocked: true, reason: 'Weekly blackout "Weekend"', endsAt: berlin('2026-06-08T08:00') });
    expect(status.endsAtLocal).toBe('Mon 2026-06-08 08:00 Europe/Berlin');
  });

  it('allows just outside the weekly blackout on both sides', () => {
    expect(blackoutStatus(windows, berlin('2026-06-05T15:59')).blocked).toBe(false);
    expect(blackoutStatus(windows, berlin('2026-06-08T08:00')).blocked).toBe(false);
    expect(blackoutStatus(windows, berlin('2026-06-05T16:00')).blocked).toBe(true);
  });

  it('keeps 16:00 local across the DST change: the weekend blackout is an hour longer in UTC that weekend', () => {
    const start = berlin('2026-10-23T16:00');
    const status = blackoutStatus(windows, start);
    expect(status.endsAt! - start).toBe((64 + 1) * 3_600_000);
  });

  it('blocks inside a dated freeze and names it, ending at its local end', () => {
    const status = blackoutStatus(windows, berlin('2026-12-23T10:00'));
    expect(status).toMatchObject({ blocked: true, reason: 'Freeze "Year-end freeze" (holidays)', endsAt: berlin('2027-01-04T08:00') });
  });

  it('chains back-to-back blocks: a freeze ending inside a weekend blackout ends with the weekend', () => {
    const w: ReleaseWindows = { ...windows, freezes: [{ label: 'Launch', from: '2026-06-04T09:00', to: '2026-06-06T12:00', reason: '' }] };
    const status = blackoutStatus(w, berlin('2026-06-04T10:00'));
    expect(status).toMatchObject({ blocked: true, reason: 'Freeze "Launch"', endsAt: berlin('2026-06-08T08:00') });
  });

  it('with release windows, blocks outside them until the next one opens', () => {
    const w: ReleaseWindows = {
      timeZone: 'America/New_York',
      weekly: [
        { kind: 'release', label: 'Tue–Thu mornings', start: { day: 'tue', time: '09:00' }, end: { day: 'tue', time: '12:00' } },
        { kind: 'release', label: 'Thu morning', start: { day: 'thu', time: '09:00' }, end: { day: 'thu', time: '12:00' } },
      ],
      freezes: [],
    };
    const at = (text: string) => parseLocal(text, 'America/New_York');
    expect(blackoutStatus(w, at('2026-06-02T10:00')).blocked).toBe(false); // Tuesday
    const wednesday = blackoutStatus(w, at('2026-06-03T10:00'));
    expect(wednesday).toMatchObject({ blocked: true, endsAt: at('2026-06-04T09:00') });
    expect(wednesday.reason).toContain('Outside the release windows');
    expect(formatLocal(wednesday.endsAt!, 'America/New_York')).toBe('Thu 2026-06-04 09:00 America/New_York');
  });
});
