// budget summary through the real CLI: several departments of a year in one database. The 12 standard
// tables of the summary equal those of ONE budget file holding all their lines; 部门汇总表 gives each
// department's own totals (read back from each department's own database budget) and marks the
// departments that are not 定稿.
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { wanCellValue, type Fen } from '../core/money';
import { tableFigures } from '../core/tables';
import { loadBudget } from '../db/budgets';
import { openDatabase } from '../db/open';
import { useCli } from './helpers/cli';
import { departmentDoc, workbookValues } from './helpers/multi-unit';

const fx = useCli();
const { budget } = fx;

const DEPTS = [
  ['801', '教育局'],
  ['802', '卫生健康委员会'],
  ['803', '农业农村局'],
] as const;

describe('budget summary', () => {
  test("the 12 tables equal one budget holding every department's lines; 部门汇总表 rows are each department's totals", async () => {
    const docs = DEPTS.map(([code, name], i) => departmentDoc(code, name, 100 + i));
    const db = fx.tmp.file('bureau.db');
    for (const [i, d] of docs.entries()) {
      const f = fx.tmp.file(`d${i}.budget.json`);
      writeFileSync(f, JSON.stringify(d));
      expect(budget('import', f, '--db', db).code).toBe(0);
    }
    expect(budget('finalize', db, '--year', '2025', '--dept', '802', '--despite-errors').code).toBe(0);

    // One budget file with all the lines (and units, projects, procurement, assets) of the three.
    const all = { ...docs[0]!, department: { code: '999', name: '全部部门' } } as Record<string, unknown>;
    for (const k of ['units', 'lines', 'projects', 'procurement', 'assets'] as const) all[k] = docs.flatMap((d) => d[k] as unknown[]);
    const allFile = fx.tmp.file('all.budget.json');
    writeFileSync(allFile, JSON.stringify(all));
    const oneDb = fx.tmp.file('one.db');
    expect(budget('import', allFile, '--db', oneDb).code).toBe(0);
    const oneX = fx.tmp.file('one.xlsx');
    expect(budget('export', oneDb, '--year', '2025', '--xlsx', oneX).code).toBe(0);

    const out = fx.tmp.file('summary.xlsx');
    const r = budget('summary', db, '--year', '2025', '--xlsx', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 个部门的汇总表（13 张表');
    expect(r.out).toContain('其中 2 个部门未定稿');

    const s = await workbookValues(out);
    const one = await workbookValues(oneX);
    const names = Object.keys(s);
    expect(names[0]).toBe('部门汇总表');
    expect(names.slice(1)).toEqual(Object.keys(one));
    for (const sheet of Object.keys(one)) {
      // The header row names 汇总 where the one budget names its department.
      const expected = one[sheet]!.map((row) => row?.map((v) => (v === '999 全部部门' ? '汇总' : v)));
      expect(s[sheet], sheet).toEqual(expected);
      expect(s[sheet]!.flat()).toContain('汇总');
    }

    // 部门汇总表: each department's own figures, rounded cell by cell; the 合计 row the exact sums, rounded once.
    const rows = s['部门汇总表']!;
    const header = rows.findIndex((row) => row?.includes('部门编码'));
    const cols = rows[header]!;
    const col = (label: string) => cols.indexOf(label);
    const opened = openDatabase(db, { create: false, readonly: true });
    const sums: Fen[] = [0n, 0n, 0n, 0n, 0n, 0n];
    try {
      for (const [code, name] of DEPTS) {
        const row = rows.find((x) => x?.[col('部门编码')] === code)!;
        expect(row[col('部门名称')]).toBe(name);
        const f = tableFigures(loadBudget(opened, code, 2025));
        const own: Fen[] = [f.total, f.fiscal.total, f.byKind.basic, f.byKind.project, f.threePublicTotal, f.adminOperating.total];
        own.forEach((v, i) => {
          sums[i]! += v;
        });
        // A figure a department does not have is 0.00, not a blank cell.
        expect(['收入总计', '财政拨款', '基本支出', '项目支出', '“三公”经费', '机关运行经费'].map((l) => row[col(l)])).toEqual(
          own.map((v) => wanCellValue(v) ?? 0),
        );
        expect(row[col('状态')] ?? null).toBe(code === '802' ? null : '未定稿');
        expect(f.total).toBeGreaterThan(0n);
      }
    } finally {
      opened.close();
    }
    const total = rows.find((x) => x?.includes('合计'))!;
    expect(['收入总计', '财政拨款', '基本支出', '项目支出', '“三公”经费', '机关运行经费'].map((l) => total[col(l)])).toEqual(
      sums.map((v) => wanCellValue(v) ?? 0),
    );
    expect(total[col('序号')] ?? null).toBeNull(); // the 合计 row carries no row number
    expect(rows.flat().some((v) => typeof v === 'string' && v.includes('未定稿'))).toBe(true);
  }, 120_000);
});
