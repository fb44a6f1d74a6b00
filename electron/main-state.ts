// What Electron main's modules share: the one window, the open database's path (as main last heard from
// the engine), the page's title, the files this session's save dialogs returned, and the menu's messages
// to the page.
import type { BrowserWindow } from 'electron';
import { basename } from 'node:path';
import type { AppError, MenuEvent, Result } from '../api/contract';
import { IPC_MENU } from './window-options';

export const main = {
  win: null as BrowserWindow | null,
  dbPath: null as string | null,
  pageTitle: '',
  quitting: false,
  /** Files this session's save dialogs returned: the only paths shell.showExportFolder will show. */
  savedPaths: new Set<string>(),
};

export const fail = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

export function sendMenu(event: MenuEvent): void {
  main.win?.webContents.send(IPC_MENU, event);
}

export function updateTitle(): void {
  const { win, pageTitle, dbPath } = main;
  if (!win) return;
  // The renderer's title already names the budget and the db file ("711 工会 2025年 — a.sqlite — 部门预算编制台").
  if (pageTitle.includes('部门预算编制台')) return win.setTitle(pageTitle);
  win.setTitle(['部门预算编制台', ...(dbPath ? [basename(dbPath)] : [])].join(' — '));
}
