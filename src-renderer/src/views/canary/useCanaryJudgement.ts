import { useEffect, useRef, useState } from 'react';
import type { ChartMarker, Verdict } from '../../../../src-shared/domain/verdict';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { currentApi } from '../../store/bridge';
import { canaryWindow } from '../../store/loaders';

export interface Judgement {
  verdict: Verdict | null;
  markers: ChartMarker[];
  error: IpcError | null;
}

/**
 * The selected release's verdict and chart markers, re-read on every refresh tick and whenever
 * `changed` does (a pushed verdict change): the view shows the core's one judgement, not an echo.
 */
export function useCanaryJudgement(releaseId: string | null, refreshMs: number, at: number | null = null, changed: unknown = null): Judgement {
  const [state, setState] = useState<Judgement>({ verdict: null, markers: [], error: null });
  const read = useRef<() => Promise<void>>(async () => {});
  useEffect(() => {
    if (!releaseId) return;
    let live = true;
    setState({ verdict: null, markers: [], error: null });
    read.current = async () => {
      const api = currentApi();
      if (!api) return;
      const { from, to } = canaryWindow();
      const [verdict, markers] = await Promise.all([
        api.canary.judge({ releaseId }),
        api.canary.markers({ releaseId, from, to: Math.max(to, from + 1) }),
      ]);
      if (!live) return;
      setState((before) => ({
        // A failed refresh keeps the last verdict on screen beside its error.
        verdict: verdict.ok ? verdict.value : before.verdict,
        markers: markers.ok ? markers.value.markers : before.markers,
        error: !verdict.ok ? verdict.error : !markers.ok ? markers.error : null,
      }));
    };
    void read.current();
    const timer = setInterval(() => void read.current(), refreshMs);
    return () => {
      live = false;
      read.current = async () => {};
      clearInterval(timer);
    };
  }, [releaseId, refreshMs, at]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (changed !== null) void read.current();
  }, [changed]);
  return state;
}
