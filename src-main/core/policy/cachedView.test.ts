import { cached } from './identity';

const clockAt = (start: number) => {
  let now = start;
  return { now: () => now, every: () => () => undefined, advance: (ms: number) => (now += ms) };
};

describe('a cached server view', () => {
  it('settled() waits for the first read, then answers from what it holds, refreshing in the background past the TTL', async () => {
    const clock = clockAt(1_000);
    const answers: ((value: string[]) => void)[] = [];
    let reads = 0;
    const view = cached(clock, () => {
      reads += 1;
      return new Promise<string[]>((resolve) => answers.push(resolve));
    }, 60_000);

    const first = view.settled();
    expect(reads).toBe(1);
    answers[0]!(['production']);
    expect(await first).toEqual(['production']);

    clock.advance(61_000);
    // past the TTL: the old value at once, and one read started behind it (its answer never comes here)
    expect(await view.settled()).toEqual(['production']);
    expect(reads).toBe(2);
    expect(await view.settled()).toEqual(['production']);
    expect(reads).toBe(2); // one refresh in flight, not one per call
    answers[1]!([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(await view.settled()).toEqual([]);
  });

  it('keeps the old value when the background refresh fails', async () => {
    const clock = clockAt(0);
    let fail = false;
    const view = cached(clock, async () => {
      if (fail) throw new Error('server down');
      return 'rule';
    }, 10);
    expect(await view.settled()).toBe('rule');
    fail = true;
    clock.advance(11);
    expect(await view.settled()).toBe('rule');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await view.settled()).toBe('rule');
    await expect(view.get(true)).rejects.toThrow('server down');
  });
});
