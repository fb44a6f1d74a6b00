// The CLI's bulk writes as a real process (issue 20, points 2 and 3): `budget import --replace` writes a backup
// beside the database first and says where it went, as does `budget import-sheet` of a sheet too large to undo;
// the same department-year imported again without --replace, or the same unit file merged twice, is refused
// with nothing written.
import { readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useCli } from './helpers/cli';
import { dumpDatabase } from './helpers/db';
import { fixtureText } from './helpers/fixture';
import { departmentDoc, splitByUnit } from './helpers/multi-unit';

const cli = useCli();

describe('budget import --replace', () => {
  it('refuses a second import without --replace; with it, a 覆盖导入前 backup beside the database first, named in the output', () => {
    writeFileSync(cli.tmp.file('a.budget.json'), fixtureText());
    cli.ok('import', 'a.budget.json', '--db', 'r.sqlite');
    const before = dumpDatabase(cli.tmp.file('r.sqlite'));
    const again = cli.budget('import', 'a.budget.json', '--db', 'r.sqlite');
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('未导入；如需覆盖请选择替换（命令行加 --replace）');
    expect(dumpDatabase(cli.tmp.file('r.sqlite'))).toBe(before);

    const out = cli.ok('import', 'a.budget.json', '--db', 'r.sqlite', '--replace');
    const backups = readdirSync(cli.tmp.dir).filter((f) => f.startsWith('r.sqlite.覆盖导入前-') && f.endsWith('.sqlite'));
    expect(backups).toHaveLength(1);
    expect(out).toContain(`覆盖前的数据库已备份到：`);
    expect(out).toContain(backups[0]);
    // The backup holds the budget as it was before 覆盖.
    expect(dumpDatabase(cli.tmp.file(backups[0]!))).toBe(before);
  });

  it('a unit file merged twice is refused the second time, the database unchanged', () => {
    const parts = splitByUnit(departmentDoc('721', '街道办事处', 5));
    parts.forEach((p, i) => writeFileSync(cli.tmp.file(`u${i}.budget.json`), JSON.stringify(p)));
    cli.ok('import', 'u0.budget.json', '--db', 'm.sqlite');
    cli.ok('import', 'u1.budget.json', '--db', 'm.sqlite', '--merge');
    const before = dumpDatabase(cli.tmp.file('m.sqlite'));
    const twice = cli.budget('import', 'u1.budget.json', '--db', 'm.sqlite', '--merge');
    expect(twice.code).not.toBe(0);
    expect(twice.err).toContain('已有以下单位');
    expect(dumpDatabase(cli.tmp.file('m.sqlite'))).toBe(before);
  });
});

describe('budget import-sheet', () => {
  const HEADER = '预算单位,功能分类科目,经济分类科目,支出类型,资金性质,金额';
  const sheet = (n: number) =>
    [HEADER, ...Array.from({ length: n }, (_, i) => `711001 本级,2012901,30228,基本支出,一般公共预算拨款,${(i % 900) + 1}.00`)].join('\n');
  const backupsOf = (db: string) => readdirSync(cli.tmp.dir).filter((f) => f.startsWith(`${db}.导入明细表前-`) && f.endsWith('.sqlite'));

  it('a small sheet writes no backup; one of more than 20,000 lines: a 导入明细表前 backup beside the database first, named in the output', () => {
    writeFileSync(cli.tmp.file('s.budget.json'), fixtureText());
    cli.ok('import', 's.budget.json', '--db', 's.sqlite');
    writeFileSync(cli.tmp.file('small.csv'), sheet(3));
    expect(cli.ok('import-sheet', 'small.csv', '--db', 's.sqlite', '--year', '2025', '--dept', '711')).not.toContain('备份');
    expect(backupsOf('s.sqlite')).toEqual([]);

    const before = dumpDatabase(cli.tmp.file('s.sqlite'));
    writeFileSync(cli.tmp.file('big.csv'), sheet(20_001));
    const out = cli.ok('import-sheet', 'big.csv', '--db', 's.sqlite', '--year', '2025', '--dept', '711');
    expect(out).toContain('已追加 20001 条明细');
    const backups = backupsOf('s.sqlite');
    expect(backups).toHaveLength(1);
    expect(out).toContain(`导入前的数据库已备份到：${cli.tmp.file(backups[0]!)}`);
    // The backup holds the database as it was before the import.
    expect(dumpDatabase(cli.tmp.file(backups[0]!))).toBe(before);
  });
});
