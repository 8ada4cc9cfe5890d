import { channels, type ChannelName } from '../../src-shared/ipc/contract';
import { parseRequest } from '../../src-shared/ipc/parse';
import { fail, ok, RingsideError, type Result } from '../../src-shared/ipc/result';
import type { Handlers } from './handlers';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/**
 * The single entry for both transports: check the channel and payload against the contract, run the
 * handler, and turn every failure into a typed error. Nothing a renderer sends can make it throw.
 */
export function createDispatch(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (channel, payload) => {
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return parsed;
    const name = channel as ChannelName;
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      const value = await handler(parsed.request);
      const checked = channels[name].response.safeParse(value);
      if (!checked.success) {
        log(`${name}: handler answered outside the contract: ${checked.error.message}`);
        return fail('internal', `Ringside produced an invalid answer for ${name}; this is a bug, please report it.`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof RingsideError) return fail(error.code, error.message);
      log(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const message = error instanceof Error ? error.message : String(error);
      return fail('internal', `Ringside hit an unexpected error in ${name}: ${message.slice(0, 300)}`);
    }
  };
}
