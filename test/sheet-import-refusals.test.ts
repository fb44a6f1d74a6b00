// Issue 13: bad sheets are refused with every problem listed (sheet row number and header text) and the
// database unchanged; units, projects and named codes the budget lacks are created and reported; the
// default adds lines, --replace-lines replaces them. Through the real CLI process on a real SQLite file.
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './helpers/cli';
import { dumpDatabase } from './helpers/db';
import { fixtureDoc } from './helpers/fixture';

const fx = useCli();
let n = 0;
const HEADER = '预算单位,功能科目,经济科目,支出类型,项目编码,项目名称,资金性质,金额（元）';
const GOOD = '711001 工会部门山海关区总工会本级,2012901 行政运行,30201 办公费,基本支出,,,一般公共预算拨款,1000.00';

/** A fresh database holding the reference budget without lines, and the sheet written as UTF-8 CSV. */
function setup(csv: string[]): { db: string; sheet: string } {
  n++;
  const json = fx.tmp.file(`nolines-${n}.json`);
  writeFileSync(json, JSON.stringify({ ...fixtureDoc(), lines: [] }));
  const db = fx.tmp.file(`refuse-${n}.db`);
  const r = fx.budget('import', json, '--db', db);
  if (r.code !== 0) throw new Error(r.err);
  const sheet = fx.tmp.file(`sheet-${n}.csv`);
  writeFileSync(sheet, csv.join('\n'));
  return { db, sheet };
}

function refused(csv: string[]): string {
  const { db, sheet } = setup(csv);
  const before = dumpDatabase(db);
  const r = fx.budget('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711');
  expect(r.code).toBe(1);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toContain('明细表未导入，数据库未作任何修改');
  expect(dumpDatabase(db)).toBe(before);
  return r.err;
}

beforeAll(() => {
  n = 0;
});

describe('budget import-sheet refuses bad sheets, changing nothing', () => {
  it('an unknown code (neither in the catalog nor named)', () => {
    expect(refused([HEADER, GOOD, GOOD.replace('2012901 行政运行', '2999999')])).toContain('第 3 行“功能科目”：支出功能分类科目 2999999 不在 2025 年科目表中');
  });
  it('a code that is not a leaf', () => {
    expect(refused([HEADER, GOOD.replace('2012901 行政运行', '20129 群众团体事务')])).toContain(
      '第 2 行“功能科目”：“20129 群众团体事务”是款级科目，明细只能使用 7 位项级科目',
    );
  });
  it('an amount with three decimals', () => {
    expect(refused([HEADER, GOOD, GOOD.replace('1000.00', '1234.567')])).toContain('第 3 行“金额（元）”：金额“1234.567”最多两位小数');
  });
  it('a 合计 row that disagrees with the rows', () => {
    expect(refused([HEADER, GOOD, GOOD, '合计,,,,,,,2000.01'])).toContain('第 4 行“金额（元）”：合计行 2,000.01 元与各明细行之和 2,000.00 元不符');
  });
  it('a missing amount column', () => {
    expect(refused([HEADER.replace(',金额（元）', ''), GOOD.replace(',1000.00', '')])).toContain('第 1 行：找不到金额列');
  });
  it('单位资金 without a specific source', () => {
    expect(refused([HEADER, GOOD.replace('一般公共预算拨款', '单位资金')])).toContain('第 2 行“资金性质”：“单位资金”没有写明具体来源');
  });
  it('several problems at once: every one listed with its row and column', () => {
    const err = refused([
      '2025年部门预算明细表',
      '单位：元',
      HEADER,
      GOOD,
      GOOD.replace('2012901 行政运行', '2999999'),
      GOOD.replace('30201 办公费', '302 商品和服务支出'),
      GOOD.replace('一般公共预算拨款', '单位资金'),
      GOOD.replace('711001 工会部门山海关区总工会本级', '799999'),
      '合计,,,,,,,9999',
    ]);
    expect(err).toContain('共 5 处问题');
    for (const s of [
      '第 5 行“功能科目”',
      '第 6 行“经济科目”',
      '第 7 行“资金性质”',
      '第 8 行“预算单位”：预算单位 799999 不在本预算中',
      '第 9 行“金额（元）”：合计行 9,999.00 元',
    ])
      expect(err).toContain(s);
  });
  it('万元 amounts with more than six decimals', () => {
    expect(refused(['单位：万元', HEADER, GOOD.replace('1000.00', '0.1234567')])).toContain('第 3 行“金额（元）”：万元金额“0.1234567”超过六位小数');
  });
});

describe('budget import-sheet creates what the sheet names', () => {
  it('creates units and projects from code and name, adds a named code with a warning, then replaces lines', () => {
    const { db, sheet } = setup([
      HEADER,
      GOOD,
      '711009 工会部门新单位,2012999 其他群众团体事务支出,30201 办公费,基本支出,,,事业收入,500.50',
      '711009 工会部门新单位,2012998 测试新增科目,30201 办公费,项目支出,P2025NEW01,职工帮扶新项目,一般公共预算拨款,"1,200.00"',
    ]);
    const dry = fx.budget('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('将新建预算单位：711009 工会部门新单位');
    const r = fx.budget('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711');
    expect(r.err).toBe('');
    expect(r.out).toContain('新建预算单位：711009 工会部门新单位（第 3 行）');
    expect(r.out).toContain('新建项目：P2025NEW01 职工帮扶新项目（预算单位 711009，第 4 行）');
    expect(r.out).toContain('警告：支出功能分类科目 2012998“测试新增科目”不在 2025 年科目表中，已按表中名称添加');
    expect(r.out).toContain('按资金来源：一般公共预算拨款 2,200.00 元；事业收入 500.50 元');
    expect(r.out).toContain('已追加 3 条明细');
    expect(fx.budget('list', db).out).toMatch(/711\t工会部门\t2025\t\S+\t3\t2,?700\.50/);

    // The same sheet again is appended only when asked (issue 20 point 2).
    const again = fx.budget('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711', '--append');
    expect(again.out).toContain('已追加 3 条明细');
    expect(fx.budget('list', db).out).toMatch(/\t6\t5,?401\.00/);
    const replaced = fx.budget('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711', '--replace-lines');
    expect(replaced.out).toContain('已替换原有 6 条明细为 3 条明细');
    expect(fx.budget('list', db).out).toMatch(/\t3\t2,?700\.50/);
  }, 300_000); // eight CLI processes: generous on a loaded machine, not a timing assertion

  it('refuses an unknown department-year in one Chinese line', () => {
    const { db, sheet } = setup([HEADER, GOOD]);
    const r = fx.budget('import-sheet', sheet, '--db', db, '--year', '2026', '--dept', '711');
    expect(r.code).not.toBe(0);
    expect(r.err).toBe('数据库中没有部门 711 2026 年的预算\n');
  });
});

describe('budget import-sheet: the same sheet twice (issue 20 point 2)', () => {
  it('is refused without --append, changing nothing; --append appends; --replace-lines replaces', () => {
    const { db, sheet } = setup([HEADER, GOOD, GOOD.replace('1000.00', '"1,234.50"')]);
    expect(fx.ok('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711')).toMatch(/已追加 2 条明细/);
    const before = dumpDatabase(db);
    const again = fx.budget('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711');
    expect(again.code).toBe(1);
    expect(again.err).toContain('明细表的 2 条明细已全部在部门 711');
    expect(again.err).toContain('--append');
    expect(dumpDatabase(db)).toBe(before);
    expect(fx.ok('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711', '--dry-run')).toContain('注意：明细表的 2 条明细已全部在');
    expect(fx.ok('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711', '--append')).toMatch(/已追加 2 条明细/);
    expect(fx.ok('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711', '--replace-lines')).toMatch(/已替换原有 4 条明细为 2 条明细/);
  }, 300_000);
  it('refuses 1,5 and the other misplaced separators in a CSV, naming row and column', () => {
    for (const amount of ['1,5', '12,34', '1.2,3', '1,,,2', '12,3456', '1,234.5,6']) {
      expect(refused([HEADER, GOOD.replace('1000.00', `"${amount}"`)]), amount).toContain(`第 2 行“金额（元）”：“${amount}”不是有效的金额`);
    }
  }, 300_000); // twelve CLI processes: generous on a loaded machine, not a timing assertion
});
