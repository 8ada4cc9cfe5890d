import { app, BrowserWindow, dialog } from 'electron';
import { createCore } from '../core/createCore';
import { parseCliArgs } from '../core/cliArgs';
import { version } from '../core/version';
import { chooseWorkspace, connectWorkspace, demoWorkspace } from '../adapters/workspaceDefinition';
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
  let window: BrowserWindow | null = null;

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
        workspace: chooseWorkspace(options),
        connect: connectWorkspace,
        demo: demoWorkspace(options.seed, options.demoSpeed),
        restoreSaved: !options.workspaceFile,
        secrets: safeStorageSecrets(dataDir),
      });
      hardenSession();
      const disposeIpc = registerIpc(core, () => window, { pollMs: options.pollMs });
      window = createMainWindow();
      const stopNotices = notifyGuardAlerts(core.bus, () => window?.show());
      app.on('second-instance', () => window?.focus());
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow();
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
