import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HEARTBEAT_EVERY_MS, events, type PayloadOf } from '../../src-shared/ipc/contract';
import { hears, type EventBus } from '../core/events';

export interface EventSocketOptions {
  /** How often backends are polled, told to the page in each heartbeat (0: not polled). */
  pollMs?: number;
  heartbeatMs?: number;
}

/**
 * Push events over WebSocket, one JSON message `{ event, payload }` each, plus an `app:heartbeat`
 * on connect and every heartbeatMs. The heartbeat is sent by this process's own event loop, so
 * when the core hangs or dies the page stops hearing it and says so, even if the socket stays open.
 */
export function createEventSocket(bus: EventBus, options: EventSocketOptions = {}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const everyMs = options.heartbeatMs ?? HEARTBEAT_EVERY_MS;
  const beat = JSON.stringify({
    event: 'app:heartbeat',
    payload: events['app:heartbeat'].payload.parse({ everyMs, pollMs: options.pollMs ?? 0 } satisfies PayloadOf<'app:heartbeat'>),
  });
  const sendBeat = (socket: WebSocket) => {
    if (socket.readyState === socket.OPEN) socket.send(beat);
  };
  const timer = setInterval(() => wss.clients.forEach(sendBeat), everyMs);
  timer.unref();

  wss.on('connection', (socket: WebSocket, _req: IncomingMessage, workspace: string) => {
    // A tab hears its own workspace's events and the console's, never another workspace's.
    const dispose = bus.onAny((event, payload, scope) => {
      if (hears(workspace, scope) && socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
    });
    socket.on('close', dispose);
    socket.on('error', dispose);
    // The first beat at once: a page that reconnects is back online without waiting a period.
    sendBeat(socket);
    // The channel is one-way; anything a client sends is ignored.
  });
  return {
    /** Accept a page's event socket for the workspace it works in. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, workspace: string) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, workspace));
    },
    close() {
      clearInterval(timer);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
