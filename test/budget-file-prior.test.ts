// A budget file exported from the database carries last year's figures when the budget has none of its
// own, so that 比上年增减 survives moving the file to a machine without last year's budget.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBudgetFile, serializeBudgetFile } from '../core/budget-file';
import { builtinCatalogs, fixtureDoc } from './helpers/fixture';
import { FIXTURE_2024, fixture2025WithoutPrior, importText } from './helpers/compare-years';
import { tempDir } from './helpers/db';
import { openDatabase } from '../db/open';
import { loadDisclosureInputs } from '../db/disclosure';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('budgetForFile', () => {
  it('writes the database’s prior year into a file that has none', () => {
    const db = openDatabase(tmp.file('prior.sqlite'), { create: true });
    try {
      importText(db, readFileSync(FIXTURE_2024, 'utf8'));
      const id = importText(db, fixture2025WithoutPrior());
      const parsed = parseBudgetFile(serializeBudgetFile(loadDisclosureInputs(db, id).forFile()), builtinCatalogs);
      if (!parsed.ok) throw new Error(parsed.message);
      // The 2024 budget's totals: 76.61 / 56.91 / 19.70 万元.
      expect(parsed.budget.priorYear).toMatchObject({ year: 2024, total: 766_100_00n, basic: 569_100_00n, project: 197_000_00n });
    } finally {
      db.close();
    }
  });

  it('keeps the file’s own priorYear untouched', () => {
    const db = openDatabase(tmp.file('own.sqlite'), { create: true });
    try {
      const id = importText(db, JSON.stringify(fixtureDoc()));
      const own = fixtureDoc().priorYear;
      const b = loadDisclosureInputs(db, id).forFile();
      expect(b.priorYear).toEqual({ year: own.year, total: 766_100_00n, basic: 569_100_00n, project: 197_000_00n, threePublic: 0n });
    } finally {
      db.close();
    }
  });

  it('leaves priorYear empty when nothing is known of last year', () => {
    const db = openDatabase(tmp.file('none.sqlite'), { create: true });
    try {
      const id = importText(db, fixture2025WithoutPrior());
      expect(loadDisclosureInputs(db, id).forFile().priorYear).toBeNull();
    } finally {
      db.close();
    }
  });
});
