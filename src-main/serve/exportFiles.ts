import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Only names the console gives its exports: no path, no dots but the extension. */
const EXPORT_NAME = /^audit-[a-z0-9-]{1,120}\.(csv|jsonl)$/;

const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

/**
 * Offer a finished audit export from the data folder's exports/ as a download, streamed. The
 * request has already passed the token check; the name is matched whole, so nothing outside
 * exports/ can be named.
 */
export async function sendExport(req: IncomingMessage, res: ServerResponse, exportsDir: string | undefined, name: string): Promise<void> {
  const notFound = () => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    res.end('No such export. Exports are written by the Audit view into the data folder\'s exports/.');
  };
  if (!exportsDir || !EXPORT_NAME.test(name)) return notFound();
  const file = join(exportsDir, name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound();
  res.writeHead(200, {
    'content-type': TYPES[name.split('.').pop()!]!,
    'content-length': info.size,
    'content-disposition': `attachment; filename="${name}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
