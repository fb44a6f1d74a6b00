// Electron main, kept thin: it starts the parts — the window (./window.ts), the app:// protocol and session
// security (./protocol.ts), the menu (./menu.ts), the native dialogs (./dialogs.ts), the page's calls
// (./ipc.ts) and the engine utilityProcess (./engine-bridge.ts, electron/engine.ts), which owns the database.
import { app, ipcMain, Menu } from 'electron';
import { errorLogPath, startupDb } from '../api/paths';
import { engine, openDb } from './engine-bridge';
import { setErrorLogFile } from './export-files';
import { onInvoke } from './ipc';
import { main } from './main-state';
import { buildMenu } from './menu';
import { guardWebContents, hardenSession, registerAppScheme, serveAppProtocol } from './protocol';
import { createWindow } from './window';
import { IPC_INVOKE } from './window-options';

setErrorLogFile(errorLogPath());
registerAppScheme();

// One data folder for main, the engine and api/paths.ts helpers: Electron's own userData.
process.env.BUDGETDESK_DATA_DIR ??= app.getPath('userData');

guardWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const { win } = main;
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  let closedForQuit = false;
  app.on('before-quit', (e) => {
    main.quitting = true;
    if (closedForQuit || !engine.running) return engine.stop();
    // Close the database before the engine is killed: the WAL is checkpointed and the file is again one
    // self-contained .sqlite (a clerk who then copies only that file has everything). Bounded wait.
    e.preventDefault();
    void Promise.race([engine.call('db.close', {}), new Promise((ok) => setTimeout(ok, 5000))]).finally(() => {
      closedForQuit = true;
      engine.stop();
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    hardenSession();
    serveAppProtocol();
    ipcMain.handle(IPC_INVOKE, onInvoke);
    Menu.setApplicationMenu(buildMenu());
    // Reopen the last database before the window asks for it; with none, the UI offers 新建/打开.
    const last = startupDb();
    if (last) {
      const r = await openDb('db.open', last);
      if (!r.ok) console.error(r.error.message);
    }
    createWindow();
  });
}
