// The catalogs every line edit validates against are kept per open database (db/catalogs.ts); a code
// added by hand, imported, or written by another connection must be usable by the very next edit.
// The totals an edit answers with (budgetTotals, summed in SQL from line_totals) equal a scan of the lines.
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { FISCAL_SOURCES } from '../core/model';
import { isPersonnel } from '../core/tables';
import { addCatalogCode, getCatalogs, importCatalogEntries } from '../db/catalogs';
import * as edits from '../db/edits';
import { importBudgetFile } from '../db/import';
import { useTempDb } from './helpers/db';
import { fixtureText } from './helpers/fixture';

const t = useTempDb('cache.sqlite');

function setUp() {
  expect(importBudgetFile(t.db, fixtureText()).ok).toBe(true);
  const b = edits.writableBudget(t.db, '711', 2025);
  const line = edits.listLines(t.db, b.id).find((l) => l.function.length === 7)!;
  const parent = line.function.slice(0, 5);
  const known = getCatalogs(t.db, 2025).function;
  const free = Array.from({ length: 60 }, (_, i) => `${parent}${30 + i}`).filter((c) => !known.has(c));
  return { b, line, free };
}

const refusalOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return null;
};

describe('catalog cache', () => {
  test('a code added by hand, imported, or written by another connection is known to the next edit', () => {
    const { b, line, free } = setUp();
    expect(getCatalogs(t.db, 2025)).toBe(getCatalogs(t.db, 2025)); // kept, not read again
    const [byHand, imported, elsewhere] = free as [string, string, string];

    expect(refusalOf(() => edits.updateLine(t.db, b, line.id, { function: byHand }))?.message).toMatch(byHand);
    addCatalogCode(t.db, 2025, 'function', byHand, '手工添加的项');
    expect(edits.updateLine(t.db, b, line.id, { function: byHand }).function).toBe(byHand);

    expect(refusalOf(() => edits.updateLine(t.db, b, line.id, { function: imported }))).not.toBeNull();
    importCatalogEntries(t.db, 2025, 'function', [{ code: imported, name: '导入的项' }]);
    expect(edits.updateLine(t.db, b, line.id, { function: imported }).function).toBe(imported);

    expect(refusalOf(() => edits.updateLine(t.db, b, line.id, { function: elsewhere }))).not.toBeNull();
    const other = new Database(t.db.path);
    other.prepare(`INSERT INTO catalogs (year, kind, code, name, origin) VALUES (2025, 'function', ?, '另一连接写入的项', 'manual')`).run(elsewhere);
    other.close();
    expect(edits.updateLine(t.db, b, line.id, { function: elsewhere }).function).toBe(elsewhere);
  });

  test("an edit's totals equal a scan of the lines", () => {
    const { b, line } = setUp();
    edits.updateLine(t.db, b, line.id, { amount: '12345.67' });
    const lines = edits.listLines(t.db, b.id);
    const sum = (ls: typeof lines) => ls.reduce((s, l) => s + l.amount, 0n);
    const basic = lines.filter((l) => l.kind === 'basic');
    expect(edits.budgetTotals(t.db, b.id)).toEqual({
      total: sum(lines), basic: sum(basic), project: sum(lines.filter((l) => l.kind === 'project')),
      personnel: sum(basic.filter((l) => isPersonnel(l.economic))), publicExpense: sum(basic.filter((l) => !isPersonnel(l.economic))),
      other: sum(lines.filter((l) => l.kind !== 'basic' && l.kind !== 'project')),
      fiscal: sum(lines.filter((l) => (FISCAL_SOURCES as readonly string[]).includes(l.source))), lineCount: lines.length,
    });
    expect(edits.budgetTotals(t.db, b.id).personnel).toBeGreaterThan(0n);
  });
});
