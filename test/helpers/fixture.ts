// Shared by the budget-file, db and CLI tests: the reference fixture and catalogs built from the built-in data.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Catalog, type Catalogs } from '../../core/catalog';
import { builtinCatalog } from '../../core/catalogs/builtin';

export const FIXTURE_PATH = resolve(__dirname, '../shared/fixtures/711-2025.budget.json');
export const fixtureText = (): string => readFileSync(FIXTURE_PATH, 'utf8');
export const fixtureDoc = (): Record<string, any> => JSON.parse(fixtureText());

export function builtinCatalogs(year: number): Catalogs | null {
  const f = builtinCatalog(year, 'function');
  const e = builtinCatalog(year, 'economic');
  if (!f || !e) return null;
  return { year, function: new Catalog('function', f), economic: new Catalog('economic', e) };
}

/** The fixture's budget document grown to `n` lines over real 2025 codes (deterministic). */
export function bigBudgetDoc(n: number): Record<string, any> {
  const doc = fixtureDoc();
  const cats = builtinCatalogs(2025)!;
  const fn = cats.function
    .entries()
    .filter((e) => e.code.length === 7)
    .map((e) => e.code);
  const ec = cats.economic
    .entries()
    .filter((e) => e.code.length === 5)
    .map((e) => e.code);
  const kinds = ['basic', 'project', 'operating', 'remit', 'subsidy'];
  const sources = ['general', 'fund', 'soe', 'special', 'business', 'operating', 'superior', 'affiliate', 'other'];
  doc.units.push({ code: '711002', name: '工会部门下属事业单位', nature: '事业', grade: '股级', funding: '财政补助' });
  doc.lines = Array.from({ length: n }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const line: Record<string, unknown> = {
      unit: i % 3 === 0 ? '711002' : '711001',
      function: fn[(i * 7) % fn.length],
      economic: ec[(i * 11) % ec.length],
      kind,
      source: sources[(i * 5) % sources.length],
    };
    if (i % 13 === 0) line.carryover = true;
    line.amount = `${((i * 7919) % 99_999_999_999) + 1}.${String(i % 100).padStart(2, '0')}`;
    if (kind === 'project') line.project = doc.projects[0].code;
    if (i % 17 === 0) line.memo = `备注 ${i}`;
    return line;
  });
  return doc;
}
