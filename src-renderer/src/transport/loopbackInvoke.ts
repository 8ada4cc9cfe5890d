import type { Invoke } from '../../../src-shared/ipc/api';
import { fail, ResultEnvelope, type Result } from '../../../src-shared/ipc/result';

export interface LoopbackOptions {
  fetch?: typeof fetch;
  /** host:port of the serve process, for messages; defaults to the page's own. */
  host?: string;
  /** the workspace this page works in (its ?workspace= address); null: the console's default */
  workspace?: string | null;
}

/** Invoke over `npm run serve`'s HTTP endpoint; every failure becomes a Result a person can act on. */
export function createLoopbackInvoke(options: LoopbackOptions = {}): Invoke {
  const host = options.host ?? window.location.host;
  const notAnswering = `The Ringside core at ${host} is not answering; is \`npm run serve\` still running?`;

  return async (channel, request) => {
    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch('/api/invoke/' + channel, {
        method: 'POST',
        headers: options.workspace ? { 'content-type': 'application/json', 'x-ringside-workspace': options.workspace } : { 'content-type': 'application/json' },
        body: JSON.stringify(request ?? {}),
        credentials: 'same-origin',
      });
    } catch {
      return fail('unavailable', notAnswering);
    }
    if (response.status === 401) {
      return fail(
        'unauthorized',
        `This page is not signed in to the Ringside core at ${host}: open the URL with the token that \`npm run serve\` printed (it ends in ?token=…).`,
      );
    }
    const body = await readJson(response);
    const envelope = ResultEnvelope.safeParse(body);
    if (envelope.success) return envelope.data as Result<unknown>;
    if (response.status === 403 || response.status === 421) {
      return fail('forbidden', `The Ringside core at ${host} refused this page (HTTP ${response.status}); open the URL that \`npm run serve\` printed.`);
    }
    return fail(
      'unavailable',
      `The Ringside core at ${host} answered ${channel} with something that is not a Ringside response (HTTP ${response.status}); is \`npm run serve\` still running?`,
    );
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}
