// The one window: isolated, sandboxed, no node, our app:// page with the preload; its title follows the page.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { main, updateTitle } from './main-state';
import { APP_START_URL, SECURE_WEB_PREFERENCES, WINDOW_OPTIONS } from './window-options';

export function createWindow(): void {
  const win = (main.win = new BrowserWindow({ ...WINDOW_OPTIONS, webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') } }));
  win.on('page-title-updated', (e, title) => {
    e.preventDefault();
    main.pageTitle = title;
    updateTitle();
  });
  win.once('ready-to-show', () => main.win?.show());
  win.on('closed', () => {
    main.win = null;
  });
  updateTitle();
  void win.loadURL(APP_START_URL);
}
