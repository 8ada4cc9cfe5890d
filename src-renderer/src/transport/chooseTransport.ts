import { buildApi, type RingsideBridge } from '../../../src-shared/ipc/api';
import { withValidatedEvents } from './eventPayload';
import { createEventSocket, eventsUrl } from './eventSocket';
import { createLivenessMonitor, type LivenessOptions, type LivenessSource } from './liveness';
import { createLoopbackInvoke } from './loopbackInvoke';
import { guardApi, whileOnline } from './whileOnline';
import { currentWorkspaceId } from './workspaceScope';

export interface Transport {
  kind: 'electron' | 'loopback';
  bridge: RingsideBridge;
  /** Called when the core answers again after being offline, so the owner can reload what it may have missed. */
  onReconnect(callback: () => void): () => void;
  /** Whether the core answers, from its heartbeat and the channel's state. */
  liveness: LivenessSource;
  close(): void;
}

export interface TransportOptions {
  liveness?: Omit<LivenessOptions, 'via'>;
  /** for tests: a fake WebSocket class in place of the browser's */
  WebSocket?: typeof WebSocket;
}

/** The Electron preload bridge when present, else the loopback HTTP + WebSocket bridge of `npm run serve`. */
export function chooseTransport(win: Window = window, options: TransportOptions = {}): Transport {
  if (win.ringside) {
    const liveness = createLivenessMonitor({ ...options.liveness, via: 'electron' });
    const validated = withValidatedEvents(win.ringside);
    const stopBeats = validated.subscribe('app:heartbeat', (beat) => liveness.beat(beat));
    return {
      kind: 'electron',
      bridge: { api: guardApi(validated.api, liveness), subscribe: validated.subscribe },
      onReconnect: liveness.onBack,
      liveness,
      close: () => {
        stopBeats();
        liveness.dispose();
      },
    };
  }
  const liveness = createLivenessMonitor({ ...options.liveness, via: 'loopback' });
  const invoke = createLoopbackInvoke({ host: win.location.host, workspace: currentWorkspaceId(win.location) });
  // A browser cannot read why an upgrade failed; an ordinary request can: 401 means a new token.
  const probe = async () => {
    const answer = await invoke('app:info', {});
    if (!answer.ok && answer.error.code === 'unauthorized') liveness.lost('signed-out');
  };
  const socket = createEventSocket({ url: eventsUrl(win.location), liveness, onRefused: () => void probe(), WebSocket: options.WebSocket });
  return {
    kind: 'loopback',
    bridge: { api: buildApi(whileOnline(invoke, liveness)), subscribe: socket.subscribe },
    onReconnect: liveness.onBack,
    liveness,
    close: () => {
      socket.close();
      liveness.dispose();
    },
  };
}
