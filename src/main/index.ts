/**
 * The Electron entry: the composition root for the desktop app. Everything that touches money,
 * keys, networks and disk lives in this process; the renderer reaches it only through the contract.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { applySecurityGuards } from './app/security';
import { handleAppScheme, isAppUrl, registerAppScheme } from './app/protocol';
import { createMainWindow } from './app/window';
import { createAppCore, type AppCore } from './composition';
import { bindElectron } from './ipc/electron/electron-transport';

const here = path.dirname(fileURLToPath(import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  applySecurityGuards();
  let core: AppCore | null = null;

  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(() => {
    try {
      core = createAppCore({ dataDir: app.getPath('userData'), mode: 'electron' });
    } catch (err) {
      dialog.showErrorBox('Marketdesk cannot start', err instanceof Error ? err.message : String(err));
      app.exit(1);
      return;
    }
    handleAppScheme(path.join(here, '../renderer'));
    bindElectron(ipcMain, core.server, isAppUrl, core.logger);
    createMainWindow(path.join(here, '../preload'));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(path.join(here, '../preload'));
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Close sockets, workers and the demo venue before the process goes; the database closes first thing.
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    closing = true;
    event.preventDefault();
    void core.close().finally(() => app.exit(0));
  });
}
