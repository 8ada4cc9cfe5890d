import type { RingsideApi } from '../../../src-shared/ipc/api';
import { fail, type Result } from '../../../src-shared/ipc/result';
import { currentApi } from './bridge';
import type { Remote } from './remote';
import type { RingsideState } from './types';
import { useRingside } from './useRingside';

export type RemoteKey = {
  [K in keyof RingsideState]: RingsideState[K] extends Remote<unknown> ? K : never;
}[keyof RingsideState];
type DataOf<K extends RemoteKey> = RingsideState[K] extends Remote<infer T> ? T : never;

/** The latest request per key wins: an older answer arriving late must not overwrite a newer one. */
const tickets = new Map<RemoteKey, number>();

/** A call that threw (a transport bug, not a handler's typed error) still ends as a Result. */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    return fail('internal', `Ringside could not reach its core: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Call the api and keep `{ data, error, loading }` of one store key; returns whether it succeeded. */
export async function loadInto<K extends RemoteKey>(
  key: K,
  call: (api: RingsideApi) => Promise<Result<DataOf<K>>>,
): Promise<boolean> {
  const api = currentApi();
  if (!api) return false;
  const ticket = (tickets.get(key) ?? 0) + 1;
  tickets.set(key, ticket);
  const write = (patch: Partial<Remote<DataOf<K>>>) =>
    useRingside.setState((state) => ({ [key]: { ...state[key], ...patch } }) as unknown as Partial<RingsideState>);

  write({ loading: true });
  const result = await settle(() => call(api));
  if (tickets.get(key) !== ticket) return false;
  if (result.ok) write({ data: result.value, error: null, loading: false });
  else write({ error: result.error, loading: false });
  return result.ok;
}
