// Electron main, kept thin: window, app:// protocol, CSP, menu, native dialogs, and forwarding of
// allow-listed calls to the engine utilityProcess (electron/engine.ts), which owns the database.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, utilityProcess, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { rename, writeFile } from 'node:fs/promises';
import { guardExportTarget, internalFailureMessage, readBudgetFileForImport, setErrorLogFile } from './export-files';
import { basename, dirname, extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isChannel, isExportChannel, type Channel } from '../api/channels';
import type { AppError, Args, BackupListDto, DbStatus, ExportFile, ExportOutcome, ImportOutcome, MenuEvent, RestoreDto, Result } from '../api/contract';
import { CSP_HEADER } from '../api/csp';
import { EngineClient } from './engine-client';
import { errorLogPath, readSettings, startupDb, userDataDir, writeSettings } from '../api/paths';

setErrorLogFile(errorLogPath());
import { printDisclosurePdf } from './print-window';
import { APP_HOST, APP_SCHEME, APP_START_URL, IPC_INVOKE, IPC_MENU, SECURE_WEB_PREFERENCES, WINDOW_OPTIONS, isAppUrl } from './window-options';

// Must run before `ready`: app:// behaves like https (secure context, fetch, same-origin rules).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);

// One data folder for main, the engine and api/paths.ts helpers: Electron's own userData.
process.env.BUDGETDESK_DATA_DIR ??= app.getPath('userData');

const rendererDir = normalize(join(__dirname, '..', 'renderer'));
let win: BrowserWindow | null = null;
let dbPath: string | null = null;
let pageTitle = '';
/** Files this session's save dialogs returned: the only paths shell.showExportFolder will show. */
const savedPaths = new Set<string>();

// ------------------------------------------------------------------------------------------- engine

let quitting = false;
const engine = new EngineClient(
  () => utilityProcess.fork(join(__dirname, 'engine.cjs'), [], {
    serviceName: 'BudgetDesk Engine',
    env: { ...process.env, BUDGETDESK_DATA_DIR: userDataDir(), BUDGETDESK_VERSION: app.getVersion() },
  }),
  // A restarted engine has no database open: reopen the current one.
  () => { if (dbPath && !quitting) void engine.call('db.open', { path: dbPath }); },
);

// ------------------------------------------------------------------------------------------- helpers

const fail = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

function sendMenu(event: MenuEvent): void {
  win?.webContents.send(IPC_MENU, event);
}

function updateTitle(): void {
  if (!win) return;
  // The renderer's title already names the budget and the db file ("711 工会 2025年 — a.sqlite — 部门预算编制台").
  if (pageTitle.includes('部门预算编制台')) return win.setTitle(pageTitle);
  win.setTitle(['部门预算编制台', ...(dbPath ? [basename(dbPath)] : [])].join(' — '));
}

async function openDb(channel: 'db.open' | 'db.create', path: string): Promise<Result<DbStatus>> {
  const r = (await engine.call(channel, { path })) as Result<DbStatus>;
  if (r.ok) {
    dbPath = r.value.path;
    if (dbPath) writeSettings({ lastDb: dbPath });
    updateTitle();
  }
  return r;
}

const DB_FILTERS = [{ name: 'BudgetDesk 数据库', extensions: ['sqlite', 'db'] }];

async function dialogOpenDb(): Promise<Result<DbStatus | null>> {
  if (!win) return fail('internal', '窗口尚未就绪');
  const r = await dialog.showOpenDialog(win, { title: '打开数据库', properties: ['openFile'], filters: DB_FILTERS, defaultPath: dbPath ? dirname(dbPath) : app.getPath('documents') });
  if (r.canceled || !r.filePaths[0]) return { ok: true, value: null };
  return openDb('db.open', r.filePaths[0]);
}

async function dialogCreateDb(): Promise<Result<DbStatus | null>> {
  if (!win) return fail('internal', '窗口尚未就绪');
  const r = await dialog.showSaveDialog(win, { title: '新建数据库', filters: DB_FILTERS, defaultPath: join(app.getPath('documents'), '部门预算.sqlite'), properties: ['createDirectory', 'showOverwriteConfirmation'] });
  if (r.canceled || !r.filePath) return { ok: true, value: null };
  return openDb('db.create', r.filePath);
}

/** The transport's half of an export: save dialog, atomic write, offer to show the folder. */
async function saveExport(file: ExportFile): Promise<Result<ExportOutcome>> {
  if (!win) return fail('internal', '窗口尚未就绪');
  const ext = extname(file.fileName).slice(1);
  const r = await dialog.showSaveDialog(win, {
    title: '导出',
    defaultPath: join(readSettings().lastExportDir ?? app.getPath('documents'), file.fileName),
    filters: [{ name: ext === 'xlsx' ? 'Excel 工作簿' : ext === 'json' ? '预算文件' : ext.toUpperCase(), extensions: [ext] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (r.canceled || !r.filePath) return { ok: true, value: { kind: 'cancelled' } };
  // The dialog confirmed replacing; the guard still refuses the database's own files and other kinds of file.
  const guarded = guardExportTarget(r.filePath, ext, dbPath);
  if (!guarded.ok) return guarded;
  const target = guarded.value;
  try {
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    await writeFile(tmp, Buffer.from(file.data, 'base64'));
    await rename(tmp, target);
  } catch (e) {
    const busy = (e as NodeJS.ErrnoException).code === 'EBUSY' || (e as NodeJS.ErrnoException).code === 'EPERM';
    return fail('io', busy ? `无法写入 ${target}：文件可能正被 Excel 等程序打开，请关闭后重试` : `无法写入 ${target}：${internalFailureMessage(e, '写入文件')}`);
  }
  writeSettings({ lastExportDir: dirname(target) });
  savedPaths.add(target);
  void dialog.showMessageBox(win, { type: 'info', title: '导出完成', message: '已导出', detail: target, buttons: ['打开所在文件夹', '关闭'], defaultId: 1, cancelId: 1 })
    .then((m) => { if (m.response === 0) shell.showItemInFolder(target); });
  return { ok: true, value: { kind: 'saved', path: target } };
}

async function importBudgetFileFromMenu(): Promise<void> {
  if (!win) return;
  const r = await dialog.showOpenDialog(win, { title: '导入预算文件', properties: ['openFile'], filters: [{ name: '预算文件', extensions: ['json'] }] });
  const file = r.filePaths[0];
  if (r.canceled || !file) return;
  const read = await readBudgetFileForImport(file);
  if (!read.ok) return sendMenu({ type: 'error', error: read.error });
  const text = read.value;
  let res = (await engine.call('import.budgetFile', { fileName: basename(file), text })) as Result<ImportOutcome>;
  if (!res.ok && res.error.code === 'conflict') {
    const m = await dialog.showMessageBox(win, { type: 'question', title: '导入预算文件', message: res.error.message, detail: '替换后，数据库中该部门该年度的预算将被文件内容取代。', buttons: ['替换', '取消'], defaultId: 1, cancelId: 1 });
    if (m.response !== 0) return;
    res = (await engine.call('import.budgetFile', { fileName: basename(file), text, replace: true })) as Result<ImportOutcome>;
  }
  sendMenu(res.ok ? { type: 'budget-imported', outcome: res.value } : { type: 'error', error: res.error });
}

/** 另存备份: the clerk chooses the file (the renderer cannot pass a path in the desktop app). */
async function saveBackupWithDialog(): Promise<Result<{ path: string } | null>> {
  if (!win) return fail('internal', '窗口尚未就绪');
  if (!dbPath) return fail('no_database', '尚未打开数据库');
  const stamp = new Date().toISOString().slice(0, 10);
  const r = await dialog.showSaveDialog(win, { title: '另存备份', defaultPath: join(app.getPath('documents'), `${basename(dbPath, extname(dbPath))}-备份-${stamp}.sqlite`), filters: DB_FILTERS, properties: ['createDirectory', 'showOverwriteConfirmation'] });
  if (r.canceled || !r.filePath) return { ok: true, value: null };
  const res = (await engine.call('db.backup', { path: r.filePath, overwrite: true })) as Result<{ path: string }>;
  if (res.ok) savedPaths.add(res.value.path);
  return res;
}

/** 从备份恢复: pick a backup (the automatic backups' folder first), confirm, restore. */
async function restoreBackupWithDialog(): Promise<Result<RestoreDto | null>> {
  if (!win) return fail('internal', '窗口尚未就绪');
  if (!dbPath) return fail('no_database', '尚未打开数据库');
  const list = (await engine.call('backup.list', {})) as Result<BackupListDto>;
  const r = await dialog.showOpenDialog(win, { title: '从备份恢复', properties: ['openFile'], filters: DB_FILTERS, defaultPath: list.ok ? list.value.dir : dirname(dbPath) });
  const file = r.filePaths[0];
  if (r.canceled || !file) return { ok: true, value: null };
  const m = await dialog.showMessageBox(win, { type: 'warning', title: '从备份恢复', message: `用备份“${basename(file)}”替换当前数据库的全部内容？`, detail: '当前内容会先自动保存为一份“恢复前”备份，之后仍可从它恢复。撤销记录将被清空。', buttons: ['恢复', '取消'], defaultId: 1, cancelId: 1 });
  if (m.response !== 0) return { ok: true, value: null };
  return (await engine.call('backup.restore', { path: file })) as Result<RestoreDto>;
}

async function backupFromMenu(): Promise<void> {
  const res = await saveBackupWithDialog();
  if (!res.ok) sendMenu({ type: 'error', error: res.error });
  else if (res.value && win) void dialog.showMessageBox(win, { type: 'info', title: '另存备份', message: '备份已保存', detail: res.value.path });
}

async function restoreFromMenu(): Promise<void> {
  const res = await restoreBackupWithDialog();
  if (!res.ok) return sendMenu({ type: 'error', error: res.error });
  if (!res.value) return;
  const status = (await engine.call('db.status', {})) as Result<DbStatus>;
  if (status.ok) sendMenu({ type: 'db-changed', status: status.value }); // the renderer reloads everything
}

// ------------------------------------------------------------------------------------------- IPC

async function onInvoke(event: IpcMainInvokeEvent, channel: unknown, args: unknown): Promise<Result<unknown>> {
  // Only our own page may call, and only allow-listed channels.
  if (!isAppUrl(event.senderFrame?.url) || event.sender !== win?.webContents) return fail('forbidden', '拒绝来自未知页面的调用');
  if (!isChannel(channel)) return fail('forbidden', `未知的调用通道“${String(channel)}”`);
  if (isMainChannel(channel)) return answerInMain(channel, args);
  const r = await engine.call(channel, args); // the engine checks the arguments: it never trusts its caller
  if (r.ok && channel === 'db.close') {
    dbPath = null;
    updateTitle();
  }
  if (r.ok && isExportChannel(channel)) return saveExport(r.value as ExportFile);
  return r;
}

/** The channels main answers itself, with their arguments checked by the engine first. */
const MAIN_CHANNELS = [
  'dialog.openDatabase', 'dialog.createDatabase', 'dialog.saveBackup', 'dialog.restoreBackup', 'db.backup', 'shell.showExportFolder', 'export.pdf', 'db.open', 'db.create',
] as const satisfies readonly Channel[];
type MainChannel = (typeof MAIN_CHANNELS)[number];
const isMainChannel = (c: Channel): c is MainChannel => (MAIN_CHANNELS as readonly string[]).includes(c);

async function answerInMain(channel: MainChannel, args: unknown): Promise<Result<unknown>> {
  const checked = await engine.check(channel, args);
  if (!checked.ok) return checked;
  const a = checked.value;
  switch (channel) {
    case 'dialog.openDatabase': return dialogOpenDb();
    case 'dialog.createDatabase': return dialogCreateDb();
    case 'dialog.saveBackup': return saveBackupWithDialog();
    case 'dialog.restoreBackup': return restoreBackupWithDialog();
    // Files are written only where the clerk chose in a dialog, never at a path the page supplies.
    case 'db.backup': return fail('forbidden', '桌面版请使用“另存备份…”选择保存位置');
    case 'shell.showExportFolder': {
      const { path } = a as Args<'shell.showExportFolder'>;
      if (!savedPaths.has(path)) return fail('forbidden', '只能打开本次导出或备份时选择的文件所在的文件夹');
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

// ------------------------------------------------------------------------------------------- menu

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '新建数据库…', accelerator: 'CmdOrCtrl+N', click: () => void dialogCreateDb().then((r) => r.ok ? r.value && sendMenu({ type: 'db-changed', status: r.value }) : sendMenu({ type: 'error', error: r.error })) },
        { label: '打开数据库…', accelerator: 'CmdOrCtrl+O', click: () => void dialogOpenDb().then((r) => r.ok ? r.value && sendMenu({ type: 'db-changed', status: r.value }) : sendMenu({ type: 'error', error: r.error })) },
        { type: 'separator' },
        { label: '导入预算文件…', accelerator: 'CmdOrCtrl+I', click: () => void importBudgetFileFromMenu() },
        { label: '导出 Excel…', accelerator: 'CmdOrCtrl+E', click: () => sendMenu({ type: 'export-workbook' }) },
        { label: '导出 PDF…', accelerator: 'CmdOrCtrl+P', click: () => sendMenu({ type: 'export-pdf' }) },
        { label: '导出预算文件…', click: () => sendMenu({ type: 'export-budget-file' }) },
        { label: '另存备份…', click: () => void backupFromMenu() },
        { label: '从备份恢复…', click: () => void restoreFromMenu() },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      // 撤销/重做 go to the renderer: in a text field it undoes typing, elsewhere it calls edit.undo/redo.
      submenu: [
        { label: '撤销', accelerator: 'CmdOrCtrl+Z', click: () => sendMenu({ type: 'undo' }) },
        { label: '重做', accelerator: process.platform === 'darwin' ? 'Cmd+Shift+Z' : 'Ctrl+Y', click: () => sendMenu({ type: 'redo' }) },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { label: '重新加载', role: 'reload' as const }, { label: '开发者工具', role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于',
          click: () => {
            if (win) void dialog.showMessageBox(win, { type: 'info', title: '关于', message: `部门预算编制台 BudgetDesk ${app.getVersion()}`, detail: `离线编制部门预算与预算公开表。\n数据库：${dbPath ?? '（未打开）'}` });
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

// ------------------------------------------------------------------------------------------- protocol + security

function serveApp(request: Request): Promise<Response> | Response {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  // Single-page app: extension-less paths get index.html.
  const file = normalize(join(rendererDir, extname(rel) === '' ? 'index.html' : rel));
  if (!file.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 });
  return net.fetch(pathToFileURL(file).toString()).then((res) => {
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP_HEADER);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  }, () => new Response('Not found', { status: 404 }));
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP_HEADER] } });
  });
}

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => { if (!isAppUrl(url)) e.preventDefault(); });
  contents.on('will-redirect', (e, url) => { if (!isAppUrl(url)) e.preventDefault(); });
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

// ------------------------------------------------------------------------------------------- start

function createWindow(): void {
  win = new BrowserWindow({ ...WINDOW_OPTIONS, webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') } });
  win.on('page-title-updated', (e, title) => {
    e.preventDefault();
    pageTitle = title;
    updateTitle();
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => { win = null; });
  updateTitle();
  void win.loadURL(APP_START_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  let closedForQuit = false;
  app.on('before-quit', (e) => {
    quitting = true;
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
    protocol.handle(APP_SCHEME, serveApp);
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
