/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and last points
 * and, per bucket, the point forming the largest triangle with its neighbours, so spikes survive.
 * Points with a non-finite value are dropped first: they cannot be drawn and would poison the areas.
 *
 * `lttbIndices` does the work over typed arrays and returns the indices it keeps; `lttb` is the
 * tuple-array form the charts use, and selects exactly the same points.
 */

/**
 * The indices LTTB keeps of the series (xs[i], ys[i]), ascending, into the arrays given. A point whose
 * x or y is not finite (a gap) is left out first, as if it were not there, and is never returned.
 *
 * - a threshold at or above the number of finite points keeps every finite point;
 * - a threshold under 3 keeps the first and last finite points (or all of them if there are at most 2);
 * - a fractional threshold is floored, NaN counts as 2.
 *
 * `out`, when given and long enough (min(threshold, xs.length) entries), is written into and a view of
 * it returned, so a caller redrawing every few seconds allocates nothing on the all-finite path.
 */
export function lttbIndices(xs: Float64Array, ys: Float64Array, threshold: number, out?: Uint32Array): Uint32Array {
  if (xs.length !== ys.length) throw new RangeError(`lttbIndices: ${xs.length} xs but ${ys.length} ys`);
  const length = xs.length;
  let finite = 0;
  for (let i = 0; i < length; i += 1) {
    if (Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!)) finite += 1;
  }
  const t = Number.isNaN(threshold) ? 2 : Math.floor(threshold);
  const kept = t >= finite ? finite : t < 3 ? Math.min(2, finite) : t;
  const result = out && out.length >= kept ? out.subarray(0, kept) : new Uint32Array(kept);
  if (finite === length) {
    selectInto(xs, ys, length, kept, result);
    return result;
  }
  // Gaps: run over the finite points only, then map the choices back to the caller's indices.
  const fx = new Float64Array(finite);
  const fy = new Float64Array(finite);
  const origin = new Uint32Array(finite);
  for (let i = 0, k = 0; i < length; i += 1) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      fx[k] = x;
      fy[k] = y;
      origin[k] = i;
      k += 1;
    }
  }
  selectInto(fx, fy, finite, kept, result);
  for (let i = 0; i < kept; i += 1) result[i] = origin[result[i]!]!;
  return result;
}

/** LTTB over n finite points, writing the `kept` chosen indices into out. */
function selectInto(xs: Float64Array, ys: Float64Array, n: number, kept: number, out: Uint32Array): void {
  if (kept === n) {
    for (let i = 0; i < n; i += 1) out[i] = i;
    return;
  }
  if (kept <= 2) {
    // only reached with more than 2 points and a threshold under 3
    out[0] = 0;
    out[1] = n - 1;
    return;
  }
  // The same arithmetic, in the same order, as the tuple version always used, so the same points win.
  const every = (n - 2) / (kept - 2);
  out[0] = 0;
  let a = 0;
  let start = 1;
  for (let i = 0; i < kept - 2; i += 1) {
    // The average of the next bucket is the third corner of every candidate triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgT = 0;
    let avgV = 0;
    for (let j = nextStart; j < nextEnd; j += 1) {
      avgT += xs[j]!;
      avgV += ys[j]!;
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgT /= count;
    avgV /= count;

    const end = nextStart; // this bucket ends where the next one starts
    const at = xs[a]!;
    const av = ys[a]!;
    const dt = at - avgT;
    const dv = avgV - av;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j += 1) {
      const area = Math.abs(dt * (ys[j]! - av) - (at - xs[j]!) * dv);
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[i + 1] = best;
    a = best;
    start = end;
  }
  out[kept - 1] = n - 1;
}

/**
 * LTTB over [time, value] points: the chosen points, as fresh tuples, in input order. Non-finite points
 * are dropped first, exactly as `lttbIndices` leaves them out.
 */
export function lttb(points: readonly (readonly [number, number])[], threshold: number): [number, number][] {
  const { xs, ys } = toColumns(points);
  const chosen = lttbIndices(xs, ys, threshold);
  const sampled = new Array<[number, number]>(chosen.length);
  for (let i = 0; i < chosen.length; i += 1) {
    const k = chosen[i]!;
    sampled[i] = [xs[k]!, ys[k]!];
  }
  return sampled;
}

/** [time, value] tuples as two typed columns, the input of `lttbIndices`. */
export function toColumns(points: readonly (readonly [number, number])[]): { xs: Float64Array; ys: Float64Array } {
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const p = points[i]!;
    xs[i] = p[0];
    ys[i] = p[1];
  }
  return { xs, ys };
}
