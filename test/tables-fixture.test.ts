// The reference budget's tables, derived through the real parser and built-in catalogs, against every
// figure printed in the reference disclosure (expected.json), blanks included.
import { describe, expect, it } from 'vitest';
import { TABLE_SPECS, cellAt, deriveTables, findRow, tableFigures, tablesToJson } from '../core/tables';
import type { RenderedGridTable, RenderedTable } from '../core/tables';
import { fixtureBudget } from './helpers/budget';
import { collectFigures, expectedFixture, plainFromRendered } from './helpers/table-figures';

const { budget, catalogs } = fixtureBudget();
const tables = deriveTables(budget, catalogs);
const grid = (name: string) => {
  const t = tables.find((x) => x.name === name);
  if (!t || t.layout !== 'grid') throw new Error(`no grid table ${name}`);
  return t;
};

describe('deriveTables on the reference budget', () => {
  it('yields the 12 tables in disclosure order with titles and meta line', () => {
    expect(tables.map((t) => t.name)).toEqual([
      '收支总表',
      '收入总表',
      '支出总表',
      '财政拨款收支总表',
      '一般公共预算财政拨款支出表',
      '一般公共预算财政拨款基本支出表',
      '政府性基金预算财政拨款支出表',
      '国有资本经营预算财政拨款支出表',
      '财政拨款“三公”经费支出表',
      '项目支出绩效目标表',
      '政府采购预算表',
      '固定资产占用情况表',
    ]);
    expect(tables.map((t) => t.no)).toEqual(TABLE_SPECS.map((_, i) => i + 1));
    expect(grid('收支总表').title).toBe('部门预算收支总表');
    expect(grid('收支总表').meta).toEqual({ department: '711 工会部门', period: '预算年度：2025', unit: '单位：万元' });
    expect(grid('固定资产占用情况表').meta).toEqual({ department: '711 工会部门', period: '截止时间：2024-12-31', unit: null });
  });

  it('prints every figure of expected.json in the right row and column', () => {
    const expected = expectedFixture().tables;
    const checks = collectFigures(expected, (name) => plainFromRendered(grid(name)));
    expect(checks.length).toBeGreaterThan(250);
    expect(checks.filter((c) => c.actual !== c.expected)).toEqual([]);
  });

  it('keeps empty tables with their headers and note', () => {
    for (const [name, spec] of Object.entries<any>(expectedFixture().tables)) {
      if (!spec.empty) continue;
      const t = grid(name);
      expect(t.empty, name).toBe(true);
      expect(t.rows).toEqual([]);
      expect(t.note).toBe(spec.note);
      expect(t.header.length).toBeGreaterThan(0);
    }
    expect(grid('政府采购预算表').note).toBe('注：无政府采购预算，空表列示。');
    expect(grid('固定资产占用情况表').note).toBe('注：无固定资产占用情况，空表列示。');
  });

  it('lays out headers and 栏次 like the reference', () => {
    const income = grid('收入总表');
    expect(income.headerRowCount).toBe(2);
    expect(income.lanci).toEqual(['栏次', ...Array.from({ length: 12 }, (_, i) => String(i + 1))]);
    expect(income.header.find((h) => h.label === '本年收入')).toMatchObject({ row: 0, col: 4, colSpan: 8, rowSpan: 1 });
    expect(income.header.find((h) => h.label === '合计')).toMatchObject({ row: 0, col: 3, rowSpan: 2 });
    expect(income.header.find((h) => h.label === '序号')).toMatchObject({ row: 0, col: 0, rowSpan: 2 });
    expect(grid('收支总表').lanci).toEqual(['栏次', '1', '2', '3', '4']);
    expect(grid('财政拨款收支总表').lanci.length).toBe(8);
    expect(grid('支出总表').lanci.length).toBe(9);
    expect(grid('一般公共预算财政拨款基本支出表').lanci.length).toBe(6);
    expect(grid('财政拨款“三公”经费支出表').lanci.length).toBe(6);
  });

  it('prints all 31 类 rows of 收支总表 in order, then the totals, numbered 1…34', () => {
    const t = grid('收支总表');
    expect(t.rows.length).toBe(34);
    expect(t.rows.map((r) => r.serial)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    const right = t.rows.map((r) => (r.cells[3]?.kind === 'text' ? r.cells[3].text : null));
    expect(right[0]).toBe('一、一般公共服务支出');
    expect(right[19]).toBe('二十、住房保障支出');
    expect(right[29]).toBe('三十、抗疫特别国债安排的支出');
    expect(right[30]).toBe('三十一、人行科目');
    expect(right.slice(31)).toEqual(['本年支出合计', '年终结转结余', '支出总计']);
    const left = t.rows.map((r) => (r.cells[1]?.kind === 'text' ? r.cells[1].text : null));
    expect(left.slice(0, 6)).toEqual([
      '一、一般公共预算拨款收入',
      '二、政府性基金预算拨款收入',
      '三、国有资本经营预算拨款收入',
      '四、财政专户管理资金收入',
      '五、单位资金',
      null,
    ]);
    expect(left.slice(31)).toEqual(['本年收入合计', '上年结转结余', '收入总计']);
    const fiscal = grid('财政拨款收支总表');
    expect(fiscal.rows.length).toBe(37);
    expect(fiscal.rows.slice(31).map((r) => (r.cells[1]?.kind === 'text' ? r.cells[1].text : null))).toEqual([
      '本年收入合计',
      '年初财政拨款结转和结余',
      '一、一般公共预算拨款',
      '二、政府性基金预算拨款',
      '三、国有资本经营预算拨款',
      '收入总计',
    ]);
  });

  it('keeps exact Fen behind each printed figure and rounds each cell on its own (47.23 vs 47.25)', () => {
    const t = grid('一般公共预算财政拨款支出表');
    const basic = cellAt(t, '合计', 'basic');
    expect(basic).toMatchObject({ kind: 'amount', fen: 47_232_550n, wan: '47.23', value: 47.23 });
    const details = ['2012901', '208', '210', '221'].map((k) => cellAt(t, k, 'basic'));
    expect(details.map((c) => (c?.kind === 'amount' ? c.wan : null))).toEqual(['2.75', '26.96', '13.37', '4.17']);
    const gb = grid('一般公共预算财政拨款基本支出表');
    expect(cellAt(gb, '合计', 'personnel')).toMatchObject({ fen: 43_945_050n, wan: '43.95' });
    expect(cellAt(gb, '合计', 'publicUse')).toMatchObject({ fen: 3_287_500n, wan: '3.29' });
    expect(findRow(t, '合计')?.spans).toEqual({ 1: 2 });
    expect(['合计', '201', '20129', '2012901'].map((k) => findRow(t, k)?.level)).toEqual([0, 1, 2, 3]);
    expect(['合计', '301', '30108'].map((k) => findRow(gb, k)?.level)).toEqual([0, 1, 2]);
    // codes are text cells, names come from the catalog
    expect(findRow(t, '2080505')?.cells.slice(1, 3)).toEqual([
      { kind: 'code', text: '2080505' },
      { kind: 'text', text: '机关事业单位基本养老保险缴费支出' },
    ]);
  });

  it('gives narrative/check figures in exact Fen', () => {
    const f = tableFigures(budget);
    expect(f.total).toBe(55_332_550n);
    expect(f.byKind.basic).toBe(47_232_550n);
    expect(f.byKind.project).toBe(8_100_000n);
    expect(f.generalBasic).toEqual({ total: 47_232_550n, personnel: 43_945_050n, publicUse: 3_287_500n });
    expect(f.adminOperating.total).toBe(3_287_500n);
    expect(f.adminOperating.byEconomic.get('30229')).toBe(1_949_500n);
    expect(f.threePublicTotal).toBe(0n);
    expect(f.projects.get('13030325P00496310001X')).toEqual({ total: 8_100_000n, fiscal: 8_100_000n, other: 0n });
    expect(f.bySource.general.current).toBe(55_332_550n);
    expect(f.fiscal.carryover).toBe(0n);
    expect([...f.classTotals]).toEqual([
      ['201', 10_845_500n],
      ['208', 26_956_000n],
      ['210', 13_366_000n],
      ['221', 4_165_050n],
    ]);
  });

  it('derives the 项目支出绩效目标表 block like section 七', () => {
    const t = tables.find((x) => x.id === 'performance') as Extract<RenderedTable, { layout: 'form' }>;
    expect(t.layout).toBe('form');
    expect(t.blocks.length).toBe(1);
    const b = t.blocks[0]!;
    expect(b.title).toBe('1、困难职工及劳模帮扶救助资金绩效目标表');
    const at = (row: number, col: number) => b.cells.find((c) => c.row === row && c.col === col)?.cell;
    expect(at(0, 1)).toEqual({ kind: 'code', text: '13030325P00496310001X' });
    expect(at(1, 2)).toMatchObject({ wan: '8.10' });
    expect(at(1, 4)).toMatchObject({ wan: '8.10' });
    expect(at(1, 6)).toMatchObject({ wan: null });
    expect(at(4, 4)).toEqual({ kind: 'text', text: '100' });
    expect(at(5, 1)).toEqual({ kind: 'text', text: '1.有效缓解困难职工状况\n2.加强和改进劳动模范管理和服务工作，有效解决和缓解劳模的生活状况' });
    expect(b.cells.find((c) => c.row === 7 && c.col === 0)).toMatchObject({ rowSpan: 4, cell: { text: '产出指标' } });
    expect(at(7, 4)).toEqual({ kind: 'text', text: '≥90%' });
    expect(b.rowCount).toBe(13);
  });

  it('serializes for IPC/HTTP with Fen as 元 strings', () => {
    const json = tablesToJson(tables);
    const t = json.find((x) => x.name === '一般公共预算财政拨款支出表')!;
    expect(t.layout).toBe('grid');
    if (t.layout !== 'grid') return;
    expect(t.rows[0]!.cells[4]).toEqual({ kind: 'amount', fen: '472325.50', wan: '47.23', value: 47.23 });
    expect(() => JSON.stringify(json)).not.toThrow();
  });

  it('is typed as grid for every other table', () => {
    expect(tables.filter((t) => t.layout === 'grid').length).toBe(11);
    const g = tables[0] as RenderedGridTable;
    expect(g.columns[0]!.kind).toBe('serial');
  });
});
