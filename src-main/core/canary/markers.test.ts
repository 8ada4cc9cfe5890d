import type { AuditEvent } from '../../../src-shared/domain/audit';
import { chartMarkers, ECHO_WINDOW_MS } from './markers';

let nextId = 1;
const event = (patch: Partial<AuditEvent>): AuditEvent => ({
  id: nextId++,
  time: 1_000_000,
  source: 'console',
  actor: 'ana',
  workspace: 'demo',
  environment: 'production',
  objectType: 'flag',
  objectId: 'checkout.new-pricing-engine',
  action: 'flag.disabled',
  before: null,
  after: null,
  reason: null,
  result: 'confirmed',
  ...patch,
});

describe('chart markers', () => {
  it("draws a console kill once, though the audit holds its intent, outcome and the server's echo", () => {
    const markers = chartMarkers([
      event({ action: 'flag.disabled.requested', result: 'pending', time: 1_000_000 }),
      event({ time: 1_000_040 }),
      event({ source: 'flag-server', actor: 'ringside-token', result: null, time: 1_000_020 }),
    ]);
    expect(markers).toEqual([
      { time: 1_000_040, kind: 'kill', label: 'flag.disabled checkout.new-pricing-engine (production)', actor: 'ana' },
    ]);
  });

  it('keeps a change made by someone else in the flag server, with who made it', () => {
    const markers = chartMarkers([event({ source: 'flag-server', actor: 'bob@example.com', action: 'flag.enabled' })]);
    expect(markers).toEqual([
      { time: 1_000_000, kind: 'flag', label: 'flag.enabled checkout.new-pricing-engine (production)', actor: 'bob@example.com' },
    ]);
  });

  it('keeps a server entry that is not the same change: other environment, other action, or long after', () => {
    const own = event({});
    const others = [
      event({ source: 'flag-server', environment: 'development' }),
      event({ source: 'flag-server', action: 'flag.enabled' }),
      event({ source: 'flag-server', time: own.time + ECHO_WINDOW_MS + 1 }),
    ];
    expect(chartMarkers([own, ...others])).toHaveLength(4);
  });

  it("drops the server's echo of a guard kill too, and marks guard and verdict rows by kind", () => {
    const markers = chartMarkers([
      event({ source: 'guard', actor: 'ringside-guard' }),
      event({ source: 'flag-server', actor: 'ringside-token', time: 1_000_500 }),
      event({ source: 'canary', objectType: 'release', objectId: 'checkout-2.4.0', action: 'verdict.changed' }),
    ]);
    expect(markers.map((m) => m.kind)).toEqual(['guard', 'verdict']);
  });
});
