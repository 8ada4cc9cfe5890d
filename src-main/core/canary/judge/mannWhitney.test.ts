import { mannWhitney, pooledRanks } from './mannWhitney';

// Hollander & Wolfe (1973), p. 69f, the two-sample example of R's ?wilcox.test: permeability
// at term (x) and at 12–26 weeks (y). R: W = 35; exact one-sided ("greater") p = 0.1272;
// exact two-sided p = 0.254412; large-sample without correction, one-sided p = 0.1103.
const hwX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const hwY = [1.15, 0.88, 0.9, 0.74, 1.21];

// R's airquality data, Ozone in May (month 5) and August (month 8), NA as NaN. R's ?wilcox.test:
// wilcox.test(Ozone ~ Month, subset = Month %in% c(5, 8)) → W = 127.5, p-value = 0.0001208
// ("with continuity correction", ties, so the normal approximation).
const NA = Number.NaN;
const may = [41, 36, 12, 18, NA, 28, 23, 19, 8, NA, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, NA, NA, NA, 23, 45, 115, 37];
const aug = [39, 9, 16, 78, 35, 66, 122, 89, 110, NA, NA, 44, 28, 65, NA, 22, 59, 23, 31, 44, 21, 9, NA, 45, 168, 73, NA, 76, 118, 84, 85];

describe('mannWhitney', () => {
  it('Hollander & Wolfe permeability: U = 35, exact two-sided p = 764/3003 = 0.254412', () => {
    const r = mannWhitney(hwX, hwY);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(35);
    expect(r.uMin).toBe(15);
    expect(r.z).toBeNull();
    // 764 of the C(15,5) = 3003 assignments are at least as extreme (full enumeration in Python)
    expect(r.pValue).toBeCloseTo(764 / 3003, 12);
    expect(r.pValue).toBeCloseTo(0.254412, 6);
    expect(r.pValue / 2).toBeCloseTo(0.1272, 4); // R's one-sided figure
  });

  it('Hollander & Wolfe large-sample approximation without correction: one-sided p = 0.1103', () => {
    // z = (35 − 25) / √(50·16/12) = 1.224745; no ties so no tie correction
    const r = mannWhitney(hwX, hwY, { forceNormal: true, continuity: false });
    expect(r.method).toBe('normal');
    expect(r.z).toBeCloseTo(1.224744871391589, 12);
    expect(r.pValue / 2).toBeCloseTo(0.110336, 6);
  });

  it("Wikipedia's tortoises and hares: U_T = 11, exact p = 13/42", () => {
    // Finishing order T H H H H H T T T T T H; a finishing position serves as a race time.
    // Wikipedia counts hares beaten by each tortoise: 6,1,1,1,1,1 → U_T = 11, U_H = 25.
    const order = 'THHHHHTTTTTH';
    const times = (who: string) => [...order].flatMap((c, i) => (c === who ? [i + 1] : []));
    const r = mannWhitney(times('T'), times('H'));
    expect(r.u).toBe(25); // tortoise slower than hare in 25 of 36 pairs
    expect(r.uMin).toBe(11);
    // computed by full enumeration of all C(12,6) = 924 rank assignments: 2 · 143/924
    expect(r.pValue).toBeCloseTo(13 / 42, 12);
  });

  it('complete separation of 3 vs 4: U = 0, p = 2/C(7,3) = 2/35', () => {
    const r = mannWhitney([1.1, 2.2, 3.3], [4.4, 5.5, 6.6, 7.7]);
    expect(r.u).toBe(0);
    expect(r.pValue).toBeCloseTo(2 / 35, 14);
  });

  it('R airquality Ozone May vs August, with ties and NAs: U = 127.5, p = 0.0001208', () => {
    const r = mannWhitney(may, aug);
    expect(r.dropped).toEqual({ canary: 5, baseline: 5 });
    expect(r.n).toEqual({ canary: 26, baseline: 26 });
    expect(r.method).toBe('normal');
    expect(r.u).toBe(127.5);
    expect(r.ties).toBe(90); // Σ(t³ − t) over the tied ozone values, counted in Python
    expect(r.z).toBeCloseTo(-3.8444810272800702, 10);
    expect(r.pValue).toBeCloseTo(0.0001208, 7);
    // the other orientation: same p, U mirrored, z negated
    const swapped = mannWhitney(aug, may);
    expect(swapped.u).toBe(26 * 26 - 127.5);
    expect(swapped.pValue).toBeCloseTo(r.pValue, 15);
    expect(swapped.z).toBeCloseTo(3.8444810272800702, 10);
  });

  it("Student's sleep data (R: wilcox.test(extra ~ group, data = sleep)): W = 25.5, p = 0.06933", () => {
    // 10 vs 10 is small, but the ties (0.8, −0.1, 3.4 appear in both groups) force the
    // tie-corrected normal approximation.
    const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const r = mannWhitney(drug1, drug2);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(25.5);
    expect(r.pValue).toBeCloseTo(0.06933, 5);
  });

  it('small tie example worked by hand with the tie-corrected formula', () => {
    // canary 1 2 2 3, baseline 2 3 4 4. Pooled average ranks: 1→1, 2→3 (ranks 2–4), 3→5.5, 4→7.5.
    // R_canary = 1 + 3 + 3 + 5.5 = 12.5, U = 12.5 − 4·5/2 = 2.5. Tie groups t = 3, 2, 2:
    // Σ(t³ − t) = 24 + 6 + 6 = 36. σ² = n1n2/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1)))
    //   = 16/12 · (9 − 36/56) = 11.142857. z = −(|2.5 − 8| − 0.5)/σ = −1.497862, p = 2Φ(z) = 0.134169.
    const r = mannWhitney([1, 2, 2, 3], [2, 3, 4, 4]);
    expect(pooledRanks([1, 2, 2, 3, 2, 3, 4, 4]).ranks).toEqual([1, 3, 3, 5.5, 3, 5.5, 7.5, 7.5]);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(2.5);
    expect(r.ties).toBe(36);
    expect(r.z).toBeCloseTo(-1.4978617237881953, 12);
    expect(r.pValue).toBeCloseTo(0.13416918012812581, 10);
  });

  it('uses exact only up to 20 vs 20 without ties', () => {
    const seq = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i * 2);
    expect(mannWhitney(seq(20, 0), seq(20, 1)).method).toBe('exact');
    expect(mannWhitney(seq(21, 0), seq(20, 1)).method).toBe('normal');
    expect(mannWhitney([1, 2, 3, 4, 5], [5, 6, 7, 8, 9]).method).toBe('normal'); // one tie
  });

  it('gives p = 1 for identical samples and for all-equal values', () => {
    expect(mannWhitney([3, 1, 2, 5], [5, 2, 1, 3]).pValue).toBe(1);
    const flat = mannWhitney([0, 0, 0, 0], [0, 0, 0]);
    expect(flat.z).toBe(0);
    expect(flat.pValue).toBe(1);
  });

  it('drops NaN and ±Infinity, counts them, and refuses an empty sample', () => {
    const r = mannWhitney([1, NaN, 2, Infinity, 3], [4, 5, -Infinity, 6]);
    expect(r.dropped).toEqual({ canary: 2, baseline: 1 });
    expect(r.n).toEqual({ canary: 3, baseline: 3 });
    expect(r.pValue).toBeCloseTo(2 / 20, 14); // complete separation of 3 vs 3
    expect(() => mannWhitney([NaN], [1, 2])).toThrow(RangeError);
    expect(() => mannWhitney([], [1])).toThrow(RangeError);
  });
});
