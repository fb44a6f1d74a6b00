// Tables 1 and 4, the two-sided 收支总表: income items on the left, the fixed 类 rows on the right,
// then the totals rows side by side.
import type { Fen } from '../../money';
import { amount, ordinal, text } from '../derive/cells';
import { functionClassRows } from '../derive/hierarchy';
import type { ClassRow } from '../derive/hierarchy';
import { ALL_SLOTS, slots } from '../derive/slots';
import type { Cell, DerivedRow, GridTableSpec } from '../types';
import { SERIAL, amountCol, textCol } from './common';

interface Side {
  keys: string[];
  cells: Record<string, Cell>;
}

/** Zips left and right item lists into rows (the shorter side padded with blank rows). */
function zip(left: (Side | null)[], right: (Side | null)[]): DerivedRow[] {
  const out: DerivedRow[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? null,
      r = right[i] ?? null;
    out.push({ keys: [...(l?.keys ?? []), ...(r?.keys ?? [])], level: 0, cells: { ...(l?.cells ?? {}), ...(r?.cells ?? {}) } });
  }
  return out;
}

/** A 类 row is found by its code and by its unnumbered name ('201', '一般公共服务支出'). */
function classKeys(r: ClassRow): string[] {
  const name = r.label.replace(/^[^、]+、/, '');
  return r.code ? [r.code, name] : [name];
}

const inc = (key: string, label: string, fen: Fen): Side => ({ keys: [key], cells: { 'income.item': text(label), 'income.amount': amount(fen) } });

export const summarySpec: GridTableSpec = {
  layout: 'grid',
  id: 'summary',
  name: '收支总表',
  title: '部门预算收支总表',
  period: 'year',
  unit: true,
  emptyNote: '注：无收支预算，空表列示。',
  header: [
    SERIAL,
    { label: '收入', children: [textCol('income.item', '项 目', 34), amountCol('income.amount', '预算数', 16)] },
    { label: '支出', children: [textCol('expense.item', '项 目', 34), amountCol('expense.amount', '预算数', 16)] },
  ],
  derive(ctx) {
    const f = ctx.figures;
    const exp = (keys: string[], label: string, fen: Fen): Side => ({ keys, cells: { 'expense.item': text(label), 'expense.amount': amount(fen) } });
    const incomeItems: [string, Fen][] = [
      ['一般公共预算拨款收入', f.bySource.general.current],
      ['政府性基金预算拨款收入', f.bySource.fund.current],
      ['国有资本经营预算拨款收入', f.bySource.soe.current],
      ['财政专户管理资金收入', f.bySource.special.current],
      ['单位资金', f.unitFundsCurrent],
    ];
    const left = incomeItems.map(([k, v], i) => inc(k, ordinal(i + 1, k), v));
    const right = functionClassRows(ctx, [{ key: 'total', slots: ALL_SLOTS }]).map((r) => exp(classKeys(r), r.label, r.values[0]!));
    return [
      ...zip(left, right),
      ...zip(
        [inc('本年收入合计', '本年收入合计', f.current), inc('上年结转结余', '上年结转结余', f.carryover), inc('收入总计', '收入总计', f.total)],
        // A budget plans no year-end balance: 年终结转结余 is printed blank and 支出总计 = 本年支出合计.
        [exp(['本年支出合计'], '本年支出合计', f.total), exp(['年终结转结余'], '年终结转结余', 0n), exp(['支出总计'], '支出总计', f.total)],
      ),
    ];
  },
};

const FISCAL_EXPENSE_COLUMNS = ['expense.total', 'expense.general', 'expense.fund', 'expense.soe'] as const;

export const fiscalSummarySpec: GridTableSpec = {
  layout: 'grid',
  id: 'fiscal-summary',
  name: '财政拨款收支总表',
  title: '部门预算财政拨款收支总表',
  period: 'year',
  unit: true,
  emptyNote: '注：无财政拨款收支预算，空表列示。',
  header: [
    SERIAL,
    { label: '收入', children: [textCol('income.item', '项 目', 28), amountCol('income.amount', '金额', 12)] },
    {
      label: '支出',
      children: [
        textCol('expense.item', '项 目', 30),
        amountCol('expense.total', '合计', 12),
        amountCol('expense.general', '一般公共预算财政拨款', 12),
        amountCol('expense.fund', '政府性基金预算财政拨款', 12),
        amountCol('expense.soe', '国有资本经营预算财政拨款', 12),
      ],
    },
  ],
  derive(ctx) {
    const f = ctx.figures;
    const fiscal = slots({ sources: ['general', 'fund', 'soe'] });
    const columns = [
      { key: 'expense.total', slots: fiscal },
      { key: 'expense.general', slots: slots({ sources: ['general'] }) },
      { key: 'expense.fund', slots: slots({ sources: ['fund'] }) },
      { key: 'expense.soe', slots: slots({ sources: ['soe'] }) },
    ];
    const exp = (keys: string[], label: string, values: readonly Fen[]): Side => {
      const cells: Record<string, Cell> = { 'expense.item': text(label) };
      FISCAL_EXPENSE_COLUMNS.forEach((c, i) => {
        cells[c] = amount(values[i] ?? 0n);
      });
      return { keys, cells };
    };
    const totals = [f.fiscal.total, f.bySource.general.total, f.bySource.fund.total, f.bySource.soe.total];
    const names: [string, 'general' | 'fund' | 'soe'][] = [
      ['一般公共预算拨款', 'general'],
      ['政府性基金预算拨款', 'fund'],
      ['国有资本经营预算拨款', 'soe'],
    ];
    const left = names.map(([k, s], i) => inc(k, ordinal(i + 1, k), f.bySource[s].current));
    const right = functionClassRows(ctx, columns).map((r) => exp(classKeys(r), r.label, r.values));
    const carryKey = '年初财政拨款结转和结余';
    return [
      ...zip(left, right),
      ...zip(
        [
          inc('本年收入合计', '本年收入合计', f.fiscal.current),
          inc(carryKey, carryKey, f.fiscal.carryover),
          ...names.map(([k, s], i) => inc(`${carryKey}.${k}`, ordinal(i + 1, k), f.bySource[s].carryover)),
          inc('收入总计', '收入总计', f.fiscal.total),
        ],
        [
          exp(['本年支出合计'], '本年支出合计', totals),
          // No year-end fiscal balance is budgeted.
          exp(['年末财政拨款结转和结余'], '年末财政拨款结转和结余', [0n, 0n, 0n, 0n]),
          null,
          null,
          null,
          exp(['支出总计'], '支出总计', totals),
        ],
      ),
    ];
  },
};
