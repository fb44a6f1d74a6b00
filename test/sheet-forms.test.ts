// Issue 21: every form of spec import-sheets.md imports with every figure right, with no --sheet and no column
// mapping, through the real CLI process into a real SQLite file; --dry-run says what the reader decided.
// The sheets are written from the reference budget and from a generated one (test/helpers/clerk-sheets.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBudgetDoc } from '../bench/generate';
import { useCli } from './helpers/cli';
import { CLERK_LAYOUTS, clerkSheet, docFigures, storedFigures } from './helpers/clerk-sheets';
import { FIXTURE_PATH } from './helpers/fixture';

const fx = useCli();

const DOCS: Record<string, () => Record<string, any>> = {
  reference: () => JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')),
  generated: () => generateBudgetDoc({ units: 3, lines: 300, projects: 8, indicatorsPerProject: 1, functionCodes: 40, procurement: 0, assets: 0 }, 2121),
};

describe.each(Object.keys(DOCS))("clerks' forms written from the %s budget", (which) => {
  let doc: Record<string, any>;
  let noLines = '';
  beforeAll(() => {
    doc = DOCS[which]!();
    // A unit name with full-width brackets, as the 一体化 system stores it; the sheets print half-width ones.
    doc.units[0].name = `${doc.units[0].name}（机关）`;
    noLines = fx.tmp.file(`${which}-forms-no-lines.json`);
    writeFileSync(noLines, JSON.stringify({ ...doc, lines: [] }));
  });

  it.each(CLERK_LAYOUTS)(
    '%s: every figure right, and the dry run says what was decided',
    async (layout) => {
      const sheet = await clerkSheet(doc as never, layout);
      const path = fx.tmp.file(`${which}-${sheet.fileName}`);
      writeFileSync(path, sheet.bytes);
      const db = fx.tmp.file(`${which}-${layout}.db`);
      fx.ok('import', noLines, '--db', db);
      const dry = fx.ok('import-sheet', path, '--db', db, '--year', '2025', '--dept', doc.department.code, '--dry-run');
      expect(dry).toContain('试运行');
      if (layout === 'instructions-first') {
        expect(dry).toContain('工作表：支出明细');
        expect(dry).toMatch(/隐藏的列（未导入）：I 列“预算数（一上）”/);
        expect(dry).toMatch(/跳过的行：.*小计/);
        expect(dry).toMatch(/跳过的行：.*制表人/);
      }
      if (layout === 'wide-wan') {
        expect(dry).toContain('金额单位：万元');
        expect(dry).toMatch(/合计（核对各分列之和） ← F 列“合计”/);
        expect(dry).toMatch(/金额（基本支出） ← G 列“人员经费”/);
      }
      fx.ok('import-sheet', path, '--db', db, '--year', '2025', '--dept', doc.department.code);
      expect(storedFigures(db)).toEqual(docFigures(doc.lines));
    },
    300_000,
  );
});
