import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { channelNames, HEARTBEAT_EVERY_MS, type PayloadOf } from '../../src-shared/ipc/contract';
import { fail } from '../../src-shared/ipc/result';
import type { Core } from '../core/createCore';
import { rendererUrl } from './window';

/** Only the main frame of our own window, showing our own renderer, may call the core. */
function isOwnFrame(frame: WebFrameMain | null, window: BrowserWindow | null): boolean {
  if (!frame || !window || window.isDestroyed()) return false;
  if (frame !== window.webContents.mainFrame) return false;
  const home = new URL(rendererUrl());
  const url = new URL(frame.url);
  return url.origin === home.origin && url.pathname === home.pathname;
}

/**
 * One ipcMain handler per contract channel, push events forwarded to the window, and an
 * `app:heartbeat` every HEARTBEAT_EVERY_MS from main's own event loop, so the window can tell
 * when main stops answering (busy, hung) and when it is back.
 */
export function registerIpc(core: Core, getWindow: () => BrowserWindow | null, options: { pollMs?: number } = {}): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isOwnFrame(event.senderFrame, getWindow())) {
        return fail('forbidden', `${channel}: refused a call from a frame that is not Ringside's own window.`);
      }
      return core.dispatch(channel, payload);
    });
  }
  const send = (event: string, payload: unknown) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  };
  const stopEvents = core.bus.onAny(send);
  const beat: PayloadOf<'app:heartbeat'> = { everyMs: HEARTBEAT_EVERY_MS, pollMs: options.pollMs ?? 0 };
  const heartbeat = setInterval(() => send('app:heartbeat', beat), HEARTBEAT_EVERY_MS);
  return () => {
    clearInterval(heartbeat);
    stopEvents();
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
