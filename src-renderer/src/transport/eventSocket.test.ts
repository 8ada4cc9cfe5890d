import { createFakeBridge } from '../test/fakeBridge';
import { withValidatedEvents } from './eventPayload';
import { createEventSocket, eventsUrl } from './eventSocket';
import { createLivenessMonitor } from './liveness';

/** Just enough of a browser WebSocket, driven by the test. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  send(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  drop() {
    this.onclose?.({});
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;
const socketFor = (extra = {}) =>
  createEventSocket({ url: 'ws://127.0.0.1:4173/api/events', WebSocket: FakeSocket as never, ...extra });

beforeEach(() => {
  FakeSocket.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('event socket', () => {
  it('delivers a valid event and drops invalid payloads, unknown events and garbage', () => {
    const events = socketFor();
    const changed = vi.fn();
    events.subscribe('state:changed', changed);
    const ws = last();
    ws.open();

    ws.send({ event: 'state:changed', payload: { domain: 'nonsense' } });
    ws.send({ event: 'state:changed', payload: null });
    ws.send({ event: 'state:changed' });
    ws.send({ event: 'shell:exec', payload: { domain: 'flags' } });
    ws.send('not json {');
    expect(changed).not.toHaveBeenCalled();

    ws.send({ event: 'state:changed', payload: { domain: 'flags' } });
    expect(changed).toHaveBeenCalledExactlyOnceWith({ domain: 'flags' });
  });

  it('routes each event only to its own subscribers and stops after dispose', () => {
    const events = socketFor();
    const changed = vi.fn();
    const verdict = vi.fn();
    const disposeChanged = events.subscribe('state:changed', changed);
    const disposeVerdict = events.subscribe('canary:verdict', verdict);
    expect(FakeSocket.all).toHaveLength(1);

    last().send({ event: 'canary:verdict', payload: { releaseId: 'r', outcome: 'pass', score: 91 } });
    expect(verdict).toHaveBeenCalledOnce();
    expect(changed).not.toHaveBeenCalled();

    disposeChanged();
    last().send({ event: 'state:changed', payload: { domain: 'audit' } });
    expect(changed).not.toHaveBeenCalled();
    expect(last().closed).toBe(false);
    disposeVerdict();
    expect(last().closed).toBe(true);
  });

  it('reconnects with a doubling delay up to the cap, and reports the reconnection', async () => {
    vi.useFakeTimers();
    const events = socketFor({ minDelayMs: 100, maxDelayMs: 400 });
    const reconnected = vi.fn();
    events.onReconnect(reconnected);
    events.subscribe('state:changed', () => {});
    last().open();

    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = FakeSocket.all.length;
      last().drop();
      let waited = 0;
      while (FakeSocket.all.length === before) {
        await vi.advanceTimersByTimeAsync(50);
        waited += 50;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([100, 200, 400, 400]);
    expect(reconnected).not.toHaveBeenCalled();

    last().open();
    expect(reconnected).toHaveBeenCalledOnce();
    last().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(6);

    events.close();
    last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(6);
  });

  it('tells the liveness monitor of every sign of life and every drop, heartbeats with their period', () => {
    vi.useFakeTimers();
    const liveness = createLivenessMonitor();
    const refused = vi.fn();
    const events = socketFor({ liveness, onRefused: refused, minDelayMs: 100 });
    const beats = vi.fn();
    events.subscribe('app:heartbeat', beats);
    expect(liveness.current().status).toBe('connecting');

    last().open();
    expect(liveness.current().status).toBe('online');
    last().send({ event: 'app:heartbeat', payload: { everyMs: 500, pollMs: 5000 } });
    expect(liveness.current()).toMatchObject({ status: 'online', pollMs: 5000 });
    expect(beats).toHaveBeenCalledExactlyOnceWith({ everyMs: 500, pollMs: 5000 });
    // garbage is no sign of life
    last().send({ event: 'app:heartbeat', payload: { everyMs: 'soon' } });
    expect(beats).toHaveBeenCalledOnce();

    last().drop();
    expect(liveness.current()).toMatchObject({ status: 'offline', reason: 'closed' });
    expect(refused).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    // the next attempt closes without opening: down, or the upgrade was refused
    last().drop();
    expect(refused).toHaveBeenCalledOnce();
    liveness.dispose();
    events.close();
  });

  it('builds ws: or wss: from the page address', () => {
    expect(eventsUrl({ protocol: 'http:', host: '127.0.0.1:4173', search: '' })).toBe('ws://127.0.0.1:4173/api/events');
    expect(eventsUrl({ protocol: 'https:', host: 'localhost:9', search: '?x=1' })).toBe('wss://localhost:9/api/events');
    // A tab on another workspace hears that workspace's events only.
    expect(eventsUrl({ protocol: 'http:', host: '127.0.0.1:9', search: '?workspace=prod-eu' })).toBe('ws://127.0.0.1:9/api/events?workspace=prod-eu');
    expect(eventsUrl({ protocol: 'http:', host: '127.0.0.1:9', search: '?workspace=../x' })).toBe('ws://127.0.0.1:9/api/events');
  });
});

describe('validated bridge events (the Electron preload path)', () => {
  it('lets a valid payload through and keeps an invalid one from the callback', () => {
    const fake = createFakeBridge();
    const bridge = withValidatedEvents(fake);
    const progress = vi.fn();
    const dispose = bridge.subscribe('sync:progress', progress);

    fake.emit('sync:progress', { source: 'flags', done: 'three', total: 10 });
    fake.emit('sync:progress', { source: 'printer', done: 3, total: 10 });
    expect(progress).not.toHaveBeenCalled();

    fake.emit('sync:progress', { source: 'flags', done: 3, total: null });
    expect(progress).toHaveBeenCalledExactlyOnceWith({ source: 'flags', done: 3, total: null });

    dispose();
    expect(fake.subscriberCount()).toBe(0);
  });
});
