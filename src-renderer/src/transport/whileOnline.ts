import { buildApi, type Invoke, type RingsideApi } from '../../../src-shared/ipc/api';
import { fail } from '../../../src-shared/ipc/result';
import type { LivenessSource } from './liveness';

/**
 * Refuse every call while the core is known to be offline, before anything is sent. A kill sent
 * to a hung core would wait in its queue and happen minutes later, unseen; refused here, the
 * person is told nothing was changed and can try again once the console is back.
 */
export function whileOnline(invoke: Invoke, liveness: LivenessSource): Invoke {
  return (channel, request) => {
    const now = liveness.current();
    if (now.status !== 'offline') return invoke(channel, request);
    return Promise.resolve(
      now.reason === 'signed-out'
        ? fail('unauthorized', `Not sent: this page is no longer signed in to the Ringside core, so nothing was changed. Open the URL that \`npm run serve\` printed (it ends in ?token=…).`)
        : fail('offline', 'Not sent: the Ringside core is not answering, so nothing was changed. The console reloads by itself when it is back.'),
    );
  };
}

/** The same guard over an api object someone else built (the Electron preload's). */
export function guardApi(api: RingsideApi, liveness: LivenessSource): RingsideApi {
  const table = api as unknown as Record<string, Record<string, (request: unknown) => ReturnType<Invoke>>>;
  const invoke: Invoke = (channel, request) => {
    const [domain, verb] = channel.split(':') as [string, string];
    return table[domain]![verb]!(request);
  };
  return buildApi(whileOnline(invoke, liveness));
}
