import { mulberry32 } from '../../../../src-shared/random/mulberry32';

/**
 * Order statistics of the m·n pairwise differences x_i − y_j without forming them.
 *
 * With x ascending and y ascending, the matrix A[i][j] = x[i] − y[n − 1 − j] is sorted along
 * every row and every column (floating-point subtraction is monotone in each operand, so this
 * holds for the computed doubles too, and every value compared here is the very double
 * x[i] − y[j] a brute-force sort would hold). How many entries lie below a value is then one
 * staircase walk over the matrix, O(m + n). Selection of the k-th smallest (Johnson & Mizoguchi
 * 1978; Monahan's randomised form) keeps, per row, the column range still in play, and each round:
 *   - draws a systematic sample of the entries in play, picks two pivots from it bracketing the
 *     target rank (Floyd & Rivest), and counts the entries below each with a staircase walk;
 *   - either the answer is a pivot, or the rows' ranges shrink to the side (or the band between
 *     the pivots) that holds it, which removes at least one pivot, so every round makes progress;
 *   - once few entries remain they are gathered and sorted.
 * Several ranks at once (the interval's two bounds and the median lie close together) share their
 * first rounds: the pivots then bracket all of them, until the band is not much wider than they.
 * Every entry still in play is larger than every entry left of its row's range and smaller than
 * every entry right of it, so a walk for an entry in play only moves inside the ranges.
 * Pivots and the last step use Hoare's selection (nth), not a sort.
 * Expected O((m + n) log(m + n)) time and O(m) memory. The "random" draws come from a fixed-seed
 * generator: the answer is exact whatever is drawn, and the run time repeats too.
 */

/** Gather and select directly once this few entries are still in play. */
const GATHER_AT = 32_768;
/** Entries drawn per round to place the two pivots. */
const SAMPLE = 4096;
/** Half-width of the pivot band around the target, in sample positions (≈ 2.5 standard deviations). */
const BAND = 2.5 * Math.sqrt(SAMPLE / 4);


/**
 * Rearrange a[lo..hi] so that a[k] holds the value sorting would put there, everything before it
 * ≤ it and everything after ≥ it (Hoare's FIND with a median-of-three pivot); returns a[k].
 */
export function nth(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const p1 = a[lo]!;
    const p2 = a[mid]!;
    const p3 = a[hi]!;
    const p = p1 < p2 ? (p2 < p3 ? p2 : p1 < p3 ? p3 : p1) : p1 < p3 ? p1 : p2 < p3 ? p3 : p2;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < p) i++;
      while (a[j]! > p) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

const NARROWED = 1;
const STUCK = 0;
const FOUND = 2;

export class PairDifferences {
  readonly m: number;
  readonly n: number;
  /** m·n, the number of differences */
  readonly total: number;
  private readonly x: Float64Array;
  /** y descending, so each row x[i] − yr[j] ascends in j */
  private readonly yr: Float64Array;
  /** per row, the columns [left, right) still in play */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly rowsA: Int32Array;
  private readonly rowsB: Int32Array;
  /** entries left of the ranges, and entries in them */
  private below = 0;
  private active = 0;
  /** the pivot a round found to be the answer */
  private hit = 0;
  private readonly sample = new Float64Array(SAMPLE);
  // pivots drawn from a fixed seed, so runs repeat
  private readonly random = mulberry32(0x5eed);
  private readonly gatherAt: number;

  /**
   * Both samples ascending, finite, non-empty; they are read, never changed. gatherAt: sort what
   * is left once this few entries remain (tests lower it to exercise the rounds on small data).
   */
  constructor(xAscending: Float64Array, yAscending: Float64Array, gatherAt = GATHER_AT) {
    this.gatherAt = Math.max(1, gatherAt);
    const m = xAscending.length;
    const n = yAscending.length;
    if (m === 0 || n === 0) throw new RangeError('pair differences need at least one value in each sample');
    this.m = m;
    this.n = n;
    this.total = m * n;
    this.x = xAscending;
    const yr = new Float64Array(n);
    for (let j = 0; j < n; j++) yr[j] = yAscending[n - 1 - j]!;
    this.yr = yr;
    this.left = new Int32Array(m);
    this.right = new Int32Array(m);
    this.rowsA = new Int32Array(m);
    this.rowsB = new Int32Array(m);
  }

  /** How many differences are < v (strict) or ≤ v. */
  count(v: number, strict: boolean): number {
    const { x, yr, m } = this;
    let j = this.n;
    let total = 0;
    for (let i = 0; i < m; i++) {
      const xi = x[i]!;
      if (strict) while (j > 0 && xi - yr[j - 1]! >= v) j--;
      else while (j > 0 && xi - yr[j - 1]! > v) j--;
      total += j;
    }
    return total;
  }

  /** The smallest difference greater than v; Infinity when there is none. */
  nextAbove(v: number): number {
    const { x, yr, m, n } = this;
    let j = n;
    let best = Infinity;
    for (let i = 0; i < m; i++) {
      const xi = x[i]!;
      while (j > 0 && xi - yr[j - 1]! > v) j--;
      // row i: entries ≥ j are > v, and the first of them is the row's smallest above v
      if (j < n) {
        const d = xi - yr[j]!;
        if (d < best) best = d;
      }
    }
    return best;
  }

  /** The k-th smallest difference, k from 1 to m·n. */
  select(k: number): number {
    return this.selectAll([k])[0]!;
  }

  /** The differences of the given ranks (1 to m·n), in the order asked. */
  selectAll(ranks: readonly number[]): number[] {
    for (const k of ranks) if (!(Number.isInteger(k) && k >= 1 && k <= this.total)) throw new RangeError(`rank ${k} is outside 1…${this.total}`);
    if (ranks.length === 0) return [];
    const { left, right } = this;
    left.fill(0);
    right.fill(this.n);
    this.below = 0;
    this.active = this.total;
    const kA = Math.min(...ranks);
    const kB = Math.max(...ranks);
    // shared rounds while the band the ranks span is a small part of what is in play
    while (kA < kB && this.active > this.gatherAt && (kB - kA) * 3 < this.active) if (this.round(kA, kB) === STUCK) break;
    const savedLeft = left.slice();
    const savedRight = right.slice();
    const savedBelow = this.below;
    const savedActive = this.active;
    const found = new Map<number, number>();
    return ranks.map((k) => {
      const known = found.get(k);
      if (known !== undefined) return known;
      left.set(savedLeft);
      right.set(savedRight);
      this.below = savedBelow;
      this.active = savedActive;
      let value: number | undefined;
      while (value === undefined) {
        if (this.active <= this.gatherAt) value = this.gather(k);
        else if (this.round(k, k) === FOUND) value = this.hit;
      }
      found.set(k, value);
      return value;
    });
  }

  /** Sort what is in play and read rank k off it. */
  private gather(k: number): number {
    const { x, yr, left, right, m } = this;
    const gathered = new Float64Array(this.active);
    let at = 0;
    for (let i = 0; i < m; i++) {
      const xi = x[i]!;
      for (let j = left[i]!, end = right[i]!; j < end; j++) gathered[at++] = xi - yr[j]!;
    }
    return nth(gathered, k - this.below - 1);
  }

  /**
   * Entries < v (strict) or ≤ v per row into rows, and their total; v must be an entry in play,
   * so each row's count lies inside its range.
   */
  private walk(v: number, strict: boolean, rows: Int32Array): number {
    const { x, yr, m, left, right } = this;
    let j = this.n;
    let total = 0;
    for (let i = 0; i < m; i++) {
      const xi = x[i]!;
      const r = right[i]!;
      if (j > r) j = r;
      const l = left[i]!;
      if (strict) while (j > l && xi - yr[j - 1]! >= v) j--;
      else while (j > l && xi - yr[j - 1]! > v) j--;
      rows[i] = j;
      total += j;
    }
    return total;
  }

  /** New ranges: left from lo (or kept when null), right from hi (or kept); recounts below and active. */
  private narrow(lo: Int32Array | null, hi: Int32Array | null): void {
    const { left, right, m } = this;
    let below = 0;
    let active = 0;
    for (let i = 0; i < m; i++) {
      const l = lo ? lo[i]! : left[i]!;
      const r = hi ? hi[i]! : right[i]!;
      left[i] = l;
      right[i] = r;
      below += l;
      active += r - l;
    }
    this.below = below;
    this.active = active;
  }

  /** One round toward ranks kA ≤ kB: NARROWED, FOUND (kA = kB, the answer in this.hit), or STUCK (kA < kB, the pivots fell between them). */
  private round(kA: number, kB: number): number {
    const { x, yr, m, left, right, sample, rowsA, rowsB } = this;
    const active = this.active;
    // systematic sample: every (active / size)-th entry in play, from a random start
    const size = Math.min(SAMPLE, active);
    const step = active / size;
    const u = this.random();
    let s = 0;
    let next = u * step;
    let cum = 0;
    for (let i = 0; i < m && s < size; i++) {
      const l = left[i]!;
      const end = cum + (right[i]! - l);
      const xi = x[i]!;
      while (s < size && next < end) {
        sample[s++] = xi - yr[l + Math.floor(next - cum)]!;
        next = (s + u) * step;
      }
      cum = end;
    }
    const at = (k: number) => ((k - this.below - 0.5) / active) * s;
    const lowAt = Math.min(s - 1, Math.max(0, Math.floor(at(kA) - BAND)));
    const highAt = Math.min(s - 1, Math.max(lowAt, Math.ceil(at(kB) + BAND)));
    const low = nth(sample, lowAt, 0, s - 1);
    const high = highAt === lowAt ? low : nth(sample, highAt, lowAt + 1 > s - 1 ? s - 1 : lowAt + 1, s - 1);

    const a = this.walk(low, true, rowsA); // entries < low
    if (kB <= a) {
      this.narrow(null, rowsA); // low and above go
      return NARROWED;
    }
    const b = low === high ? a : this.walk(high, true, rowsB); // entries < high
    if (low === high) rowsB.set(rowsA);
    if (kA > a && kB <= b) {
      this.narrow(rowsA, rowsB); // high and above go
      return NARROWED;
    }
    if (kA > b) {
      const c = this.walk(high, false, rowsB); // entries ≤ high
      if (kA > c) {
        this.narrow(rowsB, null); // high and below go
        return NARROWED;
      }
      if (kA === kB) {
        this.hit = high;
        return FOUND;
      }
      this.walk(high, true, rowsB);
      this.narrow(rowsB, null);
      return STUCK;
    }
    // kA < kB straddle a pivot: keep what is safe and stop sharing
    this.narrow(kA > a ? rowsA : null, kB <= b ? rowsB : null);
    return STUCK;
  }
}
