// The `budget` CLI, bundled as the build does (test/helpers/cli.ts), run as a child process against real files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { FIXTURE_PATH, fixtureDoc } from './helpers/fixture';
import { useCli } from './helpers/cli';
import { dumpDatabase } from './helpers/db';

const fx = useCli();
const { budget } = fx;

/** A failure is exactly one Chinese line on stderr, no stack trace, non-zero exit. */
function expectOneLineError(r: ReturnType<typeof budget>, fragment: string) {
  expect(r.code).not.toBe(0);
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at |Error:/);
  expect(r.err).toContain(fragment);
}

describe('budget CLI', () => {
  test('import, list, export (xlsx + json), and the exported file re-imports to an identical export', async () => {
    const db = fx.tmp.file('a.db');
    const imp = budget('import', FIXTURE_PATH, '--db', db);
    expect(imp.err).toBe('');
    expect(imp.code).toBe(0);
    expect(imp.out).toContain('已导入 711 工会部门 2025 年预算：10 条明细，合计 553,325.50 元');

    const list = budget('list', db);
    expect(list.code).toBe(0);
    expect(list.out).toContain('711\t工会部门\t2025\t编制中\t10\t553,325.50');

    const xlsx = fx.tmp.file('711-2025.xlsx');
    const json = fx.tmp.file('711-2025.budget.json');
    const exp = budget('export', db, '--year', '2025', '--xlsx', xlsx, '--json', json);
    expect(exp.err).toBe('');
    expect(exp.code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(fixtureDoc());

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.length).toBe(12);

    const db2 = fx.tmp.file('b.db');
    expect(budget('import', json, '--db', db2).code).toBe(0);
    const json2 = fx.tmp.file('again.budget.json');
    expect(budget('export', db2, '--year', '2025', '--dept', '711', '--json', json2).code).toBe(0);
    expect(readFileSync(json2, 'utf8')).toBe(readFileSync(json, 'utf8'));
  });

  test('a duplicate department-year is refused without --replace, the database unchanged', () => {
    const db = fx.tmp.file('dup.db');
    expect(budget('import', FIXTURE_PATH, '--db', db).code).toBe(0);
    const before = dumpDatabase(db);
    const again = budget('import', FIXTURE_PATH, '--db', db);
    expectOneLineError(again, '数据库中已有部门 711 工会部门 2025 年的预算，未导入');
    expect(dumpDatabase(db)).toBe(before);
    const rep = budget('import', FIXTURE_PATH, '--db', db, '--replace');
    expect(rep.code).toBe(0);
    expect(rep.out).toContain('已替换');
  });

  test('a bad budget file is refused with every place and reason, the database unchanged', () => {
    const db = fx.tmp.file('bad.db');
    expect(budget('import', FIXTURE_PATH, '--db', db).code).toBe(0);
    const before = dumpDatabase(db);
    const doc = fixtureDoc();
    doc.year = 2026;
    doc.priorYear.year = 2025;
    doc.lines[2].amount = '12.345';
    doc.lines[5].function = '2012998';
    doc.lines[9].project = 'P-NONE';
    const bad = fx.tmp.file('bad.budget.json');
    writeFileSync(bad, JSON.stringify(doc));
    const r = budget('import', bad, '--db', db);
    expectOneLineError(r, '预算文件未导入，共 3 处问题');
    expect(r.err).toContain('第 3 条明细的金额：金额最多两位小数');
    expect(r.err).toContain('2012998（第 6 条明细）');
    expect(r.err).toContain('第 10 条明细的项目：项目 P-NONE 未定义');
    expect(dumpDatabase(db)).toBe(before);
  });

  test('malformed JSON and a wrong format are refused in one line', () => {
    const db = fx.tmp.file('m.db');
    const f = fx.tmp.file('broken.json');
    writeFileSync(f, '{"format": "dept-budget/1", "year": 2025');
    expectOneLineError(budget('import', f, '--db', db), '文件不是有效的 JSON');
    writeFileSync(f, JSON.stringify({ ...fixtureDoc(), format: 'other/9' }));
    expectOneLineError(budget('import', f, '--db', db), '格式 “other/9” 不受支持');
    // "工会" in GBK: not UTF-8.
    writeFileSync(f, Buffer.concat([Buffer.from('{"format": "dept-budget/1", "x": "'), Buffer.from([0xb9, 0xa4, 0xbb, 0xe1]), Buffer.from('"}')]));
    expectOneLineError(budget('import', f, '--db', db), '文件不是 UTF-8 编码');
    // A refused first import leaves no empty database file behind.
    expect(existsSync(db)).toBe(false);
  });

  test('usage errors and missing files are one line each', () => {
    expectOneLineError(budget(), '缺少子命令');
    expectOneLineError(budget('frobnicate'), '未知子命令“frobnicate”');
    expectOneLineError(budget('import', FIXTURE_PATH), '缺少选项 --db');
    expectOneLineError(budget('import', 'nope.json', '--db', fx.tmp.file('x.db')), '无法读取预算文件“nope.json”：文件或文件夹不存在');
    expectOneLineError(budget('list', fx.tmp.file('missing.db')), '不存在');
    expectOneLineError(budget('import', FIXTURE_PATH, '--db', fx.tmp.file('no-such-folder/a.db')), '文件夹');
    expect(existsSync(fx.tmp.file('missing.db'))).toBe(false);
    expectOneLineError(budget('export', fx.tmp.file('missing.db'), '--year', '2025', '--json', 'x.json'), '不存在');
    expectOneLineError(budget('export', FIXTURE_PATH, '--year', '2025', '--json', 'x.json'), '不是 BudgetDesk 数据库文件');
    expectOneLineError(budget('list', fx.tmp.file('a.db'), '--wat'), '未知选项 --wat');
    expect(budget('help').out).toContain('budget import');
  });

  test('export picks the department only when the year has exactly one', () => {
    const db = fx.tmp.file('two.db');
    const doc = fixtureDoc();
    const f1 = fx.tmp.file('d1.json');
    writeFileSync(f1, JSON.stringify(doc));
    doc.department = { code: '712', name: '妇联' };
    const f2 = fx.tmp.file('d2.json');
    writeFileSync(f2, JSON.stringify(doc));
    expect(budget('import', f1, '--db', db).code).toBe(0);
    expect(budget('import', f2, '--db', db).code).toBe(0);
    expectOneLineError(budget('export', db, '--year', '2025', '--json', fx.tmp.file('o.json')), '请用 --dept 指定部门编码');
    expectOneLineError(budget('export', db, '--year', '2024', '--json', fx.tmp.file('o.json')), '数据库中没有 2024 年的预算');
    expectOneLineError(budget('export', db, '--year', '2025', '--dept', '799', '--json', fx.tmp.file('o.json')), '没有部门 799 2025 年的预算');
    const ok = budget('export', db, '--year', '2025', '--dept', '712', '--json', fx.tmp.file('o.json'));
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(fx.tmp.file('o.json'), 'utf8')).department).toEqual({ code: '712', name: '妇联' });
  });
});
