// Main's native dialogs: open/create a database, save an export (atomic write, 打开所在文件夹), import a
// budget file from the menu, 另存备份 and 从备份恢复. Files are written only where the clerk chose.
import { app, dialog, shell } from 'electron';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { BackupListDto, DbStatus, ExportFile, ExportOutcome, ImportOutcome, RestoreDto, Result } from '../api/contract';
import { readSettings, writeSettings } from '../api/paths';
import { engine, openDb } from './engine-bridge';
import { guardExportTarget, internalFailureMessage, readBudgetFileForImport } from './export-files';
import { fail, main, sendMenu } from './main-state';

const DB_FILTERS = [{ name: 'BudgetDesk 数据库', extensions: ['sqlite', 'db'] }];

export async function dialogOpenDb(): Promise<Result<DbStatus | null>> {
  if (!main.win) return fail('internal', '窗口尚未就绪');
  const r = await dialog.showOpenDialog(main.win, {
    title: '打开数据库',
    properties: ['openFile'],
    filters: DB_FILTERS,
    defaultPath: main.dbPath ? dirname(main.dbPath) : app.getPath('documents'),
  });
  if (r.canceled || !r.filePaths[0]) return { ok: true, value: null };
  return openDb('db.open', r.filePaths[0]);
}

export async function dialogCreateDb(): Promise<Result<DbStatus | null>> {
  if (!main.win) return fail('internal', '窗口尚未就绪');
  const r = await dialog.showSaveDialog(main.win, {
    title: '新建数据库',
    filters: DB_FILTERS,
    defaultPath: join(app.getPath('documents'), '部门预算.sqlite'),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (r.canceled || !r.filePath) return { ok: true, value: null };
  return openDb('db.create', r.filePath);
}

/** The transport's half of an export: save dialog, atomic write, offer to show the folder. */
export async function saveExport(file: ExportFile): Promise<Result<ExportOutcome>> {
  if (!main.win) return fail('internal', '窗口尚未就绪');
  const ext = extname(file.fileName).slice(1);
  const r = await dialog.showSaveDialog(main.win, {
    title: '导出',
    defaultPath: join(readSettings().lastExportDir ?? app.getPath('documents'), file.fileName),
    filters: [{ name: ext === 'xlsx' ? 'Excel 工作簿' : ext === 'json' ? '预算文件' : ext.toUpperCase(), extensions: [ext] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (r.canceled || !r.filePath) return { ok: true, value: { kind: 'cancelled' } };
  // The dialog confirmed replacing; the guard still refuses the database's own files and other kinds of file.
  const guarded = guardExportTarget(r.filePath, ext, main.dbPath);
  if (!guarded.ok) return guarded;
  const target = guarded.value;
  try {
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    await writeFile(tmp, Buffer.from(file.data, 'base64'));
    await rename(tmp, target);
  } catch (e) {
    const busy = (e as NodeJS.ErrnoException).code === 'EBUSY' || (e as NodeJS.ErrnoException).code === 'EPERM';
    return fail(
      'io',
      busy ? `无法写入 ${target}：文件可能正被 Excel 等程序打开，请关闭后重试` : `无法写入 ${target}：${internalFailureMessage(e, '写入文件')}`,
    );
  }
  writeSettings({ lastExportDir: dirname(target) });
  main.savedPaths.add(target);
  void dialog
    .showMessageBox(main.win, {
      type: 'info',
      title: '导出完成',
      message: '已导出',
      detail: target,
      buttons: ['打开所在文件夹', '关闭'],
      defaultId: 1,
      cancelId: 1,
    })
    .then((m) => {
      if (m.response === 0) shell.showItemInFolder(target);
    });
  return { ok: true, value: { kind: 'saved', path: target } };
}

export async function importBudgetFileFromMenu(): Promise<void> {
  if (!main.win) return;
  const r = await dialog.showOpenDialog(main.win, { title: '导入预算文件', properties: ['openFile'], filters: [{ name: '预算文件', extensions: ['json'] }] });
  const file = r.filePaths[0];
  if (r.canceled || !file) return;
  const read = await readBudgetFileForImport(file);
  if (!read.ok) return sendMenu({ type: 'error', error: read.error });
  const text = read.value;
  let res = (await engine.call('import.budgetFile', { fileName: basename(file), text })) as Result<ImportOutcome>;
  if (!res.ok && res.error.code === 'conflict') {
    const m = await dialog.showMessageBox(main.win, {
      type: 'question',
      title: '导入预算文件',
      message: res.error.message,
      detail: '替换后，数据库中该部门该年度的预算将被文件内容取代。',
      buttons: ['替换', '取消'],
      defaultId: 1,
      cancelId: 1,
    });
    if (m.response !== 0) return;
    res = (await engine.call('import.budgetFile', { fileName: basename(file), text, replace: true })) as Result<ImportOutcome>;
  }
  sendMenu(res.ok ? { type: 'budget-imported', outcome: res.value } : { type: 'error', error: res.error });
}

/** 另存备份: the clerk chooses the file (the renderer cannot pass a path in the desktop app). */
export async function saveBackupWithDialog(): Promise<Result<{ path: string } | null>> {
  if (!main.win) return fail('internal', '窗口尚未就绪');
  if (!main.dbPath) return fail('no_database', '尚未打开数据库');
  const stamp = new Date().toISOString().slice(0, 10);
  const r = await dialog.showSaveDialog(main.win, {
    title: '另存备份',
    defaultPath: join(app.getPath('documents'), `${basename(main.dbPath, extname(main.dbPath))}-备份-${stamp}.sqlite`),
    filters: DB_FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (r.canceled || !r.filePath) return { ok: true, value: null };
  const res = (await engine.call('db.backup', { path: r.filePath, overwrite: true })) as Result<{ path: string }>;
  if (res.ok) main.savedPaths.add(res.value.path);
  return res;
}

/** 从备份恢复: pick a backup (the automatic backups' folder first), confirm, restore. */
export async function restoreBackupWithDialog(): Promise<Result<RestoreDto | null>> {
  if (!main.win) return fail('internal', '窗口尚未就绪');
  if (!main.dbPath) return fail('no_database', '尚未打开数据库');
  const list = (await engine.call('backup.list', {})) as Result<BackupListDto>;
  const r = await dialog.showOpenDialog(main.win, {
    title: '从备份恢复',
    properties: ['openFile'],
    filters: DB_FILTERS,
    defaultPath: list.ok ? list.value.dir : dirname(main.dbPath),
  });
  const file = r.filePaths[0];
  if (r.canceled || !file) return { ok: true, value: null };
  const m = await dialog.showMessageBox(main.win, {
    type: 'warning',
    title: '从备份恢复',
    message: `用备份“${basename(file)}”替换当前数据库的全部内容？`,
    detail: '当前内容会先自动保存为一份“恢复前”备份，之后仍可从它恢复。撤销记录将被清空。',
    buttons: ['恢复', '取消'],
    defaultId: 1,
    cancelId: 1,
  });
  if (m.response !== 0) return { ok: true, value: null };
  return (await engine.call('backup.restore', { path: file })) as Result<RestoreDto>;
}

export async function backupFromMenu(): Promise<void> {
  const res = await saveBackupWithDialog();
  if (!res.ok) sendMenu({ type: 'error', error: res.error });
  else if (res.value && main.win) void dialog.showMessageBox(main.win, { type: 'info', title: '另存备份', message: '备份已保存', detail: res.value.path });
}

export async function restoreFromMenu(): Promise<void> {
  const res = await restoreBackupWithDialog();
  if (!res.ok) return sendMenu({ type: 'error', error: res.error });
  if (!res.value) return;
  const status = (await engine.call('db.status', {})) as Result<DbStatus>;
  if (status.ok) sendMenu({ type: 'db-changed', status: status.value }); // the renderer reloads everything
}
