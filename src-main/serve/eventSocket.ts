import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventBus } from '../core/events';

/** Push events over WebSocket, one JSON message `{ event, payload }` each. */
export function createEventSocket(bus: EventBus) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  wss.on('connection', (socket) => {
    const dispose = bus.onAny((event, payload) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }));
    });
    socket.on('close', dispose);
    socket.on('error', dispose);
    // The channel is one-way; anything a client sends is ignored.
  });
  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
