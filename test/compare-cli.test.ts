// The CLI's prior-year commands against real files: compare, prior-import, new-year, finalize (the CLI
// bundled as the build does, test/helpers/cli.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE_2024, fixture2025WithoutPrior } from './helpers/compare-years';
import { useCli } from './helpers/cli';

const fx = useCli();
const { budget } = fx;
let file2025: string;
beforeAll(() => {
  file2025 = fx.tmp.file('711-2025.budget.json');
  writeFileSync(file2025, fixture2025WithoutPrior());
});
function ok(r: ReturnType<typeof budget>) {
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}
function oneLineError(r: ReturnType<typeof budget>, fragment: string) {
  expect(r.code).not.toBe(0);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toContain(fragment);
}

describe('budget compare / prior-import / new-year / finalize', () => {
  test('compare two years held in the database', () => {
    const db = fx.tmp.file('two.db');
    ok(budget('import', FIXTURE_2024, '--db', db));
    ok(budget('import', file2025, '--db', db));
    const json = fx.tmp.file('cmp.json');
    const svg = fx.tmp.file('totals.svg');
    const out = ok(budget('compare', db, '--year', '2025', '--json', json, '--svg', svg));
    expect(out).toContain('往年对比：部门 711 工会部门  2025 年对比 2024 年（单位：万元）');
    expect(out).toContain('2024 年数据来源：本库预算明细');
    expect(out).toContain('注：2024 年没有自己的科目表，使用 2025 年科目表。');
    expect(out).toContain('合计\t\t76.61\t55.33\t-21.28\t-27.78%');
    expect(out).toContain('2012902\t    一般行政管理事务\t19.70\t8.10\t-11.60\t-58.88%');
    expect(out).toContain('支出合计\t76.61\t55.33\t-21.28\t-27.78%');
    expect(out).toContain('比上年增减：支出合计减少 21.28 万元；基本支出减少 9.68 万元；项目支出减少 11.60 万元');
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.prior).toEqual({ year: 2024, origin: 'lines' });
    expect(doc.borrowedCatalogs).toEqual([{ year: 2024, from: 2025, note: '2024 年没有自己的科目表，使用 2025 年科目表' }]);
    expect(doc.totals).toEqual([
      { year: 2024, total: '766100.00', origin: 'lines' },
      { year: 2025, total: '553325.50', origin: 'lines' },
    ]);
    expect(readFileSync(svg, 'utf8')).toContain('>76.61</text>');
  });

  test("prior-import of last year's exported workbook gives the same comparison; a misfit is refused", () => {
    const src = fx.tmp.file('src2024.db');
    ok(budget('import', FIXTURE_2024, '--db', src));
    const xlsx = fx.tmp.file('711-2024.xlsx');
    ok(budget('export', src, '--year', '2024', '--xlsx', xlsx));

    const db = fx.tmp.file('only2025.db');
    ok(budget('import', file2025, '--db', db));
    const before = ok(budget('compare', db, '--year', '2025'));
    expect(before).toContain('库中没有 2024 年的预算明细，也没有导入 2024 年公开表');

    const out = ok(budget('prior-import', db, xlsx, '--year', '2025'));
    expect(out).toContain('已导入 2024 年公开表作为 711 工会部门 2025 年预算的上年数：支出合计 76.61 万元');
    const after = ok(budget('compare', db, '--year', '2025'));
    expect(after).toContain('2024 年数据来源：导入的公开表（711-2024.xlsx）');
    expect(after).toContain('比上年增减：支出合计减少 21.28 万元；基本支出减少 9.68 万元；项目支出减少 11.60 万元');

    // Last year's workbook of the wrong year: refused with the reason, one line.
    const x2025 = fx.tmp.file('711-2025.xlsx');
    ok(budget('export', db, '--year', '2025', '--xlsx', x2025));
    oneLineError(budget('prior-import', db, x2025, '--year', '2025'), '不能作为上年公开表导入：这是 2025 年的公开表，需要的是 2024 年的');
  });

  test('new-year from the last, finalize and its confirmation', () => {
    const db = fx.tmp.file('new.db');
    ok(budget('import', file2025, '--db', db));
    const out = ok(budget('new-year', db, '--from', '2025', '--to', '2026', '--zero'));
    expect(out).toContain(
      '已新建部门 711 工会部门 2026 年预算（来自 2025 年）：1 个单位，10 条明细（金额已清零，待填写），1 个项目（2026 年没有自己的科目表，使用 2025 年科目表）',
    );
    const cmp = ok(budget('compare', db, '--year', '2026'));
    expect(cmp).toContain('支出合计\t55.33\t0.00\t-55.33\t-100.00%');
    // Draft lines of 0 make a file no import accepts: the budget-file export says so instead of writing it.
    const draftFile = fx.tmp.file('711-2026.budget.json');
    oneLineError(budget('export', db, '--year', '2026', '--json', draftFile), '还有 10 条明细金额为 0（第 1 条、第 2 条');
    expect(existsSync(draftFile)).toBe(false);

    // 错误 remain (the zeroed lines): refused unless --despite-errors, naming the count; nothing finalized.
    oneLineError(budget('finalize', db, '--year', '2026'), '2026 年的预算还有');
    expect(ok(budget('list', db))).toContain('711\t工会部门\t2026\t编制中');
    expect(ok(budget('finalize', db, '--year', '2026', '--despite-errors'))).toMatch(/带着 \d+ 个错误定稿/);
    expect(ok(budget('list', db))).toContain('711\t工会部门\t2026\t已定稿');
    oneLineError(budget('finalize', db, '--year', '2026', '--undo'), '解除定稿需要确认');
    ok(budget('finalize', db, '--year', '2026', '--undo', '--confirm', '--reason', '补填金额'));
    expect(ok(budget('list', db))).toContain('711\t工会部门\t2026\t编制中');
  });
});
