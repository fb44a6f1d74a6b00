// Every call from the page: only our own app:// page and allow-listed channels; forwarded to the engine,
// except the channels main answers itself (dialogs, printToPDF, 打开所在文件夹, db.open/create), whose
// arguments the engine checks first.
import { shell, type IpcMainInvokeEvent } from 'electron';
import { isChannel, isExportChannel, type Channel } from '../api/channels';
import type { Args, ExportFile, Result } from '../api/contract';
import { dialogCreateDb, dialogOpenDb, restoreBackupWithDialog, saveBackupWithDialog, saveExport } from './dialogs';
import { engine, openDb } from './engine-bridge';
import { fail, main, updateTitle } from './main-state';
import { printDisclosurePdf } from './print-window';
import { isAppUrl } from './window-options';

export async function onInvoke(event: IpcMainInvokeEvent, channel: unknown, args: unknown): Promise<Result<unknown>> {
  // Only our own page may call, and only allow-listed channels.
  if (!isAppUrl(event.senderFrame?.url) || event.sender !== main.win?.webContents) return fail('forbidden', '拒绝来自未知页面的调用');
  if (!isChannel(channel)) return fail('forbidden', `未知的调用通道“${String(channel)}”`);
  if (isMainChannel(channel)) return answerInMain(channel, args);
  const r = await engine.call(channel, args); // the engine checks the arguments: it never trusts its caller
  if (r.ok && channel === 'db.close') {
    main.dbPath = null;
    updateTitle();
  }
  if (r.ok && isExportChannel(channel)) return saveExport(r.value as ExportFile);
  return r;
}

/** The channels main answers itself, with their arguments checked by the engine first. */
const MAIN_CHANNELS = [
  'dialog.openDatabase',
  'dialog.createDatabase',
  'dialog.saveBackup',
  'dialog.restoreBackup',
  'db.backup',
  'shell.showExportFolder',
  'export.pdf',
  'db.open',
  'db.create',
] as const satisfies readonly Channel[];
type MainChannel = (typeof MAIN_CHANNELS)[number];
const isMainChannel = (c: Channel): c is MainChannel => (MAIN_CHANNELS as readonly string[]).includes(c);

async function answerInMain(channel: MainChannel, args: unknown): Promise<Result<unknown>> {
  const checked = await engine.check(channel, args);
  if (!checked.ok) return checked;
  const a = checked.value;
  switch (channel) {
    case 'dialog.openDatabase':
      return dialogOpenDb();
    case 'dialog.createDatabase':
      return dialogCreateDb();
    case 'dialog.saveBackup':
      return saveBackupWithDialog();
    case 'dialog.restoreBackup':
      return restoreBackupWithDialog();
    // Files are written only where the clerk chose in a dialog, never at a path the page supplies.
    case 'db.backup':
      return fail('forbidden', '桌面版请使用“另存备份…”选择保存位置');
    case 'shell.showExportFolder': {
      const { path } = a as Args<'shell.showExportFolder'>;
      if (!main.savedPaths.has(path)) return fail('forbidden', '只能打开本次导出或备份时选择的文件所在的文件夹');
      shell.showItemInFolder(path);
      return { ok: true, value: { shown: true } };
    }
    case 'export.pdf': {
      // Printed here with Chromium's own printToPDF (no system browser needed); the engine supplies the HTML.
      const pdf = await printDisclosurePdf((c, x) => engine.call(c, x), (a as Args<'export.pdf'>).budget);
      return pdf.ok ? saveExport(pdf.value) : pdf;
    }
    case 'db.open':
    case 'db.create':
      return openDb(channel, (a as Args<'db.open'>).path);
  }
}
