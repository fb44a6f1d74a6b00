// What an edit no longer reads again: the catalogs every line edit validates against, kept per open database
// (db/catalogs.ts) — a code added by hand, imported, or written by another connection is usable by the very
// next edit; and the totals an edit answers with (db/budget-totals.ts), carried across one-line updates —
// after updates, undo, deletes and another connection's writes they equal a scan of the lines.
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

async function setUp() {
  expect((await importBudgetFile(t.db, fixtureText())).ok).toBe(true);
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
  test('a code added by hand, imported, or written by another connection is known to the next edit', async () => {
    const { b, line, free } = await setUp();
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

  test("an edit's totals equal a scan of the lines, whatever was written before", async () => {
    const { b, line } = await setUp();
    const lines0 = edits.listLines(t.db, b.id);
    const personnel = lines0.find((l) => l.kind === 'basic' && isPersonnel(l.economic))!;
    const fiscal = lines0.find((l) => l.kind === 'project' && (FISCAL_SOURCES as readonly string[]).includes(l.source))!;
    const other = lines0.find((l) => l.kind === 'basic' && !isPersonnel(l.economic))!;
    expectScanned(b.id);
    edits.updateLine(t.db, b, line.id, { amount: '12345.67' });
    expectScanned(b.id);
    edits.updateLine(t.db, b, personnel.id, { economic: other.economic });
    expectScanned(b.id);
    edits.updateLine(t.db, b, fiscal.id, { source: fiscal.source === 'general' ? 'fund' : 'general', amount: '7.01' });
    expectScanned(b.id);
    edits.undoRedo(t.db, b, 'undo');
    expectScanned(b.id);
    edits.deleteLines(t.db, b, [other.id]);
    expectScanned(b.id);
    const elsewhere = new Database(t.db.path);
    elsewhere.prepare('UPDATE lines SET amount_fen = amount_fen + 100 WHERE id = ?').run(line.id);
    elsewhere.close();
    expectScanned(b.id);
    edits.updateLine(t.db, b, personnel.id, { amount: '1.00' });
    expectScanned(b.id);
    expect(edits.budgetTotals(t.db, b.id).personnel).toBeGreaterThan(0n);
  });
});

function expectScanned(budgetId: number): void {
  const lines = edits.listLines(t.db, budgetId);
  const sum = (ls: typeof lines) => ls.reduce((s, l) => s + l.amount, 0n);
  const basic = lines.filter((l) => l.kind === 'basic');
  expect(edits.budgetTotals(t.db, budgetId)).toEqual({
    total: sum(lines),
    basic: sum(basic),
    project: sum(lines.filter((l) => l.kind === 'project')),
    personnel: sum(basic.filter((l) => isPersonnel(l.economic))),
    publicExpense: sum(basic.filter((l) => !isPersonnel(l.economic))),
    other: sum(lines.filter((l) => l.kind !== 'basic' && l.kind !== 'project')),
    fiscal: sum(lines.filter((l) => (FISCAL_SOURCES as readonly string[]).includes(l.source))),
    lineCount: lines.length,
  });
}
