// The large budget (30,000 lines, 400 projects) through deriveTables + writeWorkbook, read back with
// exceljs: every printed cell of every table is in the workbook where the layout put it, merges
// included. Also the generic layout's invariants on every table.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sheetName, writeWorkbook } from '../core/export/xlsx';
import { deriveTables, layoutTable, tableFigures } from '../core/tables';
import { PAGE_BODY_PT } from '../core/tables/layout';
import type { RenderedTable, SheetLayout } from '../core/tables';
import { formatWan } from '../core/money';
import { largeBudget } from './helpers/large-budget';
import { plainFromSheet } from './helpers/table-figures';

let tables: RenderedTable[];
let layouts: SheetLayout[];
let wb: ExcelJS.Workbook;
const { budget, catalogs } = largeBudget();

beforeAll(async () => {
  tables = deriveTables(budget, catalogs);
  layouts = tables.map(layoutTable);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeWorkbook(tables)) as unknown as ExcelJS.Buffer);
});

describe('large budget workbook', () => {
  it('derives sizeable tables', () => {
    const count = (id: string) => {
      const t = tables.find((x) => x.id === id)!;
      return t.layout === 'grid' ? t.rows.length : t.blocks.length;
    };
    expect(count('income')).toBeGreaterThan(300);
    expect(count('performance')).toBe(400);
    expect(count('procurement')).toBe(201);
    expect(count('assets')).toBe(51);
  });

  it('layout merges never overlap and stay inside the grid', () => {
    for (const l of layouts) {
      const seen = new Set<string>();
      for (const m of l.merges) {
        expect(m.r1 >= m.r0 && m.c1 >= m.c0 && (m.r1 > m.r0 || m.c1 > m.c0)).toBe(true);
        expect(m.c1).toBeLessThan(l.columns.length);
        expect(m.r1).toBeLessThan(l.rows.length);
        for (let r = m.r0; r <= m.r1; r++)
          for (let c = m.c0; c <= m.c1; c++) {
            const k = `${r}:${c}`;
            expect(seen.has(k), k).toBe(false);
            seen.add(k);
          }
      }
    }
  });

  it('writes every layout cell with its value and every merge', () => {
    let values = 0;
    tables.forEach((t, k) => {
      const ws = wb.worksheets[k]!;
      expect(ws.name).toBe(t.name);
      const l = layouts[k]!;
      const slaves = new Set<string>();
      for (const m of l.merges) for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) slaves.add(`${r}:${c}`);
      l.rows.forEach((row, r) => {
        for (const lc of row.cells) {
          const cell = ws.getCell(r + 1, lc.c + 1);
          if (slaves.has(`${r}:${lc.c}`)) {
            expect(cell.isMerged).toBe(true);
            continue;
          }
          expect(cell.value ?? null, `${ws.name}!${cell.address}`).toBe(lc.v);
          values++;
        }
      });
      for (const m of l.merges) expect(ws.getCell(m.r1 + 1, m.c1 + 1).master.address).toBe(ws.getCell(m.r0 + 1, m.c0 + 1).address);
    });
    expect(values).toBeGreaterThan(40_000);
  });

  it('starts a 绩效目标 block on a new page when it would not fit the rest of the page', () => {
    const k = tables.findIndex((t) => t.id === 'performance');
    const l = layouts[k]!;
    expect(l.pageBreaksAfter.length).toBeGreaterThan(100);
    const starts = [0, ...l.pageBreaksAfter.map((r) => r + 1)];
    const ends = [...l.pageBreaksAfter, l.rows.length - 1];
    starts.forEach((s, i) => {
      if (i > 0) expect(l.rows[s + 1]!.cells[0]!.s).toBe('blockTitle'); // spacer, then the block title
      const repeated = i > 0 ? l.rows[l.printTitleRows![0]]!.height : 0;
      const page = l.rows.slice(s, ends[i]! + 1).reduce((h, r) => h + r.height, repeated);
      expect(page).toBeLessThanOrEqual(PAGE_BODY_PT);
    });
    const ws = wb.worksheets[k]!;
    expect(ws.getCell(l.pageBreaksAfter[0]! + 3, 1).value).toMatch(/^\d+、专项业务经费项目\d+绩效目标表$/);
  });

  it('balances 收支总表 and prints its totals from the exact sums', () => {
    const f = tableFigures(budget);
    const t = plainFromSheet(wb.getWorksheet('收支总表')!);
    const last = t.rows[t.rows.length - 1]!;
    expect(last[1]).toBe('收入总计');
    expect(last[2]).toBe(formatWan(f.total));
    expect(last[4]).toBe(formatWan(f.total));
  });

  it('names sheets within Excel rules', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b\\c?d*e[f]g:h', taken)).toBe('a_b_c_d_e_f_g_h');
    const long = '一'.repeat(40);
    expect(sheetName(long, taken)).toBe('一'.repeat(31));
    expect(sheetName(long, taken)).toBe(`${'一'.repeat(29)}_2`);
    expect(sheetName('Sheet', taken)).toBe('Sheet');
    expect(sheetName('sheet', taken)).toBe('sheet_2');
  });
});
