import type { KubeRollout } from './kubeSchemas';

/**
 * Reading a Rollout back after an action until the controller has seen the change, so that the
 * phase Ringside reports is the controller's answer to the action and not the status it wrote
 * before it.
 */

export interface FreshnessOptions {
  /** waits between read-backs; ~5 s in all by default */
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 600, 700, 750, 750, 750, 750];
export const NOT_PICKED_UP = 'the controller has not picked it up yet';

const meta = (o: KubeRollout) => o.metadata as { generation?: unknown; resourceVersion?: string };
const generationOf = (o: KubeRollout): number | null => (typeof meta(o).generation === 'number' ? (meta(o).generation as number) : null);

/**
 * Argo's rule (utils/rollout isGenerationObserved): status.observedGeneration is a string; from
 * v0.10 on it holds the generation in decimal, before that a hash of the spec, which says nothing
 * about the generation and so counts as observed. A number (some forks write one) is read the same.
 */
export function generationObserved(object: KubeRollout): boolean {
  const raw = (object.status as { observedGeneration?: unknown } | null | undefined)?.observedGeneration;
  const generation = generationOf(object);
  const text = raw === undefined || raw === null ? '' : String(raw);
  if (generation === null || !/^\d+$/.test(text)) return true;
  return Number(text) >= generation;
}

/** status.controllerPause with no pause conditions left: a promote the controller has not acted on. */
export function unpausing(object: KubeRollout): boolean {
  return Boolean(object.status?.controllerPause) && (object.status?.pauseConditions ?? []).length === 0;
}

/**
 * Whether `object` answers the action whose last write returned `written` (read before as `before`):
 * the controller observed the generation the write produced, wrote status since (a status-only patch
 * moves no generation, so the controller's own write is the sign it reconciled), and is not halfway
 * through an unpause. A write that changed nothing needs no answer.
 */
export function isFresh(object: KubeRollout, written: KubeRollout, before: KubeRollout | null): boolean {
  const writtenVersion = meta(written).resourceVersion;
  if (before && meta(before).resourceVersion === writtenVersion) return generationObserved(object);
  if ((generationOf(object) ?? 0) < (generationOf(written) ?? 0)) return false;
  return generationObserved(object) && meta(object).resourceVersion !== writtenVersion && !unpausing(object);
}

export interface FreshRead {
  object: KubeRollout;
  fresh: boolean;
  reads: number;
}

/** Reads back with growing waits until `isFresh`, at most `delaysMs.length` times. */
export async function readUntilFresh(
  read: () => Promise<KubeRollout>,
  written: KubeRollout,
  before: KubeRollout | null,
  options: FreshnessOptions = {},
): Promise<FreshRead> {
  const delays = options.delaysMs ?? DEFAULT_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (isFresh(written, written, before)) return { object: written, fresh: true, reads: 0 };
  let object = written;
  for (let i = 0; i < delays.length; i++) {
    await sleep(delays[i]!);
    object = await read();
    if (isFresh(object, written, before)) return { object, fresh: true, reads: i + 1 };
  }
  return { object, fresh: false, reads: delays.length };
}
