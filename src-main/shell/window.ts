import { app, BrowserWindow, session, type Session } from 'electron';
import { fileURLToPath } from 'node:url';
import { CSP } from '../security/csp';
import { rendererSource } from '../security/rendererSource';

const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const rendererFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));

let source: string | undefined;

/**
 * The URL the app's own renderer is loaded from: the dev server in `npm run dev`, else the built
 * file; an installed build ignores ELECTRON_RENDERER_URL. Read once, so a later change to the
 * environment cannot move the page main trusts for IPC.
 */
export const rendererUrl = (): string => (source ??= rendererSource({ packaged: app.isPackaged, env: process.env, builtFile: rendererFile }));

/** Deny every permission prompt and add the CSP header to everything the session loads. */
export function hardenSession(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

const WORKSPACE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The workspace a window works in: the `workspace` parameter of its address; null: the default one. */
export function windowWorkspace(window: BrowserWindow): string | null {
  try {
    const id = new URL(window.webContents.getURL()).searchParams.get('workspace');
    return id && WORKSPACE_ID.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** Our renderer's own page, in any workspace: the only address a window may show. */
export function isHomePage(url: string): boolean {
  try {
    const home = new URL(rendererUrl());
    const target = new URL(url);
    return target.origin === home.origin && target.pathname === home.pathname && [...target.searchParams.keys()].every((k) => k === 'workspace');
  } catch {
    return false;
  }
}

/** A window on one workspace (null: the default); several can be open side by side. */
export function createMainWindow(workspace: string | null = null): BrowserWindow {
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
      // DevTools would let whoever sits at an installed build run code beside the preload bridge.
      devTools: !app.isPackaged,
    },
  });
  const page = new URL(rendererUrl());
  if (workspace && WORKSPACE_ID.test(workspace)) page.searchParams.set('workspace', workspace);
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Switching workspace reloads the same page with another ?workspace=; anything else stays out.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isHomePage(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isHomePage(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(page.href);
  return window;
}
