import { useEffect, useMemo } from 'react';
import type { MetricSeries, Release } from '../../../../src-shared/domain/canary';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format/time';
import { loadCanarySeries, loadReleases } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { MetricPanel } from './MetricPanel';
import { useCanaryJudgement } from './useCanaryJudgement';
import { VerdictPanel } from './VerdictPanel';
import { decidedText } from './verdictText';
import { useRefreshInterval, REFRESH_CHOICES } from './useRefreshInterval';

const NO_SERIES: MetricSeries[] = [];

/** Canary against baseline for each metric of the selected release, refreshed every refreshMs. */
export function CanaryView({ refreshMs: fixedRefreshMs }: { refreshMs?: number }) {
  const [chosenRefreshMs, setRefreshMs] = useRefreshInterval();
  const refreshMs = fixedRefreshMs ?? chosenRefreshMs;
  const releases = useRingside((s) => s.releases);
  const selectedId = useRingside((s) => s.selectedReleaseId);
  const selectRelease = useRingside((s) => s.selectRelease);
  const series = useRingside((s) => s.series);
  const pushed = useRingside((s) => (selectedId ? s.verdicts[selectedId] : undefined));
  const canaryAt = useRingside((s) => s.canaryAt);
  const showCanaryAt = useRingside((s) => s.showCanaryAt);

  useEffect(() => {
    if (!selectedId) return;
    void loadCanarySeries();
    const id = setInterval(() => void loadCanarySeries(), refreshMs);
    return () => clearInterval(id);
  }, [selectedId, refreshMs, canaryAt]);

  const list = releases.data?.releases ?? [];
  const release = list.find((r) => r.id === selectedId) ?? null;
  // A pushed change of outcome makes the view read the judgement again; the badge shows that judgement.
  const judgement = useCanaryJudgement(selectedId, refreshMs, canaryAt, pushed ?? null);
  const verdict = judgement.verdict && judgement.verdict.releaseId === selectedId ? judgement.verdict : null;
  const current = series.data && series.data.releaseId === selectedId ? series.data : null;
  const from = current?.from;
  const to = current?.to;
  const domain = useMemo<[number, number] | null>(() => (from !== undefined && to !== undefined ? [from, to] : null), [from, to]);

  return (
    <section className="view-canary" aria-labelledby="canary-heading">
      <h2 id="canary-heading">Canary</h2>
      {releases.error && <ErrorNote floating error={releases.error} onRetry={() => void loadReleases()} />}
      {!releases.data && releases.loading && <p className="muted">Loading releases…</p>}
      {releases.data && list.length === 0 && <p className="muted">No release has a canary running.</p>}
      {list.length > 0 && (
        <div className="canary-toolbar">
          <label>
            Release{' '}
            <select value={selectedId ?? ''} onChange={(e) => selectRelease(e.target.value)}>
              {list.map((r) => (
                <option key={r.id} value={r.id}>
                  {releaseLabel(r)}
                </option>
              ))}
            </select>
          </label>
          {verdict && (
            <span className={`badge verdict verdict-${verdict.outcome}`} data-testid="canary-verdict" title={verdict.reason}>
              {verdict.outcome} · {decidedText(verdict)}
            </span>
          )}
          <label>
            Refresh every{' '}
            <select value={refreshMs} onChange={(e) => setRefreshMs(Number(e.target.value))}>
              {REFRESH_CHOICES.map((ms) => (
                <option key={ms} value={ms}>
                  {ms / 1000} s
                </option>
              ))}
            </select>
          </label>
          {series.loading && <span className="muted refreshing">refreshing…</span>}
        </div>
      )}
      {canaryAt !== null && selectedId && (
        <p className="stale-note" data-testid="canary-pinned">
          Showing the hour around <time dateTime={new Date(canaryAt).toISOString()}>{formatDateTime(canaryAt)}</time>, opened from the
          audit; the verdict is the current one.{' '}
          <button type="button" onClick={() => showCanaryAt(selectedId, null)}>
            Back to live
          </button>
        </p>
      )}
      {series.error && <ErrorNote floating error={series.error} onRetry={() => void loadCanarySeries()} />}
      {judgement.error && <ErrorNote floating error={judgement.error} />}
      {release && verdict && <VerdictPanel verdict={verdict} metrics={release.metrics} />}
      {release && (
        <div className="canary-grid">
          {release.metrics.map((metric) => (
            <MetricPanel
              key={metric.id}
              metric={metric}
              series={current?.series ?? NO_SERIES}
              domain={domain}
              markers={judgement.markers}
              judged={verdict?.metrics.find((m) => m.id === metric.id) ?? null}
              judgedWindow={verdict?.window ?? null}
            />
          ))}
        </div>
      )}
    </section>
  );
}

const releaseLabel = (r: Release) => `${r.service} ${r.version}${r.rollout ? ` (rollout ${r.rollout})` : ''}`;
