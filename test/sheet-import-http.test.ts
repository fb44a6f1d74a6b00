// 导入明细表 through the real browser-mode HTTP server on a real SQLite file (issue 20 point 2, issue 19 hole 4,
// issue 21): one import is ONE undo step (above 20,000 rows a 导入明细表前 backup first instead); a sheet whose lines are all in the budget already is refused unless
// `append`; misplaced thousands separators are refused by the app's one amount reader; the preview says
// which sheet it read, the other sheets it could take, the hidden columns, the skipped rows and the names matched.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../api/handlers';
import { startServer, type RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { postApi } from './helpers/http-api';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;
const api = (channel: string, args: unknown) => postApi(srv, channel, args);
const budget = { dept: '901', year: 2025 };
const HEADER = '预算单位,功能科目,经济科目,资金性质,项目名称,金额';
const row = (amount: string, project = '') => `901001 本级,2012901 行政运行,30201 办公费,一般公共预算拨款,${project},"${amount}"`;
const csv = (rows: string[]) => ({ budget, fileName: 'sheet.csv', data: Buffer.from([HEADER, ...rows].join('\n')).toString('base64') });
const total = async () => (await api('budget.totals', { budget })).value.total as string;

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('sheets.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 8 * 1024 * 1024 });
  expect((await api('budgets.create', { deptCode: '901', deptName: '万里街道办事处', year: 2025 })).ok).toBe(true);
  expect((await api('units.add', { budget, unit: { code: '901001', name: '万里街道办事处（机关）' } })).ok).toBe(true);
});
afterAll(async () => {
  await srv?.close();
  engine?.close();
  tmp?.cleanup();
});

describe('sheets over HTTP', () => {
  it('refuses 1,5 and the other misplaced separators in preview and import, naming row and column; stores nothing', async () => {
    for (const amount of ['1,5', '12,34', '1.2,3', '1,,,2', '12,3456', '1,234.5,6']) {
      const p = await api('sheets.preview', csv([row(amount)]));
      expect(p.ok, amount).toBe(true);
      expect(p.value.problems.join('；'), amount).toContain(`第 2 行“金额”：“${amount}”不是有效的金额`);
      const r = await api('sheets.import', csv([row(amount)]));
      expect(r.ok, amount).toBe(false);
    }
    expect(await total()).toBe('0.00');
  });

  it('one import is one undo step; the same sheet again is refused unless append; replace stays', async () => {
    const sheet = csv([row('1,234.50'), row('100')]);
    const first = await api('sheets.import', sheet);
    expect(first.ok).toBe(true);
    expect(first.value.backup).toBeNull();
    expect(await total()).toBe('1334.50');
    const state = (await api('edit.state', { budget })).value;
    expect(state.canUndo).toBe(true);
    expect(state.undoLabel).toContain('导入明细表');

    const preview = await api('sheets.preview', sheet);
    expect(preview.value.alreadyIn).toBe(true);
    const again = await api('sheets.import', sheet);
    expect(again.ok).toBe(false);
    expect(again.error.message).toContain('已全部在部门 901 万里街道办事处 2025 年预算中');
    expect(again.error.message).toContain('追加');
    expect(await total()).toBe('1334.50');

    expect((await api('sheets.import', { ...sheet, append: true })).ok).toBe(true);
    expect(await total()).toBe('2669.00');
    expect((await api('edit.undo', { budget })).ok).toBe(true);
    expect(await total()).toBe('1334.50');
    expect((await api('sheets.import', { ...sheet, replace: true })).ok).toBe(true);
    expect(await total()).toBe('1334.50');
    expect((await api('edit.undo', { budget })).ok).toBe(true);
    expect(await total()).toBe('1334.50');
    expect((await api('edit.undo', { budget })).ok).toBe(true);
    expect(await total()).toBe('0.00');
  });

  it('a project by name alone is created, and undo of that import removes it with its lines', async () => {
    const sheet = { ...csv([row('500', '社区服务项目')].map((r) => r.replace('一般公共预算拨款', '一般公共预算拨款'))) };
    const preview = await api('sheets.preview', sheet);
    expect(preview.value.problems).toEqual([]);
    expect(preview.value.newProjects).toEqual(['901001XM001 社区服务项目']);
    expect((await api('sheets.import', sheet)).ok).toBe(true);
    expect((await api('projects.list', { budget })).value.map((p: { code: string }) => p.code)).toEqual(['901001XM001']);
    expect((await api('edit.undo', { budget })).ok).toBe(true);
    expect((await api('projects.list', { budget })).value).toEqual([]);
    expect(await total()).toBe('0.00');
  });

  it('the preview names the sheet read, the other sheets, hidden columns, skipped rows and names matched', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填报说明').addRow(['请按科目表填写']);
    const ws = wb.addWorksheet('明细');
    ws.addRow(['单位名称', '功能科目', '经济科目', '资金性质', '预算数（一上）', '预算数']);
    ws.getColumn(5).hidden = true;
    ws.addRow(['万里街道办事处(机关)', '2012901-行政运行', '30201-办公费', '一般公共预算拨款', 999, 700]);
    ws.addRow(['万里街道办事处小计', null, null, null, 999, 700]);
    ws.addRow(['制表人：张三', null, '审核人：李四', null, null, null]);
    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await api('sheets.preview', { budget, fileName: 'book.xlsx', data });
    expect(p.ok).toBe(true);
    expect(p.value.problems).toEqual([]);
    expect(p.value.sheetName).toBe('明细');
    expect(p.value.total).toBe('700.00');
    expect(p.value.columns.find((c: { letter: string }) => c.letter === 'E')).toMatchObject({ hidden: true, field: null });
    expect(p.value.skippedRows).toEqual([
      { row: 3, text: expect.stringContaining('小计'), footer: false },
      { row: 4, text: expect.stringContaining('制表人'), footer: true },
    ]);
    expect(p.value.matched).toEqual(['预算单位“万里街道办事处(机关)” → 901001 万里街道办事处（机关）']);
  });

  it('two visible 预算数 columns are a problem naming both, never a silent choice; the clerk picks one', async () => {
    const data = Buffer.from(
      ['预算单位,功能科目,经济科目,资金性质,预算数,预算数', '901001 本级,2012901 行政运行,30201 办公费,一般公共预算拨款,10,20'].join('\n'),
    ).toString('base64');
    const p = await api('sheets.preview', { budget, fileName: 'two.csv', data });
    expect(p.value.problems.join('；')).toContain('E 列“预算数”和 F 列“预算数”都可作为“金额”');
    const chosen = await api('sheets.preview', { budget, fileName: 'two.csv', data, choices: { 4: null, 5: 'amount' } });
    expect(chosen.value.problems).toEqual([]);
    expect(chosen.value.total).toBe('20.00');
  });

  it('the wide form: 合计 checked, never the amount; a kind column left unread is refused, not misread', async () => {
    const rows = [
      '（单位：万元）',
      '单位名称,功能科目,经济科目,项目名称,资金来源,合计,基本支出,项目支出',
      '万里街道办事处(机关),2012901 行政运行,30201 办公费,,一般公共预算拨款,1.5,1.5,-',
      '万里街道办事处(机关),2012901 行政运行,30201 办公费,社区服务项目,一般公共预算拨款,0.25,0.00,0.25',
    ];
    const data = Buffer.from(rows.join('\n')).toString('base64');
    const p = await api('sheets.preview', { budget, fileName: 'wide.csv', data });
    expect(p.value.problems).toEqual([]);
    expect(p.value.byKind).toEqual([
      { label: '基本支出', amount: '15000.00' },
      { label: '项目支出', amount: '2500.00' },
    ]);
    expect(p.value.columns.find((c: { header: string }) => c.header === '合计').field).toBe('rowTotal');
    const unread = await api('sheets.preview', { budget, fileName: 'wide.csv', data, choices: { 7: null } });
    expect(unread.value.problems.join('；')).toContain('H 列“项目支出”有金额（共 2,500.00 元）但未导入');
    const bad = await api('sheets.preview', {
      budget,
      fileName: 'wide.csv',
      data: Buffer.from(rows.map((r) => r.replace(',1.5,1.5,', ',1.6,1.5,')).join('\n')).toString('base64'),
    });
    expect(bad.value.problems.join('；')).toContain('第 3 行“合计”：合计 16,000.00 元与各分列之和 15,000.00 元不符');
  });
});

describe('a sheet too large to undo', () => {
  it("more than 20,000 lines: a 导入明细表前 backup first, named in the result, and the budget's history dropped", async () => {
    const big = { dept: '902', year: 2025 };
    expect((await api('budgets.create', { deptCode: '902', deptName: '海港街道办事处', year: 2025 })).ok).toBe(true);
    expect((await api('units.add', { budget: big, unit: { code: '902001', name: '本级' } })).ok).toBe(true);
    expect((await api('edit.state', { budget: big })).value.canUndo).toBe(true);
    const rows = Array.from({ length: 20_001 }, (_, i) => `902001 本级,2012901 行政运行,30201 办公费,一般公共预算拨款,,"${(i % 900) + 1}.00"`);
    const r = await api('sheets.import', { budget: big, fileName: 'big.csv', data: Buffer.from([HEADER, ...rows].join('\n')).toString('base64') });
    expect(r.ok).toBe(true);
    expect(r.value.lines).toBe(20_001);
    expect(r.value.backup).toMatch(/before-sheet\.sqlite$/);
    expect((await api('backup.list', {})).value.backups.map((b: { reasonName: string }) => b.reasonName)).toContain('导入明细表前');
    expect((await api('edit.state', { budget: big })).value.canUndo).toBe(false);
  });
});
