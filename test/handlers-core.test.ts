// The handler map over a real SQLite file in a temp dir: budgets, batch line adds (all or nothing with
// Chinese row errors), single-field updates, undo/redo, exact totals, and the other channels' round trips.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LineInput } from '../api/contract';
import { generateBudgetDoc, SHAPES } from '../bench/generate';
import { FIXTURE_PATH } from './helpers/fixture';
import { useTestEngine } from './helpers/engine';

const fx = useTestEngine();
const { call, value } = fx;

const budget = { dept: '901', year: 2025 };
const line = (over: Partial<LineInput> = {}): LineInput => ({
  unit: '901001',
  function: '2012901',
  economic: '30101',
  kind: 'basic',
  source: 'general',
  amount: '100.00',
  ...over,
});

async function freshBudget(): Promise<void> {
  await value('db.create', { path: fx.tmp.file('b.sqlite') });
  await value('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 });
  await value('units.add', { budget, unit: { code: '901001', name: '测试部门本级', nature: '行政' } });
}

describe('database and budgets', () => {
  it('refuses budget calls before a database is open, in Chinese', async () => {
    const s = await value('db.status', {});
    expect(s).toEqual({ open: false, path: null, defaultPath: fx.tmp.file('default.sqlite') });
    const r = await call('lines.list', { budget });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('no_database');
      expect(r.error.message).toMatch(/数据库/);
    }
  });

  it('creates a database and a budget, and will not create over an existing file', async () => {
    await freshBudget();
    expect(await value('budgets.list', {})).toEqual([{ dept: '901', deptName: '测试部门', year: 2025, finalized: false, lineCount: 0, total: '0.00' }]);
    fx.engine.close();
    const again = await call('db.create', { path: fx.tmp.file('b.sqlite') });
    expect(again.ok === false && again.error.code).toBe('conflict');
    const opened = await value('db.open', { path: fx.tmp.file('b.sqlite') });
    expect(opened.open).toBe(true);
    const dup = await call('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 });
    expect(dup.ok === false && dup.error.code).toBe('conflict');
  });

  it('rejects malformed arguments with a Chinese message naming the field', async () => {
    await freshBudget();
    const r = await fx.engine.handlers['lines.add']({ budget, lines: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_args');
      expect(r.error.field).toBe('lines');
      expect(r.error.message).toMatch(/^明细应为列表/); // issue 12 §4: the clerk's word, not the key
    }
    const y = await fx.engine.handlers['budget.totals']({ budget: { dept: '901', year: 'x' } });
    expect(!y.ok && y.error.field).toBe('budget.year');
  });
});

describe('lines', () => {
  beforeEach(freshBudget);

  it('adds a batch all or nothing: one bad row → nothing stored, Chinese row errors', async () => {
    const r = await call('lines.add', { budget, lines: [line(), line({ amount: '12.345' }), line({ economic: '301' }), line()] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.message).toMatch(/共 2 行有误，未添加任何明细/);
    expect(r.error.rows).toEqual([
      { row: 1, field: 'amount', message: '金额：金额最多两位小数' },
      { row: 2, field: 'economic', message: expect.stringMatching(/^经济分类科目：.*明细只能使用 5 位款级科目$/) },
    ]);
    expect(await value('lines.list', { budget })).toEqual([]);
    expect((await value('budget.totals', { budget })).total).toBe('0.00');
    // A pasted row with empty or missing cells gets row-level reasons too.
    const partial = await call('lines.add', { budget, lines: [line(), { unit: '901001', function: '2012901', economic: '30101', kind: 'basic' }] });
    expect(!partial.ok && partial.error.rows).toEqual([
      { row: 1, field: 'source', message: expect.stringMatching(/^资金来源：缺少资金来源/) },
      { row: 1, field: 'amount', message: '金额：金额不能为空' },
    ]);
  });

  it('accepts pasted forms (Chinese kind/source names, thousands separators) and totals exactly', async () => {
    const { ids } = await value('lines.add', {
      budget,
      lines: [
        line({ amount: '1,234.56', kind: '基本支出', source: '一般公共预算拨款' }), // 301 人员经费
        line({ economic: '30201', amount: '0.07' }), // 302 公用经费
        line({ economic: '30301', amount: '99999999999.99', source: 'business' }), // 303 人员经费, 单位资金
      ],
    });
    expect(ids).toHaveLength(3);
    const t = await value('budget.totals', { budget });
    // 1234.56 + 0.07 + 99999999999.99 = 100000001234.62 (beyond float-safe 分 sums only in bigint)
    expect(t).toEqual({
      total: '100000001234.62',
      basic: '100000001234.62',
      project: '0.00',
      personnel: '100000001234.55',
      publicExpense: '0.07',
      other: '0.00',
      fiscal: '1234.63',
      lineCount: 3,
    });
    const lines = await value('lines.list', { budget });
    expect(lines.map((l) => [l.kind, l.source, l.amount])).toEqual([
      ['basic', 'general', '1234.56'],
      ['basic', 'general', '0.07'],
      ['basic', 'business', '99999999999.99'],
    ]);
  });

  it('updates one field, refuses a bad one with its field named, and undoes/redoes', async () => {
    const { ids } = await value('lines.add', { budget, lines: [line({ amount: '100.00' })] });
    const id = ids[0]!;
    const u = await value('lines.update', { budget, id, changes: { amount: '250.50' } });
    expect(u.amount).toBe('250.50');
    const bad = await call('lines.update', { budget, id, changes: { function: '9999999' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.field).toBe('function');
      expect(bad.error.message).toMatch(/^功能分类科目：.*9999999 不在 2025 年科目表中/);
    }
    expect(await value('edit.state', { budget })).toEqual({ canUndo: true, canRedo: false, undoLabel: '修改金额', redoLabel: null });

    const un = await value('edit.undo', { budget });
    expect(un.applied).toBe('修改金额');
    expect((await value('lines.list', { budget }))[0]!.amount).toBe('100.00');
    expect((await value('budget.totals', { budget })).total).toBe('100.00');
    await value('edit.redo', { budget });
    expect((await value('lines.list', { budget }))[0]!.amount).toBe('250.50');

    // Undo the update, the add, then the unit of freshBudget: the history is empty.
    await value('edit.undo', { budget });
    await value('edit.undo', { budget });
    expect(await value('lines.list', { budget })).toEqual([]);
    expect((await value('edit.state', { budget })).undoLabel).toBe('添加预算单位 901001');
    await value('edit.undo', { budget });
    expect(await value('units.list', { budget })).toEqual([]);
    const none = await call('edit.undo', { budget });
    expect(!none.ok && none.error.code).toBe('nothing_to_undo');
    expect(!none.ok && none.error.message).toBe('没有可撤销的操作');
    // Redo the unit and the add: the line comes back with its id, so the redo of the update finds it.
    await value('edit.redo', { budget });
    await value('edit.redo', { budget });
    await value('edit.redo', { budget });
    expect(await value('lines.list', { budget })).toEqual([expect.objectContaining({ id, amount: '250.50' })]);
  });

  it('a new edit clears redo; delete is undone with the same id', async () => {
    const { ids } = await value('lines.add', { budget, lines: [line(), line({ amount: '5.00' })] });
    expect(await value('lines.delete', { budget, ids: [ids[0]!] })).toEqual({ deleted: 1 });
    await value('edit.undo', { budget });
    expect((await value('lines.list', { budget })).map((l) => l.id)).toEqual(ids);
    await value('lines.update', { budget, id: ids[1]!, changes: { memo: '备注' } });
    expect((await value('edit.state', { budget })).canRedo).toBe(false);
  });

  it('kind changes: to 项目支出 needs a project, away from it clears the project', async () => {
    await value('projects.add', { budget, project: { code: 'P1', name: '项目一', unit: '901001', goals: ['目标'], indicators: [] } });
    const { ids } = await value('lines.add', { budget, lines: [line()] });
    const id = ids[0]!;
    const noProject = await call('lines.update', { budget, id, changes: { kind: 'project' } });
    expect(!noProject.ok && noProject.error.field).toBe('project');
    expect(!noProject.ok && noProject.error.message).toMatch(/项目支出必须指明项目编码/);
    expect((await value('lines.update', { budget, id, changes: { kind: 'project', project: 'P1' } })).project).toBe('P1');
    const back = await value('lines.update', { budget, id, changes: { kind: 'basic' } });
    expect([back.kind, back.project]).toEqual(['basic', null]);
  });

  it('refuses writes to a finalized (定稿) budget', async () => {
    await value('lines.add', { budget, lines: [line()] });
    await value('years.finalize', { budget, despiteErrors: true });
    const r = await call('lines.add', { budget, lines: [line()] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('finalized');
      expect(r.error.message).toMatch(/已定稿，不能修改/);
    }
    const u = await call('edit.undo', { budget });
    expect(!u.ok && u.error.code).toBe('finalized');
    expect(await value('lines.list', { budget })).toHaveLength(1);
  });

  it('will not delete a unit that still has lines', async () => {
    await value('lines.add', { budget, lines: [line()] });
    const r = await call('units.delete', { budget, code: '901001' });
    expect(!r.ok && r.error.code).toBe('conflict');
    expect(!r.ok && r.error.message).toMatch(/还有 1 条明细属于该单位/);
  });
});

describe('units, projects, procurement, assets, narrative', () => {
  beforeEach(freshBudget);

  it('validates with the import rules and names the field', async () => {
    const noName = await call('units.add', { budget, unit: { code: '901002', name: ' ' } });
    expect(!noName.ok && noName.error.message).toBe('单位名称：不能为空');
    const dup = await call('units.add', { budget, unit: { code: '901001', name: '重复' } });
    expect(!dup.ok && dup.error.message).toMatch(/单位编码 901001 重复/);
    const badInd = await call('projects.add', {
      budget,
      project: { code: 'P1', name: '项目一', unit: '901001', indicators: [{ level1: '产出指标', level2: '社会效益指标', name: 'x', op: '≥', value: '1' }] },
    });
    expect(!badInd.ok && badInd.error.message).toMatch(/第 1 个绩效指标的二级指标：“社会效益指标” 不是“产出指标”下的二级指标/);
  });

  it('renames a unit: its lines and projects follow, and undo renames them back', async () => {
    await value('projects.add', { budget, project: { code: 'P1', name: '项目一', unit: '901001' } });
    await value('lines.add', { budget, lines: [line(), line({ kind: 'project', project: 'P1' })] });
    await value('units.update', { budget, code: '901001', unit: { code: '901009', name: '改名后', nature: '行政' } });
    expect((await value('lines.list', { budget })).map((l) => l.unit)).toEqual(['901009', '901009']);
    expect((await value('projects.list', { budget }))[0]!.unit).toBe('901009');
    await value('edit.undo', { budget });
    expect((await value('lines.list', { budget })).map((l) => l.unit)).toEqual(['901001', '901001']);
    expect(await value('units.list', { budget })).toEqual([{ code: '901001', name: '测试部门本级', nature: '行政', grade: '', funding: '' }]);
  });

  it('backs the database up to another file', async () => {
    await value('lines.add', { budget, lines: [line({ amount: '7.00' })] });
    const same = await call('db.backup', { path: fx.tmp.file('b.sqlite') });
    expect(!same.ok && same.error.message).toMatch(/备份文件不能是当前数据库本身/);
    // A lone surrogate cannot name a file (Node and SQLite would each write a different name): refused.
    const lone = await call('db.backup', { path: fx.tmp.file('\ud800.sqlite') });
    expect(!lone.ok && [lone.error.code, lone.error.message]).toEqual(['invalid_args', '文件位置含有无效的字符'] /* issue 12 §4 */);
    expect((await value('db.backup', { path: fx.tmp.file('backup/copy.sqlite') })).path).toBe(fx.tmp.file('backup/copy.sqlite'));
    await value('db.open', { path: fx.tmp.file('backup/copy.sqlite') });
    expect((await value('budget.totals', { budget })).total).toBe('7.00');
  });

  it('projects with goals and indicators: add, update, undo', async () => {
    const p = {
      code: 'P1',
      name: '项目一',
      unit: '901001',
      purpose: '用途',
      goals: ['目标一', '目标二'],
      indicators: [{ level1: '产出指标', level2: '数量指标', name: '完成率', description: '', op: '≥', value: '90', unit: '%', basis: '行业标准' }],
    };
    await value('projects.add', { budget, project: p });
    await value('projects.update', { budget, code: 'P1', project: { ...p, code: 'P2', goals: ['新目标'] } });
    expect((await value('projects.list', { budget })).map((x) => [x.code, x.goals])).toEqual([['P2', ['新目标']]]);
    await value('edit.undo', { budget });
    const back = await value('projects.list', { budget });
    expect(back).toEqual([expect.objectContaining({ code: 'P1', goals: ['目标一', '目标二'], indicators: [expect.objectContaining({ name: '完成率' })] })]);
    await value('projects.delete', { budget, code: 'P1' });
    expect(await value('projects.list', { budget })).toEqual([]);
    await value('edit.undo', { budget });
    expect((await value('projects.list', { budget }))[0]!.indicators).toHaveLength(1);
  });

  it('procurement and assets keep exact amounts; narrative round-trips with free keys', async () => {
    const row = await value('procurement.add', { budget, row: { item: '计算机', quantity: '2', unitPrice: '4500.5', source: 'general', amount: '9001.00' } });
    expect([row.unitPrice, row.amount, row.sme]).toEqual(['4500.50', '9001.00', null]);
    const bad = await call('procurement.update', { budget, id: row.id, row: { item: '计算机', source: 'nope', amount: '1' } });
    expect(!bad.ok && bad.error.message).toMatch(/^资金来源：“nope” 不是有效的资金来源/);
    const a = await value('assets.add', { budget, row: { item: '房屋', quantity: '1', value: '0' } });
    expect(a.value).toBe('0.00');
    const asOf = await call('assets.setAsOf', { budget, asOf: '2024/12/31' });
    expect(!asOf.ok && asOf.error.message).toMatch(/^资产统计日期：必须是 YYYY-MM-DD/);
    const n = {
      duties: [{ title: '职责', text: '内容' }],
      performanceGoals: ['目标'],
      changeReasons: { basic: '增', project: '减' },
      other: '',
      glossary: ['部门预算：部门综合预算'],
    };
    expect(await value('narrative.set', { budget, narrative: n })).toEqual(n);
    await value('edit.undo', { budget });
    expect((await value('narrative.get', { budget })).duties).toEqual([]);
  });
});

describe('catalog, tables, export, import', () => {
  it('imports the reference budget file, totals it exactly, previews, exports and re-imports', async () => {
    await value('db.create', { path: fx.tmp.file('r.sqlite') });
    const text = readFileSync(FIXTURE_PATH, 'utf8');
    const imp = await value('import.budgetFile', { fileName: '711-2025.budget.json', text });
    expect(imp.budget).toEqual({ dept: '711', year: 2025 });
    const ref = imp.budget;
    // Expected total from the file's own strings, summed in integer 分 independently of core/money.
    const doc = JSON.parse(text) as { lines: { amount: string; kind: string }[] };
    const fenOf = (s: string) => {
      const [i, d = ''] = s.split('.');
      return BigInt(i!) * 100n + BigInt(d.padEnd(2, '0'));
    };
    const sum = (f: (l: { kind: string }) => boolean) => doc.lines.filter(f).reduce((t, l) => t + fenOf(l.amount), 0n);
    const yuan = (f: bigint) => `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`;
    const t = await value('budget.totals', { budget: ref });
    expect([t.total, t.basic, t.project]).toEqual([yuan(sum(() => true)), yuan(sum((l) => l.kind === 'basic')), yuan(sum((l) => l.kind === 'project'))]);

    const again = await call('import.budgetFile', { fileName: 'x.json', text });
    expect(!again.ok && again.error.code).toBe('conflict');
    expect((await value('import.budgetFile', { fileName: 'x.json', text, replace: true })).replaced).toBe(true);

    const tables = await value('tables.preview', { budget: ref });
    expect(tables.length).toBe(12);
    expect(() => JSON.stringify(tables)).not.toThrow();

    const file = await value('export.budgetFile', { budget: ref });
    expect(file.fileName).toBe('711-2025.budget.json');
    const exported = JSON.parse(Buffer.from(file.data, 'base64').toString('utf8')) as { lines: unknown[] };
    expect(exported.lines).toHaveLength(doc.lines.length);

    const wb = await value('export.workbook', { budget: ref });
    expect(wb.fileName).toMatch(/^711.*2025年部门预算公开表\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(wb.data, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBe(tables.length);
  });

  it('gives the 绩效目标表 a page of blocks at a time, numbered and filled as in the whole table', async () => {
    await value('db.create', { path: fx.tmp.file('p.sqlite') });
    const ref = (await value('import.budgetFile', { fileName: 'm.json', text: JSON.stringify(generateBudgetDoc(SHAPES.medium, 3)) })).budget;
    expect((await value('tables.list', {})).find((x) => x.id === 'performance')?.layout).toBe('form');
    const [whole] = await value('tables.preview', { budget: ref, table: 'performance' });
    if (whole?.layout !== 'form') throw new Error('form');
    expect(whole.blockRange).toBeUndefined();
    const page = async (from: number, count: number) => {
      const [t] = await value('tables.preview', { budget: ref, table: 'performance', blocks: { from, count } });
      if (t?.layout !== 'form') throw new Error('form');
      return t;
    };
    const second = await page(50, 50);
    expect(second.blockRange).toEqual({ from: 50, total: whole.blocks.length });
    expect(second.blocks).toEqual(whole.blocks.slice(50, 100));
    expect(second.blocks[0]!.title).toMatch(/^51、/);
    // Past the end: no block, and the table is still not 空表列示.
    const past = await page(whole.blocks.length, 10);
    expect([past.blocks.length, past.empty, past.note]).toEqual([0, false, null]);
    // A grid table ignores it; a count out of bounds is refused in Chinese.
    const [summary] = await value('tables.preview', { budget: ref, table: 'summary', blocks: { from: 0, count: 5 } });
    expect(summary?.layout).toBe('grid');
    const bad = await call('tables.preview', { budget: ref, table: 'performance', blocks: { from: 0, count: 5000 } });
    expect(!bad.ok && /[\u4e00-\u9fff]/.test(bad.error.message)).toBe(true);
  });

  it('searches the catalog by code prefix or part of the name, with the 类›款›项 path', async () => {
    await value('db.create', { path: fx.tmp.file('c.sqlite') });
    const byCode = await value('catalog.search', { year: 2025, kind: 'function', query: '2012901' });
    expect(byCode).toEqual([{ code: '2012901', name: '行政运行', path: '一般公共服务支出›群众团体事务›行政运行', leaf: true, origin: 'builtin' }]);
    const prefix = await value('catalog.search', { year: 2025, kind: 'function', query: '20129' });
    expect(prefix.map((h) => h.code)).toEqual(expect.arrayContaining(['20129', '2012901', '2012902']));
    expect(prefix.every((h) => h.code.startsWith('20129'))).toBe(true);
    const byName = await value('catalog.search', { year: 2025, kind: 'function', query: '行政运行', leafOnly: true });
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((h) => h.leaf && h.name.includes('行政运行'))).toBe(true);
    const added = await value('catalog.add', { year: 2025, kind: 'function', code: '2012998', name: '群众团体测试支出' });
    expect(added).toEqual(expect.objectContaining({ code: '2012998', leaf: true, origin: 'manual', path: '一般公共服务支出›群众团体事务›群众团体测试支出' }));
    const imported = await value('catalog.import', {
      year: 2025,
      kind: 'economic',
      fileName: 'e.csv',
      data: Buffer.from('编码,名称\n302,商品和服务支出\n30299,其他商品和服务支出（改）\n').toString('base64'),
    });
    expect(imported.updated + imported.added).toBe(2);
    expect((await value('catalog.search', { year: 2025, kind: 'economic', query: '30299' }))[0]!.name).toBe('其他商品和服务支出（改）');
  });
});
