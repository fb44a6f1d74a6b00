// 合并单位预算 through the real CLI process: a multi-unit department split into one file per unit, the
// first imported and the others merged, gives the very workbook of the original file; merging a unit
// that is already there is refused and changes no row; 替换 removes exactly that unit's part.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useCli } from './helpers/cli';
import { dumpDatabase } from './helpers/db';
import { multiUnitDoc, splitByUnit, workbookValues } from './helpers/multi-unit';

const fx = useCli();
const { budget } = fx;

describe('budget import --merge', () => {
  test('units merged one by one reproduce every figure of the department file; a unit merged twice is refused', async () => {
    const doc = multiUnitDoc();
    const parts = splitByUnit(doc);
    expect(parts.length).toBe(4);
    const whole = fx.tmp.file('whole.budget.json');
    writeFileSync(whole, JSON.stringify(doc));
    const files = parts.map((p, i) => {
      const f = fx.tmp.file(`unit-${i + 1}.budget.json`);
      writeFileSync(f, JSON.stringify(p));
      return f;
    });

    const ref = fx.tmp.file('whole.db');
    expect(budget('import', whole, '--db', ref).code).toBe(0);
    const db = fx.tmp.file('merged.db');
    const first = budget('import', files[0]!, '--db', db);
    expect(first.err).toBe('');
    for (const f of files.slice(1)) {
      const r = budget('import', f, '--db', db, '--merge');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('已合并到 711 工会部门 2025 年预算');
      expect(r.out).toContain('新增单位：');
      // The unit's own 情况说明 is shown, not merged.
      expect(r.out).toContain('单位文件中的情况说明未合并');
      expect(r.out).toMatch(/单位职责：单位 711\d{3} 负责本单位的业务工作/);
      expect(r.out).toContain('合并前的数据库已备份到');
    }
    expect(readdirSync(fx.tmp.dir).filter((n) => n.startsWith('merged.db.合并前-')).length).toBeGreaterThan(0);

    const xa = fx.tmp.file('whole.xlsx'),
      xb = fx.tmp.file('merged.xlsx');
    expect(budget('export', ref, '--year', '2025', '--xlsx', xa).code).toBe(0);
    expect(budget('export', db, '--year', '2025', '--xlsx', xb).code).toBe(0);
    const [a, b] = [await workbookValues(xa), await workbookValues(xb)];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const sheet of Object.keys(a)) expect(b[sheet], sheet).toEqual(a[sheet]);
    // The department's own narrative and prior-year figures are the original's.
    const ja = fx.tmp.file('whole.json'),
      jb = fx.tmp.file('merged.json');
    expect(budget('export', ref, '--year', '2025', '--json', ja).code).toBe(0);
    expect(budget('export', db, '--year', '2025', '--json', jb).code).toBe(0);
    const [da, dbj] = [JSON.parse(readFileSync(ja, 'utf8')), JSON.parse(readFileSync(jb, 'utf8'))];
    expect(dbj.narrative).toEqual(da.narrative);
    expect(dbj.priorYear).toEqual(da.priorYear);
    expect(dbj.lines.length).toBe(da.lines.length);

    // The same unit again: refused, listing it, and not one row changes.
    const before = dumpDatabase(db);
    const again = budget('import', files[2]!, '--db', db, '--merge');
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('已有以下单位：711003');
    expect(again.err).toContain('未合并');
    expect(again.err.trimEnd().split('\n')).toHaveLength(1);
    expect(dumpDatabase(db)).toBe(before);

    // 替换: that unit's old part goes first, so merging the same file again leaves every figure as it was.
    const rep = budget('import', files[2]!, '--db', db, '--merge', '--replace');
    expect(rep.err).toBe('');
    expect(rep.out).toContain(
      `替换单位：711003（先删除其原有明细 ${parts[2]!.lines.length} 条、项目 ${parts[2]!.projects.length} 个、政府采购 ${parts[2]!.procurement.length} 条、资产 0 条）`,
    );
    const xc = fx.tmp.file('replaced.xlsx');
    expect(budget('export', db, '--year', '2025', '--xlsx', xc).code).toBe(0);
    const c = await workbookValues(xc);
    for (const sheet of Object.keys(a)) expect(c[sheet], sheet).toEqual(a[sheet]);
  }, 120_000);

  test('a unit file of another department, or with no department-year to merge into, is refused', () => {
    const doc = multiUnitDoc(11);
    const [, second] = splitByUnit(doc);
    const f = fx.tmp.file('lonely.budget.json');
    writeFileSync(f, JSON.stringify(second));
    const db = fx.tmp.file('other.db');
    const other = { ...multiUnitDoc(12), department: { code: '712', name: '另一部门' } };
    const of = fx.tmp.file('other.budget.json');
    writeFileSync(of, JSON.stringify(other));
    expect(budget('import', of, '--db', db).code).toBe(0);
    const before = dumpDatabase(db);
    const r = budget('import', f, '--db', db, '--merge');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('数据库中没有部门 711 工会部门 2025 年的预算，无法合并');
    expect(dumpDatabase(db)).toBe(before);
    const missing = budget('import', f, '--db', fx.tmp.file('none.db'), '--merge');
    expect(missing.code).not.toBe(0);
    expect(existsSync(fx.tmp.file('none.db'))).toBe(false);
  });
});
