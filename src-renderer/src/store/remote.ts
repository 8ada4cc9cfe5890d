import type { IpcError } from '../../../src-shared/ipc/result';

/** Data fetched from main: the last good value stays visible beside a later error. */
export interface Remote<T> {
  data: T | null;
  error: IpcError | null;
  loading: boolean;
}

export const idle = <T>(): Remote<T> => ({ data: null, error: null, loading: false });
