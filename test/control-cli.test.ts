// 控制数 through the real CLI process: the bureau's sheet (all or nothing, problems by row), the 控制数 table,
// and the whole 下发/上报 loop — a department's budget split into units, handed out, filled, sent back and
// merged gives the same workbook as the original, every ceiling is checked, and a unit over its ceiling is flagged.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useCli } from './helpers/cli';
import { dumpDatabase } from './helpers/db';
import { wanCellValue } from '../core/money';
import { departmentDoc, multiUnitDoc, splitByUnit, workbookValues } from './helpers/multi-unit';

const fx = useCli();
const { budget } = fx;

type Line = { unit: string; source: string; kind: string; carryover?: boolean; amount: string; project?: string };
const fen = (s: string) => BigInt(s.replace('.', ''));
const yuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;

/** Each unit's 一般公共预算拨款 per kind, exactly what its lines (without 结转) hold, and the department's total. */
function ceilings(lines: Line[]): Record<string, unknown>[] {
  const sums = new Map<string, bigint>();
  let total = 0n;
  for (const l of lines) {
    if (l.carryover || l.source !== 'general' || (l.kind !== 'basic' && l.kind !== 'project')) continue;
    const k = `${l.unit}|${l.kind}`;
    sums.set(k, (sums.get(k) ?? 0n) + fen(l.amount));
    total += fen(l.amount);
  }
  return [
    { source: 'general', amount: yuan(total) },
    ...[...sums].map(([k, v]) => ({ unit: k.split('|')[0], source: 'general', kind: k.split('|')[1], amount: yuan(v) })),
  ];
}

describe('budget control-import / control', () => {
  test('the bureau sheet in 万元 with a column per source is read; bad rows are each named and nothing is written', () => {
    const doc = multiUnitDoc(11);
    const file = fx.tmp.file('sheet-dept.budget.json');
    writeFileSync(file, JSON.stringify(doc));
    const db = fx.tmp.file('sheet.db');
    expect(budget('import', file, '--db', db).code).toBe(0);
    const [u1, u2] = doc.units as { code: string; name: string }[];
    const p = (doc.projects as { code: string; unit: string }[]).find((x) => x.unit === u1!.code)!;

    const bad = fx.tmp.file('bad.csv');
    writeFileSync(
      bad,
      [
        '2025年部门预算控制数表',
        '单位：万元',
        '单位,支出类型,项目,一般公共预算拨款,事业收入',
        `${u1!.code} ${u1!.name},基本支出,,12.5,`,
        `999999 不存在的单位,基本支出,,1,`,
        `${u2!.code},项目支出,,-3,`,
        `${u2!.code},项目支出,,abc,`,
        `${u1!.code},基本支出,,2,`,
        `${u2!.code},基本支出,,,5`,
        `${u1!.code},项目支出,NOPE,1,`,
      ].join('\n'),
    );
    const before = dumpDatabase(db);
    const r = budget('control-import', bad, '--db', db, '--year', '2025', '--dept', '711');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('控制数表未导入，数据库未作任何修改：共 6 处问题');
    expect(r.err).toContain('第 5 行“单位”：预算单位“999999 不存在的单位”不在本部门的预算单位中');
    expect(r.err).toContain('第 6 行“一般公共预算拨款”：金额不能为负数（-3）');
    expect(r.err).toContain('第 7 行“一般公共预算拨款”：“abc”不是有效的金额');
    expect(r.err).toContain('第 8 行“一般公共预算拨款”：与第 4 行是同一项控制数');
    expect(r.err).toContain('第 9 行“事业收入”：资金来源“事业收入”不是财政拨款');
    expect(r.err).toContain('第 10 行“项目”：项目“NOPE”不在本部门的项目中');
    expect(r.err).not.toMatch(/general|basic|amount/);
    expect(dumpDatabase(db)).toBe(before);

    const good = fx.tmp.file('good.csv');
    writeFileSync(
      good,
      [
        '2025年部门预算控制数表（单位：万元）',
        '单位,支出类型,项目,一般公共预算拨款,政府性基金预算拨款',
        `${u1!.code} ${u1!.name},基本支出,,12.5,`,
        `,,,1000,20`,
        `${u1!.code},项目支出,${p.code},0.015,`,
        '合计,,,1012.515,20',
      ].join('\n'),
    );
    const dry = budget('control-import', good, '--db', db, '--year', '2025', '--dept', '711', '--dry-run');
    expect(dry.err).toBe('');
    expect(dry.out).toContain('控制数 4 个');
    expect(dry.out).toContain('试运行（--dry-run）：未写入数据库');
    expect(dumpDatabase(db)).toBe(before);
    expect(budget('control-import', good, '--db', db, '--year', '2025', '--dept', '711').out).toContain('新增 4 个');
    // The same again: each cell already there, named by row; --replace takes the sheet's figures instead.
    const again = budget('control-import', good, '--db', db, '--year', '2025', '--dept', '711');
    expect(again.err).toContain('第 3 行：控制数“单位');
    expect(budget('control-import', good, '--db', db, '--year', '2025', '--dept', '711', '--replace').code).toBe(0);

    const json = fx.tmp.file('control.json');
    const shown = budget('control', db, '--year', '2025', '--json', json);
    expect(shown.out).toContain('共 4 个控制数');
    const out = JSON.parse(readFileSync(json, 'utf8')) as { control: { unit: string | null; source: string; amount: string; status: string }[] };
    expect(out.control.map((c) => [c.unit, c.source, c.amount])).toEqual([
      [u1!.code, 'general', '125000.00'],
      [null, 'general', '10000000.00'],
      [null, 'fund', '200000.00'],
      [u1!.code, 'general', '150.00'],
    ]);
    for (const c of out.control) expect(['超出', '未编足', '相符']).toContain(c.status);
  });
});

describe('下发 and 上报', () => {
  test('handed out, filled, sent back and merged: the original workbook, every ceiling 相符; a unit over its ceiling is flagged', async () => {
    const doc = multiUnitDoc();
    const control = ceilings(doc.lines as unknown as Line[]);
    doc.control = control;
    const whole = fx.tmp.file('loop-whole.budget.json');
    writeFileSync(whole, JSON.stringify(doc));
    const ref = fx.tmp.file('loop-whole.db');
    expect(budget('import', whole, '--db', ref).code).toBe(0);

    // The department's starting point: its units, projects and 控制数, no lines yet.
    const start = fx.tmp.file('loop-start.budget.json');
    writeFileSync(start, JSON.stringify({ ...doc, lines: [], procurement: [], assets: [] }));
    const dept = fx.tmp.file('loop-dept.db');
    expect(budget('import', start, '--db', dept).code).toBe(0);
    const dir = join(fx.tmp.dir, 'handout');
    const h = budget('handout', dept, '--year', '2025', '--dept', '711', '--out-dir', dir);
    expect(h.err).toBe('');
    const files = readdirSync(dir).sort();
    expect(files.length).toBe(4);

    const parts = splitByUnit(doc);
    const returned: string[] = [];
    for (const [i, name] of files.entries()) {
      const handed = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      expect(handed.units.length).toBe(1);
      expect(handed.lines).toEqual([]);
      expect(handed.control.every((c: { unit: string }) => c.unit === handed.units[0].code)).toBe(true);
      // The unit opens the file in its own database and starts at once.
      const unitDb = fx.tmp.file(`loop-unit-${i}.db`);
      expect(budget('import', join(dir, name), '--db', unitDb).code).toBe(0);
      expect(budget('control', unitDb, '--year', '2025').out).toContain('未编足');
      // … fills its part (what the split file holds) and sends its budget file back.
      const part = parts.find((x) => x.units[0]!.code === handed.units[0].code)!;
      const filled = fx.tmp.file(`loop-filled-${i}.budget.json`);
      writeFileSync(filled, JSON.stringify({ ...handed, lines: part.lines, procurement: part.procurement, assets: part.assets, narrative: part.narrative }));
      expect(budget('import', filled, '--db', unitDb, '--replace').code).toBe(0);
      const back = fx.tmp.file(`loop-back-${i}.budget.json`);
      expect(budget('export', unitDb, '--year', '2025', '--json', back).code).toBe(0);
      returned.push(back);
    }
    for (const back of returned) {
      const m = budget('import', back, '--db', dept, '--merge', '--replace');
      expect(m.err).toBe('');
      expect(m.out).toContain('控制数：');
      expect(m.out).toContain('（相符）');
    }
    const xa = fx.tmp.file('loop-whole.xlsx'),
      xb = fx.tmp.file('loop-dept.xlsx');
    expect(budget('export', ref, '--year', '2025', '--xlsx', xa).code).toBe(0);
    expect(budget('export', dept, '--year', '2025', '--xlsx', xb).code).toBe(0);
    const [a, b] = [await workbookValues(xa), await workbookValues(xb)];
    for (const sheet of Object.keys(a)) expect(b[sheet], sheet).toEqual(a[sheet]);
    const table = budget('control', dept, '--year', '2025');
    expect(table.code).toBe(0);
    expect(table.out).not.toMatch(/超出|未编足/);
    expect(table.out.match(/（相符）/g)!.length).toBe(control.length);
    expect(budget('check', dept, '--year', '2025').out).not.toContain('control.');

    // A unit sends back more than its ceiling: the merge shows it before writing, and budget check flags it.
    const over = JSON.parse(readFileSync(returned[1]!, 'utf8'));
    const line = over.lines.find((l: Line) => l.source === 'general' && l.kind === 'basic' && !l.carryover);
    line.amount = yuan(fen(line.amount) + 100n);
    writeFileSync(returned[1]!, JSON.stringify(over));
    expect(budget('import', returned[1]!, '--db', dept, '--merge', '--replace').out).toContain('差额 -1.00 元（超出）');
    const check = budget('check', dept, '--year', '2025');
    expect(check.code).toBe(1);
    expect(check.out).toContain(`控制数“单位 ${over.units[0].code}`);
    expect(check.out).toContain('已编超出控制数 1.00 元（规则 control.exceeded）');
  });
});

describe('汇总', () => {
  test('部门汇总表 gives each department its 财政拨款控制数, 已编 and 差额, blank without 控制数, and their 合计', async () => {
    const a = departmentDoc('801', '教育局', 100);
    const b = departmentDoc('802', '卫生健康委员会', 101);
    const c = departmentDoc('803', '农业农村局', 102);
    const planned = (d: typeof a) =>
      (d.lines as unknown as Line[])
        .filter((l) => !l.carryover && l.source === 'general' && (l.kind === 'basic' || l.kind === 'project'))
        .reduce((s, l) => s + fen(l.amount), 0n);
    a.control = [{ source: 'general', amount: yuan(planned(a) + 12_345_600n) }];
    c.control = ceilings(c.lines as unknown as Line[]).slice(1); // units' ceilings only: their sum stands for the department
    const db = fx.tmp.file('summary-control.db');
    for (const [i, d] of [a, b, c].entries()) {
      const f = fx.tmp.file(`summary-${i}.budget.json`);
      writeFileSync(f, JSON.stringify(d));
      expect(budget('import', f, '--db', db).code).toBe(0);
    }
    const out = fx.tmp.file('summary-control.xlsx');
    expect(budget('summary', db, '--year', '2025', '--xlsx', out).err).toBe('');
    const rows = (await workbookValues(out))['部门汇总表']!;
    const cols = rows.find((r) => r?.includes('部门编码'))!;
    const pick = (code: string) => {
      const row = rows.find((r) => r?.[cols.indexOf('部门编码')] === code || (code === '合计' && r?.includes('合计')))!;
      return ['财政拨款控制数', '财政拨款已编', '差额'].map((l) => row[cols.indexOf(l)] ?? null);
    };
    expect(pick('801')).toEqual([wanCellValue(planned(a) + 12_345_600n), wanCellValue(planned(a)), wanCellValue(12_345_600n)]);
    expect(pick('802')).toEqual([null, null, null]);
    expect(pick('803')).toEqual([wanCellValue(planned(c)), wanCellValue(planned(c)), wanCellValue(0n)]);
    const amount = planned(a) + 12_345_600n + planned(c);
    expect(pick('合计')).toEqual([wanCellValue(amount), wanCellValue(planned(a) + planned(c)), wanCellValue(12_345_600n)]);
  }, 120_000);
});
