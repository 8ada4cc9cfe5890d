import type { KillRetry } from '../../../src-shared/domain/killRetry';
import type { RingsideApi } from '../../../src-shared/ipc/api';
import type { ErrorCode, Result } from '../../../src-shared/ipc/result';
import { currentApi } from './bridge';
import { disconnected } from './flagCommands';
import { settle } from './loadInto';
import { loadFlags } from './loaders';
import { opKey, type FlagOp, type RetryAction, type RetryCall } from './slices/flagOpsSlice';
import { useRingside } from './useRingside';

/** Failures the server may get over in a moment: worth sending the same kill again. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['unavailable', 'timeout', 'rate_limited']);

export type FailedOp = Extract<FlagOp, { status: 'failed' }>;

/** Whether a failed change is a kill that main could keep trying. */
export function canKeepTrying(op: FlagOp | undefined): op is FailedOp {
  return op?.status === 'failed' && TRANSIENT.has(op.error.code) && op.request.kind === 'enabled' && !op.request.enabled;
}

/** The retry that speaks for each cell: the one still trying, else the latest to have started. */
export function retriesByCell(retries: readonly KillRetry[]): Map<string, KillRetry> {
  const byCell = new Map<string, KillRetry>();
  for (const retry of retries) {
    const key = opKey(retry.flag, retry.environment);
    const held = byCell.get(key);
    const trying = retry.state === 'trying';
    const better = !held || (trying && held.state !== 'trying') || (trying === (held.state === 'trying') && retry.startedAt > held.startedAt);
    if (better) byCell.set(key, retry);
  }
  return byCell;
}

function writeCall(key: string, call: RetryCall | null): void {
  useRingside.setState((s) => {
    const { [key]: _old, ...rest } = s.retryCalls;
    return { retryCalls: call ? { ...rest, [key]: call } : rest };
  });
}

/** Put main's answer about a retry into the shown list, ahead of the reload that brings it too. */
function applyRetry(retry: KillRetry): void {
  useRingside.setState((s) => {
    const data = s.flags.data;
    if (!data) return {};
    const others = data.retries.filter((r) => r.flag !== retry.flag || r.environment !== retry.environment);
    return { flags: { ...s.flags, data: { ...data, retries: [retry, ...others] } } };
  });
}

/** One call about a cell's retry; while it is on its way a second one is ignored. Null when it failed. */
async function callMain<T>(
  flag: string,
  environment: string,
  action: RetryAction,
  send: (api: RingsideApi) => Promise<Result<T>>,
): Promise<T | null> {
  const key = opKey(flag, environment);
  if (useRingside.getState().retryCalls[key]?.status === 'pending') return null;
  const api = currentApi();
  if (!api) {
    writeCall(key, { status: 'failed', action, error: disconnected });
    return null;
  }
  writeCall(key, { status: 'pending', action });
  const result = await settle(() => send(api));
  if (!result.ok) {
    writeCall(key, { status: 'failed', action, error: result.error });
    return null;
  }
  writeCall(key, null);
  return result.value;
}

/**
 * Ask main to keep sending a kill that failed for a transient reason. The cell's failure note
 * gives way to the retry's own state, which flags:list reports as it progresses.
 */
export async function keepTrying(flag: string, environment: string): Promise<KillRetry | null> {
  const retry = await callMain(flag, environment, 'keepTrying', (api) => api.flags.keepTrying({ flag, environment }));
  if (!retry) return null;
  useRingside.setState((s) => {
    const { [opKey(flag, environment)]: _failed, ...flagOps } = s.flagOps;
    return { flagOps };
  });
  applyRetry(retry);
  void loadFlags();
  return retry;
}

/** Stop main keeping a kill trying; the flag stays as the server has it. */
export async function cancelRetry(flag: string, environment: string): Promise<boolean> {
  const answer = await callMain(flag, environment, 'cancel', (api) => api.flags.cancelRetry({ flag, environment }));
  if (!answer) return false;
  await loadFlags();
  return answer.cancelled;
}
