import { Agent, request } from 'node:http';
import type { RunningServer } from '../server';

export interface InvokeReply {
  status: number;
  type: string;
  body: string;
}

/**
 * POSTs JSON text to /api/invoke/<channel> as the console's page does (bearer token, own Host,
 * application/json), over one kept-alive connection so thousands of cases stay quick. A server may
 * close an idle kept-alive socket just as a request goes out on it; Node's documented answer is to
 * send that request again once, on a fresh socket (only then: any other error fails the case).
 */
export function invokeClient(server: RunningServer) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = (body: string) => ({
    host: `127.0.0.1:${server.port}`,
    authorization: `Bearer ${server.token}`,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });

  const once = (channel: string, body: string) =>
    new Promise<InvokeReply>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/invoke/${channel}`, method: 'POST', agent, headers: headers(body) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(Object.assign(error, { retry: req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') })),
      );
      req.end(body);
    });

  return {
    async post(channel: string, body: string): Promise<InvokeReply> {
      try {
        return await once(channel, body);
      } catch (error) {
        if ((error as { retry?: boolean }).retry) return once(channel, body);
        throw error;
      }
    },
    close: () => agent.destroy(),
  };
}
