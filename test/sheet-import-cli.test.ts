// Done-when of issue 13: sheets in every layout of spec import-sheets.md, written from the reference
// budget and from a generated one, each imported with `budget import-sheet` (the real CLI process) into a
// department-year that holds units and projects but no lines; the exported workbook then equals the one
// exported from the original budget file, figure for figure.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBudgetDoc } from '../bench/generate';
import { useCli } from './helpers/cli';
import { workbookCells } from './helpers/xlsx-bytes';
import { dumpDatabase } from './helpers/db';
import { FIXTURE_PATH } from './helpers/fixture';
import { LAYOUTS, lineSheet, type SheetDoc } from './helpers/line-sheets';

const fx = useCli();

const { ok } = fx;

const SOURCES_OF_DOCS: Record<string, () => Record<string, any>> = {
  reference: () => JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')),
  generated: () => generateBudgetDoc({ units: 4, lines: 600, projects: 12, indicatorsPerProject: 2, functionCodes: 60, procurement: 4, assets: 3 }, 1313),
};

describe.each(Object.keys(SOURCES_OF_DOCS))('sheets written from the %s budget', (which) => {
  let doc: Record<string, any>;
  let expected: Record<string, unknown>;
  let noLinesFile = '';
  beforeAll(async () => {
    doc = SOURCES_OF_DOCS[which]!();
    const full = fx.tmp.file(`${which}.budget.json`);
    writeFileSync(full, JSON.stringify(doc));
    noLinesFile = fx.tmp.file(`${which}-no-lines.budget.json`);
    writeFileSync(noLinesFile, JSON.stringify({ ...doc, lines: [] }));
    const db = fx.tmp.file(`${which}-original.db`);
    ok('import', full, '--db', db);
    ok('export', db, '--year', '2025', '--xlsx', fx.tmp.file(`${which}-original.xlsx`));
    expected = await workbookCells(fx.tmp.file(`${which}-original.xlsx`));
  }, 600_000);

  it.each(LAYOUTS)(
    'layout %s: imported through the CLI, the workbook equals the original figure for figure',
    async (layout) => {
      const sheet = await lineSheet(doc as SheetDoc, layout);
      const sheetPath = fx.tmp.file(`${which}-${sheet.fileName}`);
      writeFileSync(sheetPath, sheet.bytes);
      const db = fx.tmp.file(`${which}-${layout}.db`);
      ok('import', noLinesFile, '--db', db);

      const before = dumpDatabase(db);
      const dry = ok('import-sheet', sheetPath, '--db', db, '--year', '2025', '--dept', '711', '--dry-run');
      expect(dry).toContain('试运行');
      expect(dumpDatabase(db)).toBe(before);

      const out = ok('import-sheet', sheetPath, '--db', db, '--year', '2025', '--dept', '711');
      expect(out).toContain('已识别的列：');
      expect(out).toMatch(/金额.* ← [A-Z]+ 列“/);
      expect(out).toContain(`生成明细`);
      expect(out).toContain('按资金来源：');
      expect(out).toContain('按支出类型：');
      expect(out).toMatch(/已追加 \d+ 条明细到部门 711/);
      const total = (doc.lines as { amount: string }[]).reduce((s, l) => s + BigInt(l.amount.replace('.', '')), 0n);
      const yuan = `${(total / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(total % 100n).toString().padStart(2, '0')}`;
      expect(out).toContain(`合计：${yuan} 元`);

      const xlsx = fx.tmp.file(`${which}-${layout}.xlsx`);
      ok('export', db, '--year', '2025', '--xlsx', xlsx);
      expect(await workbookCells(xlsx)).toEqual(expected);
    },
    600_000,
  ); // five CLI processes per layout: generous on a loaded machine, not a timing assertion
});
