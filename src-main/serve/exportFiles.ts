import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXPORT_NAME, removeExport } from '../core/audit/exportRetention';
import { sendError } from './reply';

const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

/**
 * Offer a finished audit export from the data folder's exports/ as a download, streamed. The
 * request has already passed the token check; the name is matched whole, so nothing outside
 * exports/ can be named. A copy of the audit trail should not outlive its purpose on a server:
 * once the whole file has been handed to the client it is removed (an interrupted download
 * keeps it for another try, until the retention prunes it).
 */
export async function sendExport(req: IncomingMessage, res: ServerResponse, exportsDir: string | undefined, name: string): Promise<void> {
  const notFound = () =>
    sendError(res, 404, 'not_found', 'No such export: it was downloaded already (each is offered once) or removed after a day. Export again from the Audit view.');
  if (!exportsDir || !EXPORT_NAME.test(name)) return notFound();
  const file = join(exportsDir, name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound();
  const stream = createReadStream(file);
  // Opened before the answer starts: a file pruned in between is a 404, not a broken 200.
  const opened = await new Promise<boolean>((resolve) => {
    stream.once('open', () => resolve(true));
    stream.once('error', () => resolve(false));
  });
  if (!opened) return notFound();
  res.writeHead(200, {
    'content-type': TYPES[name.split('.').pop()!]!,
    'content-length': info.size,
    'content-disposition': `attachment; filename="${name}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    stream.destroy();
    return void res.end();
  }
  await new Promise<void>((resolve) => {
    res.once('finish', () => {
      removeExport(exportsDir, name);
      resolve();
    });
    res.once('close', () => {
      stream.destroy();
      resolve();
    });
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  });
}
