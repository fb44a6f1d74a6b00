// Money on decimal.js (core/money.ts): typed amounts with thousands separators only in valid places and
// full-width input from a Chinese IME, percentages, and the integer 万元 rounding of table sums checked
// against decimal.js's own ROUND_HALF_UP (an independent implementation of the same rule).
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWan, formatWanCents, formatYuan, parseYuan, percent, toWanCents, wanCellValue } from '../core/money';
import { amount } from '../core/tables/derive/cells';

const typed = (s: string) => parseYuan(s, { allowZero: true, allowSeparators: true });

describe('typed amounts: thousands separators only between groups of three', () => {
  it('accepts valid groupings, ASCII and full-width alike', () => {
    for (const [input, fen] of [
      ['1,234,567.89', 123456789n],
      ['1,234', 123400n],
      ['999', 99900n],
      ['12,345.6', 1234560n],
      ['1，234，567.89', 123456789n],
      ['99,999,999,999.99', 9_999_999_999_999n],
      ['  1,234.50  ', 123450n],
      ['1 234.50', 123450n],
    ] as const)
      expect(typed(input), input).toEqual({ ok: true, fen });
  });

  it('refuses separators anywhere else, naming the input in Chinese', () => {
    for (const input of ['1,5', '1.2,3', '12,34', '1,,,2', ',123', '123,', '1,234.5,6', '1234,567', '1,23,456', '1,234.', '１，５']) {
      const r = typed(input);
      expect(r.ok, input).toBe(false);
      if (!r.ok) {
        expect(r.reason, input).toContain(`“${input}”`);
        expect(r.reason, input).toContain('千位分隔符');
      }
    }
  });

  it('reads full-width digits, point and comma from a Chinese input method', () => {
    expect(typed('１２３')).toEqual({ ok: true, fen: 12300n });
    expect(typed('１２３．４５')).toEqual({ ok: true, fen: 12345n });
    expect(typed('１,２３４．５０')).toEqual({ ok: true, fen: 123450n });
    expect(typed('１，２３４，５６７．８９')).toEqual({ ok: true, fen: 123456789n });
    const neg = typed('－５');
    expect(neg.ok === false && neg.reason).toBe('金额不能为负数');
  });

  it('the budget file keeps its strict form: no separators, no full-width digits', () => {
    for (const s of ['1,234.50', '１２３', '1 234']) expect(parseYuan(s).ok, s).toBe(false);
    expect(parseYuan('1.100').ok).toBe(false);
  });

  it('whatever is accepted re-reads to the same amount without its separators (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_999_999_999_999n }), (fen) => {
        const plain = `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
        const [int, dec] = plain.split('.') as [string, string];
        const grouped = `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
        expect(typed(grouped)).toEqual({ ok: true, fen });
        // Moving one separator by one digit makes the input invalid.
        const i = grouped.indexOf(',');
        if (i > 1) expect(typed(`${grouped.slice(0, i - 1)},${grouped[i - 1]}${grouped.slice(i + 1)}`).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the budget file's amounts are read exactly as decimal.js reads them", () => {
  it('any numeral of up to 14 integer digits and 0–2 decimals, leading zeros too (property)', () => {
    const numeral = fc.tuple(fc.stringMatching(/^\d{1,14}$/), fc.stringMatching(/^\d{0,2}$/)).map(([int, dec]) => (dec === '' ? int : `${int}.${dec}`));
    fc.assert(
      fc.property(numeral, (s) => {
        const d = new Decimal(s);
        const r = parseYuan(s, { allowZero: true });
        if (d.gt('99999999999.99')) expect(r.ok).toBe(false);
        else expect(r).toEqual({ ok: true, fen: BigInt(d.times(100).toFixed(0)) });
      }),
      { numRuns: 3000 },
    );
    expect(parseYuan('99999999999.99')).toEqual({ ok: true, fen: 9_999_999_999_999n });
    expect(parseYuan('100000000000').ok).toBe(false);
    expect(parseYuan('0.00')).toEqual({ ok: false, reason: '金额必须大于 0' });
    expect(parseYuan('007.5')).toEqual({ ok: true, fen: 750n });
  });
});

describe('万元 rounding and printing agree with decimal.js (ROUND_HALF_UP, toFixed)', () => {
  const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
  const reference = (fen: bigint) => new D(fen.toString()).div(1_000_000).toFixed(2);
  it('exactly 0.005 万元 (50 元) rounds up; negatives round away from zero', () => {
    expect(formatWan(5_000n)).toBe('0.01');
    expect(formatWan(4_999n)).toBe('0.00');
    expect(formatWan(-5_000n)).toBe('-0.01');
    expect(reference(5_000n)).toBe('0.01');
  });
  it('for any amount, positive or negative, beyond 2^53 too (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n })), (fen) => {
        const expected = reference(fen);
        expect(formatWanCents(toWanCents(fen))).toBe(expected === '-0.00' ? '0.00' : expected);
        expect(formatYuan(fen)).toBe(new D(fen.toString()).div(100).toFixed(2));
        if (fen >= 0n) expect(amount(fen).wan ?? '0.00').toBe(expected);
        // A spreadsheet cell holds a double: the one nearest to the printed figure.
        const v = wanCellValue(fen);
        expect(v ?? 0).toBe(Number(expected) + 0); // + 0: a blank cell, never -0
      }),
      { numRuns: 2000 },
    );
  });
});

describe('percentages', () => {
  it('half-up away from zero, sign kept when it rounds to zero, null without a base', () => {
    expect(percent(-2128n, 7661n, 2)).toBe('-27.78%');
    expect(percent(1n, 8n, 2)).toBe('12.50%');
    expect(percent(1n, 16n, 1)).toBe('6.3%'); // 6.25 → 6.3
    expect(percent(-1n, 16n, 1)).toBe('-6.3%');
    expect(percent(-1n, 300_000n, 2)).toBe('-0.00%');
    expect(percent(5n, 0n, 2)).toBe(null);
  });
});
