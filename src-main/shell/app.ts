import { app, BrowserWindow, dialog } from 'electron';
import { createCore } from '../core/createCore';
import { parseCliArgs } from '../core/cliArgs';
import { version } from '../core/version';
import { composeWorkspaces } from '../adapters/composeWorkspaces';
import { notifyGuardAlerts } from './guardNotifications';
import { registerIpc } from './ipc';
import { safeStorageSecrets } from './safeStorageSecrets';
import { electronBinding } from './nativeBinding';
import { createMainWindow, hardenSession } from './window';

/** The desktop app: the same core as serve mode, reached through ipcMain and the preload bridge. */
export function runDesktop(): void {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const windows: BrowserWindow[] = [];
  const open = (workspace: string | null) => {
    const window = createMainWindow(workspace);
    windows.push(window);
    window.on('closed', () => windows.splice(windows.indexOf(window), 1));
    return window;
  };

  app
    .whenReady()
    .then(() => {
      const options = parseCliArgs(process.argv.slice(1));
      const dataDir = options.dataDir ?? app.getPath('userData');
      const core = createCore({
        dataDir,
        version,
        pollMs: options.pollMs,
        nativeBinding: electronBinding(),
        ...composeWorkspaces(options),
        restoreSaved: !options.workspaceFile,
        secrets: safeStorageSecrets(dataDir),
      });
      hardenSession();
      const disposeIpc = registerIpc(core, () => windows, { pollMs: options.pollMs });
      core.setWindowOpener((id) => Boolean(open(id)));
      open(null);
      const stopNotices = notifyGuardAlerts(core.bus, () => windows[0]?.show());
      app.on('second-instance', () => windows[0]?.focus());
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) open(null);
      });
      app.on('will-quit', () => {
        stopNotices();
        disposeIpc();
        core.dispose();
      });
    })
    .catch(fatal);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function fatal(error: unknown) {
  dialog.showErrorBox('Ringside could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
