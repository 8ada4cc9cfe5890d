import { buildApi, type RingsideBridge } from '../../../src-shared/ipc/api';
import { withValidatedEvents } from './eventPayload';
import { createEventSocket, eventsUrl } from './eventSocket';
import { createLoopbackInvoke } from './loopbackInvoke';

export interface Transport {
  kind: 'electron' | 'loopback';
  bridge: RingsideBridge;
  /** Called after the event channel reconnects, so the owner can reload what it may have missed. */
  onReconnect(callback: () => void): () => void;
  close(): void;
}

/** The Electron preload bridge when present, else the loopback HTTP + WebSocket bridge of `npm run serve`. */
export function chooseTransport(win: Window = window): Transport {
  if (win.ringside) {
    return { kind: 'electron', bridge: withValidatedEvents(win.ringside), onReconnect: () => () => {}, close: () => {} };
  }
  const socket = createEventSocket({ url: eventsUrl(win.location) });
  const api = buildApi(createLoopbackInvoke({ host: win.location.host }));
  return {
    kind: 'loopback',
    bridge: { api, subscribe: socket.subscribe },
    onReconnect: socket.onReconnect,
    close: socket.close,
  };
}
