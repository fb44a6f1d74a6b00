// Rounding and exactness: each printed cell is its own exact 分 sum, half-up to 0.01 万元, blank at zero.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_FEN, formatWan } from '../core/money';
import type { Budget, Line } from '../core/model';
import { cellAt, deriveTables, findRow, tableFigures } from '../core/tables';
import type { RenderedGridTable } from '../core/tables';
import { amount } from '../core/tables/derive/cells';
import { SlotVector, slots } from '../core/tables/derive/slots';
import { fixtureBudget } from './helpers/budget';

function withLines(lines: Omit<Line, 'unit'>[]): Budget {
  const { budget } = fixtureBudget();
  return { ...budget, lines: lines.map((l) => ({ unit: '711001', ...l })), procurement: [], assets: [] };
}
const line = (fn: string, econ: string, fen: bigint, extra: Partial<Line> = {}): Omit<Line, 'unit'> => ({
  function: fn,
  economic: econ,
  kind: 'basic',
  source: 'general',
  carryover: false,
  amount: fen,
  ...extra,
});
const table = (b: Budget, name: string) => deriveTables(b, fixtureBudget().catalogs).find((t) => t.name === name) as RenderedGridTable;
const wan = (t: RenderedGridTable, row: string, col: string) => {
  const c = cellAt(t, row, col);
  return c?.kind === 'amount' ? c.wan : c;
};

describe('cell rounding', () => {
  it('rounds exactly half of 0.01 万元 up and anything below it down', () => {
    expect(amount(5_000n).wan).toBe('0.01'); // 50.00 元 = 0.005 万元
    expect(amount(4_999n).wan).toBe(null); // 49.99 元 → 0.00 → blank
    expect(amount(15_000n).wan).toBe('0.02');
    expect(amount(14_999n).wan).toBe('0.01');
    expect(amount(0n)).toEqual({ kind: 'amount', fen: 0n, wan: null, value: null });
    expect(amount(472_325_50n)).toMatchObject({ wan: '47.23', value: 47.23 });
    // beyond 2^53 分 the bigint path, just below it the float path: the same rule
    expect(amount(99_999_999_999_995_000n).wan).toBe('100000000000.00');
    expect(amount(99_999_999_999_994_999n).wan).toBe('99999999999.99');
    expect(amount(9_007_199_254_735_000n).wan).toBe('9007199254.74');
    expect(amount(9_007_199_254_725_000n).wan).toBe('9007199254.73');
    expect(amount(9_007_199_254_724_999n).wan).toBe('9007199254.72');
  });

  it('agrees with money.formatWan for any amount (float fast path and bigint path alike)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 2n ** 54n }), fc.bigInt({ min: 0n, max: 2n ** 70n })), (fen) => {
        const c = amount(fen);
        const printed = formatWan(fen);
        expect(c.wan).toBe(printed === '0.00' ? null : printed);
        expect(c.value).toBe(printed === '0.00' ? null : Number(printed));
      }),
      { numRuns: 3_000 },
    );
    for (const fen of [9_999n, 10_000n, 14_999n, 15_000n, 25_000n, 34_999n, 35_000n]) expect(amount(fen).wan ?? '0.00').toBe(formatWan(fen));
  });

  it('prints each cell from its own exact sum, so details need not add to the total', () => {
    // Three 项 under one 款, 50 元 each: each prints 0.01, the 款 and 合计 (150 元) print 0.02.
    const b = withLines([line('2012901', '30201', 5_000n), line('2012902', '30201', 5_000n), line('2012999', '30201', 5_000n)]);
    const t = table(b, '一般公共预算财政拨款支出表');
    expect(['2012901', '2012902', '2012999'].map((k) => wan(t, k, 'total'))).toEqual(['0.01', '0.01', '0.01']);
    expect(wan(t, '20129', 'total')).toBe('0.02');
    expect(wan(t, '合计', 'total')).toBe('0.02');
    expect(wan(t, '合计', 'project')).toBe(null);
  });

  it('reproduces the reference 47.23 under details printing 2.75 + 26.96 + 13.37 + 4.17', () => {
    const { budget } = fixtureBudget();
    const t = table(budget, '一般公共预算财政拨款支出表');
    expect(wan(t, '合计', 'basic')).toBe('47.23');
    expect(['2012901', '208', '210', '221'].map((k) => wan(t, k, 'basic'))).toEqual(['2.75', '26.96', '13.37', '4.17']);
  });

  it('hides a code whose lines round to zero only in the cell, not the row', () => {
    const b = withLines([line('2012901', '30201', 4_999n), line('2080501', '30302', 1_000_000n)]);
    const t = table(b, '支出总表');
    expect(findRow(t, '2012901')).toBeDefined();
    expect(wan(t, '2012901', 'total')).toBe(null);
  });
});

describe('exact sums beyond 2^53 分', () => {
  it('SlotVector spills to bigint and stays exact', () => {
    const v = new SlotVector();
    let expected = 0n;
    for (let i = 0; i < 3_000; i++) {
      v.add(0, MAX_AMOUNT_FEN);
      v.add(1, MAX_AMOUNT_FEN - BigInt(i));
      expected += MAX_AMOUNT_FEN * 2n - BigInt(i);
    }
    expect(v.sum([0, 1])).toBe(expected);
    const w = new SlotVector();
    w.addVector(v);
    w.addVector(v);
    expect(w.sum([0, 1])).toBe(expected * 2n);
    expect(w.get(0)).toBe(MAX_AMOUNT_FEN * 6_000n);
  });

  it('derives exact totals for 3,000 maximum lines', () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => line(i % 2 ? '2012901' : '2080501', i % 3 ? '30201' : '30101', MAX_AMOUNT_FEN - BigInt(i % 7)));
    const b = withLines(lines);
    const exact = lines.reduce((t, l) => t + l.amount, 0n);
    expect(exact > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const f = tableFigures(b);
    expect(f.total).toBe(exact);
    expect(f.all.sum(slots({ sources: ['general'] }))).toBe(exact);
    const t = table(b, '支出总表');
    const c = cellAt(t, '合计', 'total');
    expect(c).toMatchObject({ kind: 'amount', fen: exact });
    const s = table(b, '收支总表');
    expect(cellAt(s, '收入总计', 'income.amount')).toMatchObject({ fen: exact });
    expect(cellAt(s, '支出总计', 'expense.amount')).toMatchObject({ fen: exact });
  });
});
