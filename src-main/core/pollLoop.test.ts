import { createPollLoop } from './pollLoop';
import { manualClock } from './testing/manualClock';

describe('poll loop', () => {
  it('never runs two rounds at once: a round slower than the interval delays the next, measured from its end', async () => {
    const clock = manualClock(0);
    let inFlight = 0;
    let maxInFlight = 0;
    const starts: number[] = [];
    const loop = createPollLoop({
      run: async () => {
        starts.push(clock.now());
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // the server answers after 2.5 s, slower than the 1 s interval
        await new Promise<void>((resolve) => clock.after!(2_500, resolve));
        inFlight -= 1;
      },
      nextDelay: () => 1_000,
      schedule: (ms, fn) => clock.after!(ms, fn),
    });
    loop.start(1_000);
    await clock.advance(20_000);
    loop.stop();
    expect(maxInFlight).toBe(1);
    // rounds start 1 s after the previous ended: 1000, 4500, 8000, …
    expect(starts.slice(0, 4)).toEqual([1_000, 4_500, 8_000, 11_500]);
  });

  it('joins a round asked for by hand while one is in flight instead of starting another', async () => {
    let runs = 0;
    let release!: () => void;
    const loop = createPollLoop({
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      nextDelay: () => 1_000,
      schedule: () => () => {},
    });
    const a = loop.once();
    const b = loop.once();
    expect(loop.busy()).toBe(true);
    release();
    await Promise.all([a, b]);
    expect(runs).toBe(1);
    expect(loop.busy()).toBe(false);
  });

  it('stops scheduling after stop, even with a round in flight', async () => {
    const clock = manualClock(0);
    let runs = 0;
    const loop = createPollLoop({ run: async () => void (runs += 1), nextDelay: () => 500, schedule: (ms, fn) => clock.after!(ms, fn) });
    loop.start(500);
    await clock.advance(1_600);
    loop.stop();
    const before = runs;
    await clock.advance(5_000);
    expect(before).toBe(3);
    expect(runs).toBe(before);
    expect(clock.pending()).toBe(0);
  });
});
