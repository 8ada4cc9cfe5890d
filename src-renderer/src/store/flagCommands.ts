import type { Flag } from '../../../src-shared/domain/flag';
import type { IpcError, Result } from '../../../src-shared/ipc/result';
import { currentApi } from './bridge';
import { settle } from './loadInto';
import { loadFlags } from './loaders';
import { opKey, type BulkKill, type FlagOp, type FlagOpRequest } from './slices/flagOpsSlice';
import { useRingside } from './useRingside';

export const disconnected: IpcError = { code: 'unavailable', message: 'The Ringside core is not connected; nothing was changed.' };

/** The request as the contract takes it (strict: no extra keys). */
function withoutKind<T extends { kind: string }>(request: T): Omit<T, 'kind'> {
  const { kind: _kind, ...body } = request;
  return body;
}

const writeOp = (key: string, op: FlagOp) => useRingside.setState((s) => ({ flagOps: { ...s.flagOps, [key]: op } }));

/** Put a state the server has just read back into the shown list, ahead of the full reload. */
function applyConfirmed(request: FlagOpRequest): void {
  useRingside.setState((s) => {
    const data = s.flags.data;
    if (!data) return {};
    const patch = (flag: Flag): Flag =>
      flag.name !== request.flag
        ? flag
        : {
            ...flag,
            environments: flag.environments.map((e) => {
              if (e.environment !== request.environment) return e;
              if (request.kind === 'enabled') return { ...e, enabled: request.enabled };
              const strategies = e.strategies.map((st) => (st.id === request.strategyId ? { ...st, rollout: request.rollout } : st));
              return { ...e, strategies };
            }),
          };
    return { flags: { ...s.flags, data: { ...data, flags: data.flags.map(patch) } } };
  });
}

/**
 * Send one flag change. The cell reads "pending" until the server confirmed it; after a failure
 * it stays pending until a reload has shown the flag's true state, so it never shows a guess.
 * A second change to the same cell while one is pending is ignored.
 */
export async function runFlagOp(request: FlagOpRequest): Promise<FlagOp> {
  const key = opKey(request.flag, request.environment);
  const running = useRingside.getState().flagOps[key];
  if (running?.status === 'pending') return running;
  const api = currentApi();
  if (!api) {
    const op: FlagOp = { status: 'failed', request, error: disconnected };
    writeOp(key, op);
    return op;
  }
  writeOp(key, { status: 'pending', request });
  const send = (): Promise<Result<{ confirmedAt: number }>> =>
    request.kind === 'enabled' ? api.flags.setEnabled(withoutKind(request)) : api.flags.setRollout(withoutKind(request));
  const result = await settle(send);
  let op: FlagOp;
  if (result.ok) {
    applyConfirmed(request);
    op = { status: 'confirmed', request, confirmedAt: result.value.confirmedAt };
    writeOp(key, op);
    void loadFlags();
  } else {
    await loadFlags();
    op = { status: 'failed', request, error: result.error };
    writeOp(key, op);
  }
  return op;
}

/** The kill, as one click sends it: no reason, no dialog. */
export const killFlag = (flag: string, environment: string) =>
  runFlagOp({ kind: 'enabled', flag, environment, enabled: false });

/** Send the failed change of a cell again, exactly as it was asked for. */
export function retryFlagOp(flag: string, environment: string): Promise<FlagOp> | null {
  const op = useRingside.getState().flagOps[opKey(flag, environment)];
  return op?.status === 'failed' ? runFlagOp(op.request) : null;
}

const writeBulk = (bulkKill: BulkKill) => useRingside.setState({ bulkKill });

/** Turn off every flag carrying `tag` (type:value) in one environment; main answers per flag. */
export async function killByTag(tag: string, environment: string): Promise<void> {
  if (useRingside.getState().bulkKill.status === 'pending') return;
  const api = currentApi();
  if (!api) return writeBulk({ status: 'failed', tag, environment, error: disconnected });
  writeBulk({ status: 'pending', tag, environment });
  const result = await settle(() => api.flags.killByTag({ tag, environment }));
  await loadFlags();
  writeBulk(
    result.ok
      ? { status: 'done', tag, environment, results: result.value.results }
      : { status: 'failed', tag, environment, error: result.error },
  );
}

export const clearBulkKill = () => writeBulk({ status: 'idle' });
