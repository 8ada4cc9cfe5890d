import {
  channelNames,
  type ChannelName,
  type EventName,
  type PayloadOf,
  type RequestOf,
  type ResponseOf,
} from './contract';
import type { Result } from './result';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;

/** `api.flags.list(req)` for channel `flags:list`: one typed function per channel, derived. */
export type RingsideApi = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as C extends `${D}:${infer V}` ? V : never]: (
      request: RequestOf<C>,
    ) => Promise<Result<ResponseOf<C>>>;
  };
};

export type Subscribe = <E extends EventName>(event: E, callback: (payload: PayloadOf<E>) => void) => () => void;

/** What a transport (preload bridge or loopback) gives the renderer. */
export interface RingsideBridge {
  api: RingsideApi;
  subscribe: Subscribe;
}

export type Invoke = (channel: ChannelName, request: unknown) => Promise<Result<unknown>>;

/** Build the typed api object from one generic invoke function. */
export function buildApi(invoke: Invoke): RingsideApi {
  const api: Record<string, Record<string, (request: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of channelNames) {
    const [domain, verb] = channel.split(':') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (request: unknown) => invoke(channel, request);
  }
  return api as unknown as RingsideApi;
}
