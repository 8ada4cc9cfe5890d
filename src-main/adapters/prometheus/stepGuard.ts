import { RingsideError } from '../../../src-shared/ipc/result';

/** Prometheus refuses a range query whose series would hold more than 11,000 points. */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * The step to ask for. A step that would give more than 11,000 points is RAISED (to whole
 * seconds, like the core's chooseStepMs) rather than refused: the step is only the evaluation
 * resolution, every returned point carries its own timestamp, and a chart or a judge asking for
 * too fine a step wants the range more than the resolution. Nonsense input is a bad_request.
 */
export function guardStep(start: number, end: number, stepMs: number, maxPoints = MAX_POINTS_PER_SERIES): number {
  if (![start, end, stepMs].every(Number.isFinite)) {
    throw new RingsideError('bad_request', 'A metrics range needs finite start, end and step.');
  }
  if (end < start) throw new RingsideError('bad_request', 'A metrics range must not end before it starts.');
  if (stepMs <= 0) throw new RingsideError('bad_request', `A metrics step must be positive (got ${stepMs} ms).`);
  const step = Math.ceil(stepMs);
  const span = end - start;
  if (Math.floor(span / step) + 1 <= maxPoints) return step;
  return Math.ceil(span / (maxPoints - 1) / 1000) * 1000;
}
