// 历年对比 from the CLI (issue 24 points 6 and 9): `budget compare --since` prints every year in columns with the
// changes and writes them as a workbook (read back); --prior across a gap names the year instead of 上年; a
// closed pipe (`| head`) ends the command quietly.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE_2024, fixture2025WithoutPrior } from './helpers/compare-years';
import { nodeBundle } from './helpers/build';
import { useCli } from './helpers/cli';

const fx = useCli();
let db = '';
beforeAll(() => {
  const file2025 = fx.tmp.file('711-2025.budget.json');
  writeFileSync(file2025, fixture2025WithoutPrior());
  db = fx.tmp.file('three.db');
  fx.ok('import', FIXTURE_2024, '--db', db);
  fx.ok('import', file2025, '--db', db);
  fx.ok('new-year', db, '--from', '2025', '--to', '2026');
});

describe('budget compare --since', () => {
  test('every year in columns with the changes, to the terminal and to a workbook', async () => {
    const xlsx = fx.tmp.file('series.xlsx');
    const out = fx.ok('compare', db, '--year', '2026', '--since', '2023', '--xlsx', xlsx);
    expect(out).toContain('历年对比：部门 711 工会部门  2023—2026 年（单位：万元）');
    expect(out).toContain('注：2023 年：库中没有该年的预算明细，也没有导入的公开表或上年数。');
    expect(out).toContain(['项目', '2023年', '2024年', '比上年增减', '2025年', '比上年增减', '2026年', '比上年增减'].join('\t'));
    expect(out).toContain(['收入/支出合计', '—', '76.61', '—', '55.33', '-21.28', '55.33', '0.00'].join('\t'));
    expect(out).toContain(['基本支出', '—', '56.91', '—', '47.23', '-9.68', '47.23', '0.00'].join('\t'));
    expect(out).toContain(['项目支出', '—', '19.70', '—', '8.10', '-11.60', '8.10', '0.00'].join('\t'));
    expect(out).toMatch(/\n“三公”经费\t—\t0\.00\t/);
    expect(out).toMatch(/\n {2}公务接待费\t—\t/);
    expect(out).toContain(['机关运行经费', '—', '2.80', '—', '3.29', '0.49', '3.29', '0.00'].join('\t'));
    expect(out).toContain(['201 一般公共服务支出', '—', '22.50', '—', '10.85', '-11.65', '10.85', '0.00'].join('\t'));
    expect(out).toContain(`已写出历年对比：${xlsx}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('历年对比')!;
    expect(ws.getRow(3).values).toEqual([undefined, '项目', '2023年', '2024年', '比上年增减', '2025年', '比上年增减', '2026年', '比上年增减']);
    expect(ws.getRow(4).values).toEqual([undefined, '收入/支出合计', '—', 76.61, '—', 55.33, -21.28, 55.33, 0]);
  });

  test('--prior across a gap says 比 2024 年增减, never 比上年增减; --xlsx needs --since', () => {
    const out = fx.ok('compare', db, '--year', '2026', '--prior', '2024');
    expect(out).toContain('比 2024 年增减：支出合计减少 21.28 万元');
    expect(out).not.toContain('比上年增减');
    const r = fx.budget('compare', db, '--year', '2026', '--xlsx', fx.tmp.file('x.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--xlsx 须与 --since 一起使用');
  });

  test("新建年度 copies a project code carrying last year's year: 审核 gives a 提示 naming it until it is changed", () => {
    const doc = fixture2025WithoutPrior().replaceAll('13030325P00496310001X', 'XM20250001');
    const file = fx.tmp.file('code2025.budget.json');
    writeFileSync(file, doc);
    const other = fx.tmp.file('codes.db');
    fx.ok('import', file, '--db', other);
    fx.ok('new-year', other, '--from', '2025', '--to', '2026');
    const r = fx.budget('check', other, '--year', '2026');
    expect(r.out).toContain('项目编码含上年年份 2025，可能是上年的项目编码，请核对后在“项目与绩效”中改为本年度的编码（规则 project.code-prior-year）');
    expect(fx.budget('check', other, '--year', '2025').out).not.toContain('project.code-prior-year');
  });

  test('a closed pipe is not an error: `budget compare … | true` prints nothing on stderr and exits 0', async () => {
    const cli = await nodeBundle('cli/budget.ts');
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const err = q(fx.tmp.file('err.txt'));
    const script = `set -o pipefail; ${q(process.execPath)} ${q(cli)} compare ${q(db)} --year 2026 --since 2024 2>${err} | true; echo "exit=$?"; cat ${err}`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(out).toBe('exit=0\n');
  });
});
