// Issue 12 §1 and §3: last year's figures as the clerk has them (often only the total), and a narrative
// whose every factual sentence follows the data. The import goes through the real CLI process into a real
// database; the narrative is built from what that database gives (priorFiguresFor), as the app does.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseBudgetFile, serializeBudgetFile } from '../core/budget-file';
import { runChecks } from '../core/checks';
import type { Budget } from '../core/model';
import { buildNarrative, type NarrativeDocument } from '../core/narrative';
import { loadBudgetById } from '../db/budgets';
import { getCatalogs } from '../db/catalogs';
import { openDatabase } from '../db/open';
import { priorFiguresFor } from '../db/years';
import { fixtureBudget } from './helpers/budget';
import { useCli } from './helpers/cli';
import { builtinCatalogs, fixtureDoc } from './helpers/fixture';

const fx = useCli();
const catalogs = builtinCatalogs(2025)!;
const textOf = (doc: NarrativeDocument) => doc.sections.flatMap((s) => [`${s.no}、${s.title}`, ...s.blocks.map((x) => ('text' in x ? x.text : ''))]).join('\n');

describe('priorYear with only year and total', () => {
  test('imports through the CLI, round-trips, and the narrative states that change and no other', () => {
    const doc = fixtureDoc();
    doc.priorYear = { year: 2024, total: '1562111230.00' };
    const file = fx.tmp.file('total-only.budget.json');
    writeFileSync(file, JSON.stringify(doc));
    const dbPath = fx.tmp.file('total-only.db');
    const r = fx.budget('import', file, '--db', dbPath);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);

    const out = fx.tmp.file('again.budget.json');
    expect(fx.budget('export', dbPath, '--year', '2025', '--json', out).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).priorYear).toEqual({ year: 2024, total: '1562111230.00' });

    const db = openDatabase(dbPath);
    try {
      const id = db.sqlite.prepare('SELECT id FROM budgets').pluck().get() as number;
      const prior = priorFiguresFor(db, id);
      expect(prior).toEqual({ year: 2024, total: 156_211_123_000n });
      const narrative = buildNarrative(loadBudgetById(db, id), getCatalogs(db, 2025), { prior });
      const t = textOf(narrative);
      expect(t).toContain('2025年预算收支安排55.33万元，较2024年预算减少156155.79万元。');
      expect(t).not.toMatch(/基本支出(增加|减少|与上年持平)/);
      expect(t).not.toMatch(/项目支出(增加|减少|与上年持平)/);
      expect(t).not.toMatch(/较上年|与上年持平/);
      expect(Object.keys(narrative.figures).filter((k) => k.startsWith('change.'))).toEqual(['change.total']);
      // The checks agree with that narrative: no 上年数 hint, nothing claimed about figures not given.
      const findings = runChecks(loadBudgetById(db, id), getCatalogs(db, 2025), prior);
      expect(findings.filter((f) => f.ruleId.startsWith('narrative.'))).toEqual([]);
    } finally {
      db.close();
    }
  });

  test('each figure alone gives its own sentence: basic, three-public, office cost', () => {
    const b = fixtureBudget().budget;
    b.priorYear = { year: 2024, basic: 500_000_00n };
    let t = textOf(buildNarrative(b, catalogs));
    expect(t).toContain('2025年预算收支安排55.33万元；与2024年预算相比，基本支出减少2.77万元');
    expect(t).not.toContain('项目支出减少');
    b.priorYear = { year: 2024, threePublic: 1_000_00n, officeCost: 32_900_00n };
    t = textOf(buildNarrative(b, catalogs));
    expect(t).toContain('无上年预算数据，暂不作增减比较');
    expect(t).toContain('“三公”经费预算安排0.00万元，较上年减少0.10万元');
    expect(t).toContain('机关运行经费共计安排3.29万元，与上年持平，主要用于');
  });

  test('a priorYear with no figure is refused in the clerk’s words', () => {
    const doc = fixtureDoc();
    doc.priorYear = { year: 2024 };
    const r = parseBudgetFile(JSON.stringify(doc), builtinCatalogs);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      // Place and reason are words only: no file key reaches the clerk.
      expect(r.problems.map((p) => [p.place, p.reason])).toEqual([['上年数', '至少应填写支出合计、基本支出、项目支出、“三公”经费、机关运行经费中的一项']]);
    }
  });

  test('officeCost round-trips through the budget file', () => {
    const b: Budget = fixtureBudget().budget;
    b.priorYear = { year: 2024, officeCost: 12_345_67n };
    const again = parseBudgetFile(serializeBudgetFile(b), builtinCatalogs);
    expect(again.ok && again.budget.priorYear).toEqual({ year: 2024, officeCost: 12_345_67n });
  });
});

describe('a narrative that never contradicts the data (九)', () => {
  const withPurchase = (procurement: bigint): Budget => {
    const b = fixtureBudget().budget;
    b.lines.push({ unit: '711001', function: '2012901', economic: '31002', kind: 'basic', source: 'general', carryover: false, amount: 150_000_00n });
    if (procurement > 0n) {
      b.procurement.push({
        project: '',
        item: '计算机',
        catalog: 'A02010104',
        measure: '台',
        quantity: '10',
        unitPrice: null,
        source: 'general',
        carryover: false,
        amount: procurement,
        sme: null,
      });
    }
    return b;
  };

  test('15.00 万元 purchases with no procurement budget: 九 says so, 八 says 0.00', () => {
    const t = textOf(buildNarrative(withPurchase(0n), catalogs));
    expect(t).toContain('政府采购预算安排0.00万元');
    expect(t).toContain('本年度拟购置固定资产总额为15.00万元，未编列政府采购预算。');
    expect(t).not.toContain('已按要求列入政府采购预算');
  });

  test('partly covered, and fully covered', () => {
    expect(textOf(buildNarrative(withPurchase(50_000_00n), catalogs))).toContain(
      '本年度拟购置固定资产总额为15.00万元，政府采购预算安排5.00万元，详见政府采购预算表。',
    );
    expect(textOf(buildNarrative(withPurchase(150_000_00n), catalogs))).toContain(
      '本年度拟购置固定资产总额为15.00万元，已按要求列入政府采购预算，详见政府采购预算表。',
    );
  });

  test('numbering is 1、 throughout (no “1.”)', () => {
    const b = fixtureBudget().budget;
    b.narrative.performanceGoals = ['目标甲', '2.目标乙'];
    b.narrative.performanceGoalDetails = ['分项甲'];
    const t = textOf(buildNarrative(b, catalogs));
    expect(t).toContain('1、目标甲\n2、目标乙');
    expect(t).not.toMatch(/(^|\n)\d+\./);
  });
});
