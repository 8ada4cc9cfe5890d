import { timeTicks } from './chartData';

const MINUTE = 60_000;
const NOW = 1_800_000_000_000;

describe('timeTicks', () => {
  it('puts round times inside the window, at least the gap apart on the plot', () => {
    const from = NOW - 120 * MINUTE + 7_777;
    const ticks = timeTicks(from, NOW, 400, 72);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(Math.floor(400 / 72) + 1);
    expect(ticks.every((t) => t >= from && t <= NOW && t % MINUTE === 0)).toBe(true);
    const step = ticks[1]! - ticks[0]!;
    expect(ticks.slice(1).every((t, i) => t - ticks[i]! === step)).toBe(true);
    expect((step / (NOW - from)) * 400).toBeGreaterThanOrEqual(72 * ((ticks.length - 1) / ticks.length));
  });

  it('uses finer steps on a wider plot and none on an empty window', () => {
    const from = NOW - 120 * MINUTE;
    expect(timeTicks(from, NOW, 1200).length).toBeGreaterThan(timeTicks(from, NOW, 300).length);
    expect(timeTicks(NOW, NOW, 400)).toEqual([]);
    expect(timeTicks(from, NOW, 0)).toEqual([]);
  });
});
