import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { channelNames, HEARTBEAT_EVERY_MS, type PayloadOf } from '../../src-shared/ipc/contract';
import { fail } from '../../src-shared/ipc/result';
import type { Core } from '../core/createCore';
import { hears } from '../core/events';
import { rendererUrl, windowWorkspace } from './window';

/** Only the main frame of one of our own windows, showing our own renderer, may call the core. */
function ownWindowOf(frame: WebFrameMain | null, windows: BrowserWindow[]): BrowserWindow | null {
  if (!frame) return null;
  const window = windows.find((w) => !w.isDestroyed() && frame === w.webContents.mainFrame);
  if (!window) return null;
  const home = new URL(rendererUrl());
  const url = new URL(frame.url);
  return url.origin === home.origin && url.pathname === home.pathname ? window : null;
}

/**
 * One ipcMain handler per contract channel, each call scoped to the workspace its window works in
 * (the `workspace` parameter of the window's address); push events forwarded to the windows of
 * their workspace; an `app:heartbeat` every HEARTBEAT_EVERY_MS from main's own event loop, so each
 * window can tell when main stops answering (busy, hung) and when it is back.
 */
export function registerIpc(core: Core, getWindows: () => BrowserWindow[], options: { pollMs?: number } = {}): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const window = ownWindowOf(event.senderFrame, getWindows());
      if (!window) return fail('forbidden', `${channel}: refused a call from a frame that is not one of Ringside's own windows.`);
      return core.dispatch(channel, payload, windowWorkspace(window));
    });
  }
  const live = () => getWindows().filter((w) => !w.isDestroyed());
  const stopEvents = core.bus.onAny((event, payload, scope) => {
    for (const window of live()) {
      if (hears(windowWorkspace(window) ?? core.defaultWorkspace(), scope)) window.webContents.send(event, payload);
    }
  });
  const beat: PayloadOf<'app:heartbeat'> = { everyMs: HEARTBEAT_EVERY_MS, pollMs: options.pollMs ?? 0 };
  const heartbeat = setInterval(() => live().forEach((w) => w.webContents.send('app:heartbeat', beat)), HEARTBEAT_EVERY_MS);
  return () => {
    clearInterval(heartbeat);
    stopEvents();
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
