import { BrowserWindow, session, type Session } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CSP } from '../security/csp';

const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const rendererFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));

/** The URL the app's own renderer is loaded from: the dev server in `npm run dev`, else the built file. */
export const rendererUrl = (): string => process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererFile).href;

/** Deny every permission prompt and add the CSP header to everything the session loads. */
export function hardenSession(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Ringside',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const home = rendererUrl();
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== home) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(home);
  return window;
}
