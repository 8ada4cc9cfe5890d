import { RingsideError } from '../../../src-shared/ipc/result';
import { fromHttpError } from './prometheusErrors';
import { msToSeconds, parseSampleValue, secondsToMs } from './sampleValue';
import { createSemaphore } from './semaphore';
import { guardStep } from './stepGuard';

describe('sample values', () => {
  it('reads Go float strings, including the non-finite ones', () => {
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
    expect(parseSampleValue('0.000123')).toBe(0.000123);
    expect(parseSampleValue('-1.5e-7')).toBe(-1.5e-7);
    expect(() => parseSampleValue('')).toThrow(RingsideError);
    expect(() => parseSampleValue('twelve')).toThrow('not a number: "twelve"');
  });

  it('converts between epoch ms and Prometheus seconds', () => {
    expect(msToSeconds(1_700_000_000_123)).toBe('1700000000.123');
    expect(msToSeconds(1_700_000_000_000)).toBe('1700000000');
    expect(msToSeconds(1_500)).toBe('1.5');
    expect(msToSeconds(0)).toBe('0');
    expect(secondsToMs(1_700_000_000.123)).toBe(1_700_000_000_123);
  });
});

describe('guardStep', () => {
  it('keeps a step that fits and raises one that does not, to whole seconds', () => {
    expect(guardStep(0, 3_600_000, 15_000)).toBe(15_000);
    expect(guardStep(0, 10_999_000, 1_000)).toBe(1_000); // exactly 11,000 points
    expect(guardStep(0, 11_000_000, 1_000)).toBe(2_000);
    const raised = guardStep(0, 30 * 86_400_000, 1_000);
    expect(Math.floor((30 * 86_400_000) / raised) + 1).toBeLessThanOrEqual(11_000);
  });
});

describe('semaphore', () => {
  it('runs at most `limit` tasks and hands slots over in order', async () => {
    const gate = createSemaphore(2);
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        gate.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(gate.inFlight()).toBe(0);
    await expect(gate.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(gate.inFlight()).toBe(0);
    expect(() => createSemaphore(0)).toThrow(RangeError);
  });
});

describe('errors from the shared HTTP client', () => {
  it('passes through what is not a Prometheus answer', () => {
    const other = new RingsideError('unauthorized', 'Prometheus answered 401: the token was rejected.');
    expect(fromHttpError(other)).toBe(other);
    expect(fromHttpError('x')).toBe('x');
  });
});
