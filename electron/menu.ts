// The application menu: 文件 (database, import, export, backup), 编辑 (撤销/重做 go to the page), 视图, 帮助.
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { backupFromMenu, dialogCreateDb, dialogOpenDb, importBudgetFileFromMenu, restoreFromMenu } from './dialogs';
import { main, sendMenu } from './main-state';

export function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        {
          label: '新建数据库…',
          accelerator: 'CmdOrCtrl+N',
          click: () =>
            void dialogCreateDb().then((r) =>
              r.ok ? r.value && sendMenu({ type: 'db-changed', status: r.value }) : sendMenu({ type: 'error', error: r.error }),
            ),
        },
        {
          label: '打开数据库…',
          accelerator: 'CmdOrCtrl+O',
          click: () =>
            void dialogOpenDb().then((r) =>
              r.ok ? r.value && sendMenu({ type: 'db-changed', status: r.value }) : sendMenu({ type: 'error', error: r.error }),
            ),
        },
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
        ...(app.isPackaged
          ? []
          : [{ type: 'separator' as const }, { label: '重新加载', role: 'reload' as const }, { label: '开发者工具', role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于',
          click: () => {
            if (main.win)
              void dialog.showMessageBox(main.win, {
                type: 'info',
                title: '关于',
                message: `部门预算编制台 BudgetDesk ${app.getVersion()}`,
                detail: `离线编制部门预算与预算公开表。\n数据库：${main.dbPath ?? '（未打开）'}`,
              });
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
