/** How many label rows markers may stack into before they start to overlap again. */
export const MARKER_LANES = 3;
/** About the width of the widest marker label ("verdict", "rollout") at 10 px. */
const LABEL_PX = 44;

/**
 * A label row for each marker (same order as given) so that labels of markers drawn close
 * together sit on different rows instead of over each other: each marker takes the lowest row
 * whose previous label ends left of it. Pure; the chart offsets a label by its row.
 */
export function markerLanes(times: readonly number[], domain: readonly [number, number], widthPx: number): number[] {
  const [from, to] = domain;
  const span = to - from;
  const px = (t: number) => (span > 0 ? ((t - from) / span) * widthPx : 0);
  const order = times.map((t, i) => ({ x: px(t), i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const laneEnds = new Array<number>(MARKER_LANES).fill(-Infinity);
  const lanes = new Array<number>(times.length).fill(0);
  for (const { x, i } of order) {
    let lane = laneEnds.findIndex((end) => end <= x);
    // every row is taken: reuse the one that frees up first
    if (lane === -1) lane = laneEnds.indexOf(Math.min(...laneEnds));
    lanes[i] = lane;
    laneEnds[lane] = x + LABEL_PX;
  }
  return lanes;
}
