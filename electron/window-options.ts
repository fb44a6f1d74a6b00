// The BrowserWindow security settings and the app:// origin, in a module without an electron import so
// that test/electron-security.test.ts can check exactly what main.ts uses.

/** The renderer is served from app://budgetdesk/ (a standard, secure scheme registered in main.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'budgetdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** The ipcMain channel the preload's invoke goes through, and the menu-event channel main sends on. */
export const IPC_INVOKE = 'budgetdesk:invoke';
export const IPC_MENU = 'budgetdesk:menu';

/** webPreferences of the one window; `preload` is filled in by main.ts (an absolute path). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const;

export const WINDOW_OPTIONS = {
  width: 1400,
  height: 900,
  minWidth: 960,
  minHeight: 600,
  title: '部门预算编制台 BudgetDesk',
  show: false,
  backgroundColor: '#ffffff',
  autoHideMenuBar: false,
} as const;

/** True when a frame URL belongs to our app (sender validation for every IPC call). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
