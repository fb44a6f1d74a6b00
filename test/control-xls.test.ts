// The bureau's 控制数 sheet as an Excel 97–2003 file: control-import reads it through the same guarded sheet
// reader as 导入明细表 (core/sheets/grid.ts readSheetFile: .xls in the bounded worker), figures exact in 万元.
import * as XLSX from '@e965/xlsx';
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { useCli } from './helpers/cli';
import { dumpDatabase } from './helpers/db';
import { FIXTURE_PATH } from './helpers/fixture';

const fx = useCli();

describe('budget control-import of an .xls sheet', () => {
  test('a department-level sheet in 万元 is read exactly; --dry-run writes nothing, the import writes both cells', () => {
    const db = fx.tmp.file('xls.sqlite');
    expect(fx.budget('import', FIXTURE_PATH, '--db', db).code).toBe(0);
    const sheet = XLSX.utils.aoa_to_sheet([
      ['2025年部门预算控制数表（单位：万元）'],
      ['资金来源', '支出类型', '金额'],
      ['一般公共预算拨款', '基本支出', 100.25],
      ['一般公共预算拨款', '项目支出', '50.01'],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '控制数');
    writeFileSync(fx.tmp.file('control.xls'), XLSX.write(book, { bookType: 'biff8', type: 'buffer' }) as Buffer);

    const before = dumpDatabase(db);
    const dry = fx.budget('control-import', 'control.xls', '--db', db, '--year', '2025', '--dept', '711', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('控制数 1,002,500.00 元');
    expect(dry.out).toContain('控制数 500,100.00 元');
    expect(dumpDatabase(db)).toBe(before);

    const done = fx.budget('control-import', 'control.xls', '--db', db, '--year', '2025', '--dept', '711');
    expect(done.code, done.err).toBe(0);
    const listed = fx.budget('control', db, '--year', '2025');
    expect(listed.out).toContain('1,002,500.00');
    expect(listed.out).toContain('500,100.00');
  });
});
