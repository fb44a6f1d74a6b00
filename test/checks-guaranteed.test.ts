// review-rules.md rules that BudgetDesk makes true by construction (the tables are derived from the
// lines in one pass, the 情况说明 from the same figures), so 审核 does not check them at run time
// (docs/CHECKS.md “Guaranteed by construction”). Tested once here, on the reference, the budget with
// every kind of data, and a generated budget of 600 lines over every kind and source.
import { describe, expect, test } from 'vitest';
import { buildNarrative } from '../core/narrative';
import { deriveTables } from '../core/tables';
import type { RenderedGridTable, RenderedTable } from '../core/tables/types';
import type { Budget } from '../core/model';
import { fixtureBudget } from './helpers/budget';
import { bigBudgetDoc, builtinCatalogs } from './helpers/fixture';
import { richBudget } from './helpers/rich-budget';
import { budgetOfDoc } from './helpers/review-rule-cases';

const catalogs = builtinCatalogs(2025)!;
const BUDGETS: [string, () => Budget][] = [
  ['reference', () => fixtureBudget().budget],
  ['rich', richBudget],
  ['generated 600 lines', () => budgetOfDoc(bigBudgetDoc(600))],
];

const grid = (ts: RenderedTable[], id: string) => ts.find((t) => t.id === id) as RenderedGridTable;
/** The amount at (row key, column key), 0 for a blank or absent cell. */
function fen(t: RenderedGridTable, row: string, col: string): bigint {
  const r = t.rows.find((x) => x.keys.includes(row));
  const c = r?.cells[t.columns.findIndex((x) => x.key === col)];
  return c && c.kind === 'amount' ? c.fen : 0n;
}
const rowFen = (t: RenderedGridTable, r: RenderedGridTable['rows'][number], col: string): bigint => {
  const c = r.cells[t.columns.findIndex((x) => x.key === col)];
  return c && c.kind === 'amount' ? c.fen : 0n;
};
const codeRows = (t: RenderedGridTable) => t.rows.filter((r) => r.keys.some((k) => /^\d{3,7}$/.test(k)));

describe.each(BUDGETS)('guaranteed by construction: %s', (_name, make) => {
  const budget = make();
  const ts = deriveTables(budget, catalogs);
  const [summary, income, expense, fiscal, general, basic, fund, soe, threePublic] = [
    'summary',
    'income',
    'expense',
    'fiscal-summary',
    'general-expense',
    'general-basic',
    'fund-expense',
    'soe-expense',
    'three-public',
  ].map((id) => grid(ts, id));

  test('T1 收入总计 = 支出总计; T4 likewise; T1 本年收入 = 财政拨款 + 财政专户 + 单位资金', () => {
    expect(fen(summary!, '收入总计', 'income.amount')).toBe(fen(summary!, '支出总计', 'expense.amount'));
    expect(fen(fiscal!, '收入总计', 'income.amount')).toBe(fen(fiscal!, '支出总计', 'expense.total'));
    const parts = ['一般公共预算拨款收入', '政府性基金预算拨款收入', '国有资本经营预算拨款收入', '财政专户管理资金收入', '单位资金'].map((k) =>
      fen(summary!, k, 'income.amount'),
    );
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(fen(summary!, '本年收入合计', 'income.amount'));
  });

  test('T3 合计 = 基本 + 项目 + 经营 + 上解 + 补助 on every row; T2 and T3 carry the same codes with the same amounts', () => {
    for (const r of expense!.rows) {
      expect(['basic', 'project', 'operating', 'remit', 'subsidy'].reduce((s, c) => s + rowFen(expense!, r, c), 0n)).toBe(rowFen(expense!, r, 'total'));
    }
    const amounts = (t: RenderedGridTable) => Object.fromEntries(codeRows(t).map((r) => [r.keys.find((k) => /^\d+$/.test(k)), rowFen(t, r, 'total')]));
    expect(amounts(income!)).toEqual(amounts(expense!));
  });

  test('T4 一般公共预算 = T5, 政府性基金 = T6, 国有资本经营 = T7; T5 基本 = T8 合计 = 人员 + 公用 on every row', () => {
    expect(fen(fiscal!, '本年支出合计', 'expense.general')).toBe(fen(general!, '合计', 'total'));
    expect(fen(fiscal!, '本年支出合计', 'expense.fund')).toBe(fen(fund!, '合计', 'total'));
    expect(fen(fiscal!, '本年支出合计', 'expense.soe')).toBe(fen(soe!, '合计', 'total'));
    expect(fen(general!, '合计', 'basic')).toBe(fen(basic!, '合计', 'total'));
    for (const r of basic!.rows) expect(rowFen(basic!, r, 'personnel') + rowFen(basic!, r, 'publicUse')).toBe(rowFen(basic!, r, 'total'));
  });

  test('T9 合计 = 出国 + 车 + 接待; 公务用车 = 购置 + 运行', () => {
    if (threePublic!.empty) return;
    const v = (k: string) => fen(threePublic!, k, 'total');
    expect(v('因公出国（境）费') + v('公务用车购置及运行维护费') + v('公务接待费')).toBe(v('合计'));
    expect(v('公务用车购置费') + v('公务用车运行维护费')).toBe(v('公务用车购置及运行维护费'));
  });

  test('an empty 政府性基金 / 国有资本经营 / “三公” table carries a note naming its own fund', () => {
    const FUNDS = ['政府性基金', '国有资本经营', '三公'];
    const own: [RenderedGridTable, string][] = [
      [fund!, '政府性基金'],
      [soe!, '国有资本经营'],
      [threePublic!, '三公'],
    ];
    for (const [t, name] of own) {
      if (!t.empty) continue;
      expect(t.note).toContain(name);
      for (const other of FUNDS.filter((x) => x !== name)) expect(t.note).not.toContain(other);
    }
  });

  test('the 情况说明 never says 增加持平 / 减少持平, and its 机构设置 lists every unit', () => {
    const doc = buildNarrative(budget, catalogs, { prior: { year: 2024, total: 1n, basic: 0n, project: 0n, threePublic: 0n } });
    const text = JSON.stringify(doc.sections);
    expect(text).not.toMatch(/(增加|减少)持平/);
    const units = doc.sections[0]!.blocks.find((b) => b.type === 'table');
    expect(units?.type === 'table' && units.rows.map((r) => r[0])).toEqual(budget.units.map((u) => u.name));
  });
});
