import { createLivenessMonitor, type Liveness } from './liveness';
import { manualTime } from './testing/manualTime';

const beat = { everyMs: 500, pollMs: 5000 };

function monitor() {
  const time = manualTime();
  const live = createLivenessMonitor({ now: time.now, setTimer: time.setTimer, clearTimer: time.clearTimer, via: 'loopback' });
  const seen: Liveness[] = [];
  live.subscribe((l) => seen.push(l));
  const back = vi.fn();
  live.onBack(back);
  return { time, live, seen, back };
}

describe('liveness monitor (the heartbeat timeout)', () => {
  it('stays online while beats keep coming and goes offline three missed beats after the last one', () => {
    const { time, live, seen } = monitor();
    expect(live.current()).toEqual({ status: 'connecting', via: 'loopback', pollMs: null });
    live.beat(beat);
    expect(live.current()).toMatchObject({ status: 'online', since: 1_000, pollMs: 5000 });
    for (let i = 0; i < 10; i++) {
      time.advance(500);
      live.beat(beat);
    }
    expect(live.current().status).toBe('online');

    time.advance(1_499);
    expect(live.current().status).toBe('online');
    time.advance(1);
    expect(live.current()).toMatchObject({ status: 'offline', reason: 'silent', since: 7_500, pollMs: 5000 });
    // listeners hear changes, not every beat
    expect(seen.map((l) => l.status)).toEqual(['connecting', 'online', 'offline']);
  });

  it('takes the timeout from the period the heartbeat announces', () => {
    const { time, live } = monitor();
    live.beat({ everyMs: 2_000, pollMs: 0 });
    time.advance(5_999);
    expect(live.current().status).toBe('online');
    time.advance(1);
    expect(live.current().status).toBe('offline');
  });

  it('goes offline when nothing is ever heard, instead of connecting forever', () => {
    const { time, live } = monitor();
    time.advance(1_500);
    expect(live.current()).toMatchObject({ status: 'offline', reason: 'silent' });
  });

  it('goes offline at once when the channel drops, and is back with the next sign of life', () => {
    const { time, live, back } = monitor();
    live.beat(beat);
    time.advance(200);
    live.lost('closed');
    expect(live.current()).toMatchObject({ status: 'offline', reason: 'closed', since: 1_200 });
    expect(back).not.toHaveBeenCalled();

    time.advance(10_000);
    expect(live.current()).toMatchObject({ status: 'offline', since: 1_200 });
    live.beat();
    expect(live.current()).toMatchObject({ status: 'online', since: 11_200, pollMs: 5000 });
    expect(back).toHaveBeenCalledOnce();
  });

  it('tells onBack only after listeners saw the core online, and not on the first contact', () => {
    const { time, live } = monitor();
    const order: string[] = [];
    live.subscribe((l) => order.push(l.status));
    live.onBack(() => order.push(`back while ${live.current().status}`));
    live.beat(beat);
    time.advance(1_500);
    live.beat(beat);
    expect(order).toEqual(['connecting', 'online', 'offline', 'online', 'back while online']);
  });

  it('keeps a refused token as the reason until the core is back, and ignores it while connected', () => {
    const { live } = monitor();
    live.beat(beat);
    live.lost('signed-out');
    expect(live.current().status).toBe('online');

    live.lost('closed');
    live.lost('signed-out');
    expect(live.current()).toMatchObject({ status: 'offline', reason: 'signed-out' });
    live.lost('closed');
    expect(live.current()).toMatchObject({ status: 'offline', reason: 'signed-out' });
    live.beat();
    expect(live.current().status).toBe('online');
  });

  it('does nothing after dispose', () => {
    const { time, live, seen } = monitor();
    live.beat(beat);
    live.dispose();
    time.advance(10_000);
    live.lost('closed');
    expect(seen.map((l) => l.status)).toEqual(['connecting', 'online']);
  });
});
