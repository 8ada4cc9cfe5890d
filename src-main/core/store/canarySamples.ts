import type { Database } from 'better-sqlite3';
import type { CanaryGroup, MetricSeries } from '../../../src-shared/domain/canary';

/** Samples per release, metric and side; NaN is stored as NULL and read back as NaN. */
export function canarySampleQueries(db: Database) {
  const upsert = db.prepare(
    `INSERT INTO canary_sample (workspace, release, metric, grp, t, v) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace, release, metric, grp, t) DO UPDATE SET v = excluded.v`,
  );
  const select = db.prepare<[string, string, number, number], { metric: string; grp: CanaryGroup; t: number; v: number | null }>(
    `SELECT metric, grp, t, v FROM canary_sample WHERE workspace = ? AND release = ? AND t BETWEEN ? AND ?
     ORDER BY metric, grp, t`,
  );
  const store = db.transaction((workspace: string, release: string, series: MetricSeries[]) => {
    for (const s of series) {
      for (const [t, v] of s.points) upsert.run(workspace, release, s.metric, s.group, t, Number.isFinite(v) ? v : null);
    }
  });
  return {
    store(workspace: string, release: string, series: MetricSeries[]): void {
      store(workspace, release, series);
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
  };
}
export type CanarySampleQueries = ReturnType<typeof canarySampleQueries>;
