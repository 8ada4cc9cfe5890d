import { connect, type Socket } from 'node:net';

/** An HTTP/1.1 answer read off a raw socket. */
export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A client that speaks TCP, not HTTP: it can send half a request, dribble bytes, pipeline, or open
 * connections it never uses — what a hostile client does and node:http's own client will not.
 */
export interface RawClient {
  socket: Socket;
  /** every byte the server sent so far */
  received(): string;
  /** resolves when the server (or the client) closed the connection */
  closed: Promise<void>;
  /** the answers complete so far, in order */
  replies(): RawReply[];
  /** wait until `count` answers have arrived */
  waitReplies(count: number): Promise<RawReply[]>;
}

export function rawConnect(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const waiters: (() => void)[] = [];
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      waiters.splice(0).forEach((wake) => wake());
    });
    // the server may reset a connection it refuses; that is an outcome, not a test failure
    socket.on('error', () => {});
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    void closed.then(() => waiters.splice(0).forEach((wake) => wake()));
    const client: RawClient = {
      socket,
      received: () => text,
      closed,
      replies: () => parseReplies(text),
      waitReplies: async (count) => {
        for (;;) {
          const replies = parseReplies(text);
          if (replies.length >= count) return replies;
          if (socket.destroyed) throw new Error(`connection closed after ${replies.length} of ${count} answers: ${JSON.stringify(text.slice(0, 300))}`);
          await new Promise<void>((wake) => waiters.push(wake));
        }
      },
    };
    socket.once('connect', () => resolve(client));
    socket.once('error', reject);
  });
}

/** Answers with a content-length body (every answer this server gives has one). */
export function parseReplies(text: string): RawReply[] {
  const replies: RawReply[] = [];
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return replies;
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const bodyStart = end + 4;
    if (rest.length < bodyStart + length) return replies;
    replies.push({ status: Number(statusLine!.split(' ')[1]), headers, body: Buffer.from(rest.slice(bodyStart, bodyStart + length), 'latin1').toString('utf8') });
    rest = rest.slice(bodyStart + length);
  }
}

/** Write `text` a byte at a time every `everyMs` until the connection closes; answers how many bytes went out. */
export async function dribble(client: RawClient, text: string, everyMs: number): Promise<number> {
  let sent = 0;
  for (const char of text) {
    if (client.socket.destroyed || client.socket.writableEnded) break;
    client.socket.write(char);
    sent += 1;
    const stop = await Promise.race([client.closed.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), everyMs))]);
    if (stop) break;
  }
  return sent;
}

/**
 * Push `total` bytes of body as fast as the connection takes them, waiting on 'drain' like a
 * streaming client; answers how many bytes the socket accepted before the server closed it.
 */
export function pump(client: RawClient, total: number, chunked = false): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const frame = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
  return new Promise((resolve) => {
    let accepted = 0;
    const write = () => {
      while (accepted < total && !client.socket.destroyed) {
        accepted += chunk.length;
        if (!client.socket.write(frame)) return void client.socket.once('drain', write);
      }
    };
    void client.closed.then(() => resolve(accepted));
    write();
  });
}
