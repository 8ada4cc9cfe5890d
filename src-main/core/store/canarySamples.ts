import type { Database } from 'better-sqlite3';
import type { CanaryGroup, MetricSeries } from '../../../src-shared/domain/canary';

/**
 * Samples per release, metric and side; NaN is stored as NULL and read back as NaN.
 *
 * Every verdict stores its whole window again (720 points a series, every step), nearly all of
 * them already stored with the same value: such a point is left alone (the upsert's WHERE), so
 * only new or changed points write a page, and a live session's -wal grows by its new samples only.
 */
export function canarySampleQueries(db: Database) {
  const upsert = db.prepare(
    `INSERT INTO canary_sample (workspace, release, metric, grp, t, v) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace, release, metric, grp, t) DO UPDATE SET v = excluded.v WHERE v IS NOT excluded.v`,
  );
  const select = db.prepare<[string, string, number, number], { metric: string; grp: CanaryGroup; t: number; v: number | null }>(
    `SELECT metric, grp, t, v FROM canary_sample WHERE workspace = ? AND release = ? AND t BETWEEN ? AND ?
     ORDER BY metric, grp, t`,
  );
  // The release's series one seek at a time (a DISTINCT would read every sample of a week-long canary).
  const nextSeries = db.prepare<[string, string, string, string], { metric: string; grp: CanaryGroup }>(
    `SELECT metric, grp FROM canary_sample WHERE workspace = ? AND release = ? AND (metric, grp) > (?, ?)
     ORDER BY metric, grp LIMIT 1`,
  );
  const seriesOf = (workspace: string, release: string) => {
    const found: { metric: string; grp: CanaryGroup }[] = [];
    for (let at = nextSeries.get(workspace, release, '', ''); at; at = nextSeries.get(workspace, release, at.metric, at.grp)) found.push(at);
    return found;
  };
  // One range of the primary key per series: the delete reads only the rows it removes.
  const deleteBefore = db.prepare<[string, string, string, string, number]>(
    'DELETE FROM canary_sample WHERE workspace = ? AND release = ? AND metric = ? AND grp = ? AND t < ?',
  );
  const store = db.transaction((workspace: string, release: string, series: MetricSeries[]) => {
    let written = 0;
    for (const s of series) {
      for (const [t, v] of s.points) written += upsert.run(workspace, release, s.metric, s.group, t, Number.isFinite(v) ? v : null).changes;
    }
    return written;
  });
  const prune = db.transaction((workspace: string, release: string, before: number) => {
    let removed = 0;
    for (const { metric, grp } of seriesOf(workspace, release)) removed += deleteBefore.run(workspace, release, metric, grp, before).changes;
    return removed;
  });
  return {
    /** Store what was read; answers how many points were new or changed (the rest wrote nothing). */
    store(workspace: string, release: string, series: MetricSeries[]): number {
      return store(workspace, release, series);
    },
    read(workspace: string, release: string, from: number, to: number): MetricSeries[] {
      const bySeries = new Map<string, MetricSeries>();
      for (const row of select.all(workspace, release, from, to)) {
        const key = `${row.metric}\u0000${row.grp}`;
        let series = bySeries.get(key);
        if (!series) bySeries.set(key, (series = { metric: row.metric, group: row.grp, points: [] }));
        series.points.push([row.t, row.v ?? Number.NaN]);
      }
      return [...bySeries.values()];
    },
    /** Remove a release's samples older than `before` (ms); answers how many went. */
    prune(workspace: string, release: string, before: number): number {
      return prune(workspace, release, before);
    },
  };
}
export type CanarySampleQueries = ReturnType<typeof canarySampleQueries>;
