import { channels, type ChannelName } from '../../src-shared/ipc/contract';
import { parseRequest } from '../../src-shared/ipc/parse';
import { fail, ok, RingsideError, type Result } from '../../src-shared/ipc/result';
import type { Handlers } from './handlers';
import { maskSecrets } from './security/secretMask';

/**
 * `scope` is the workspace the calling window or tab works in (its `?workspace=` address), as the
 * transport saw it; null or absent: the console's default workspace.
 */
export type Dispatch = (channel: unknown, payload: unknown, scope?: string | null) => Promise<Result<unknown>>;

/** The handler for a channel in a scope (the scope's session, or a console-wide one). */
export type HandlerFor = (channel: ChannelName, scope: string | null) => Promise<(request: unknown) => Promise<unknown>>;

/**
 * The single entry for both transports: check the channel and payload against the contract, run the
 * handler, and turn every failure into a typed error. Nothing a renderer sends can make it throw,
 * and no configured secret leaves in an answer.
 */
export function createDispatch(handlers: Handlers | HandlerFor, log: (message: string) => void = console.error): Dispatch {
  const handlerFor: HandlerFor =
    typeof handlers === 'function' ? handlers : async (name) => handlers[name] as (request: unknown) => Promise<unknown>;
  return async (channel, payload, scope = null) => {
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return parsed;
    const name = channel as ChannelName;
    try {
      const handler = await handlerFor(name, scope);
      const value = await handler(parsed.request);
      const checked = channels[name].response.safeParse(value);
      if (!checked.success) {
        log(`${name}: handler answered outside the contract: ${maskSecrets(checked.error.message)}`);
        return fail('internal', `Ringside produced an invalid answer for ${name}; this is a bug, please report it.`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof RingsideError) return fail(error.code, maskSecrets(error.message), error.permission);
      log(`${name}: ${maskSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
      const message = error instanceof Error ? error.message : String(error);
      return fail('internal', `Ringside hit an unexpected error in ${name}: ${maskSecrets(message).slice(0, 300)}`);
    }
  };
}
