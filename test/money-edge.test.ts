// Money at its edges (core/money.ts): the largest amount, exact sums of 30,000 lines beyond 2^53 (also
// through the database and the handlers), half-up rounding at exactly half of 0.01 万元, and refusals of
// negative or non-numeric input with Chinese reasons. Expected values come from an independent decimal-string
// implementation, not from the code under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWan, formatYuan, formatYuanGrouped, MAX_AMOUNT_FEN, parseYuan, sumFen, toWanCents, wanCellValue } from '../core/money';
import { useTestEngine } from './helpers/engine';

// ---- an independent reference: non-negative decimal strings with 2 decimals, added digit by digit
function addDecimal(a: string, b: string): string {
  const [ai, af] = a.split('.') as [string, string];
  const [bi, bf] = b.split('.') as [string, string];
  const x = ai + af;
  const y = bi + bf;
  const n = Math.max(x.length, y.length);
  let carry = 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    const d = Number(x[x.length - 1 - i] ?? 0) + Number(y[y.length - 1 - i] ?? 0) + carry;
    out = String(d % 10) + out;
    carry = d >= 10 ? 1 : 0;
  }
  if (carry) out = '1' + out;
  out = out.padStart(3, '0');
  const int = out.slice(0, -2).replace(/^0+(?=\d)/, '');
  return `${int}.${out.slice(-2)}`;
}
/** 元 (2 decimals) → 万元 with 2 decimals, half-up, by string digits: 元 → 0.01 万元 = 元 / 100. */
function wanHalfUp(yuan: string): string {
  const [i, f] = yuan.split('.') as [string, string];
  const digits = (i + f).padStart(5, '0'); // in 分
  // 0.01 万元 = 10,000 分: keep all but the last 4 digits, round on the 4th-from-last.
  const keep = digits.slice(0, -4).replace(/^0+(?=\d)/, '') || '0';
  const rest = digits.slice(-4);
  let cents = keep;
  if (Number(rest) >= 5000) cents = addDecimal(`${keep}.00`, '1.00').split('.')[0]!;
  const padded = cents.padStart(3, '0');
  return `${padded.slice(0, -2).replace(/^0+(?=\d)/, '') || '0'}.${padded.slice(-2)}`;
}

const yuanArb = fc.tuple(fc.bigInt({ min: 0n, max: 99_999_999_999n }), fc.integer({ min: 0, max: 99 })).map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`);

function fenOf(s: string): bigint {
  const r = parseYuan(s, { allowZero: true });
  if (!r.ok) throw new Error(r.reason);
  return r.fen;
}

describe('the largest amount', () => {
  it('99,999,999,999.99 元 is accepted exactly, with or without separators; one 分 more is refused in Chinese', () => {
    expect(parseYuan('99999999999.99')).toEqual({ ok: true, fen: MAX_AMOUNT_FEN });
    expect(parseYuan('99,999,999,999.99', { allowSeparators: true })).toEqual({ ok: true, fen: MAX_AMOUNT_FEN });
    expect(formatYuan(MAX_AMOUNT_FEN)).toBe('99999999999.99');
    expect(formatYuanGrouped(MAX_AMOUNT_FEN)).toBe('99,999,999,999.99');
    for (const s of ['100000000000.00', '100000000000', '999999999999.99', '12345678901234567890']) {
      const r = parseYuan(s);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain('超过上限');
    }
  });

  it('every amount up to the limit round-trips exactly (property)', () => {
    fc.assert(
      fc.property(yuanArb, (s) => {
        const fen = fenOf(s);
        expect(formatYuan(fen)).toBe(s.replace(/^0+(?=\d)/, ''));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sums of 30,000 lines', () => {
  it('are exact far beyond 2^53 (random amounts, checked against decimal-string addition)', () => {
    fc.assert(
      fc.property(fc.array(yuanArb, { minLength: 30_000, maxLength: 30_000 }), (amounts) => {
        const total = sumFen(amounts.map(fenOf));
        const reference = amounts.reduce(addDecimal, '0.00');
        expect(formatYuan(total)).toBe(reference);
        expect(formatWan(total)).toBe(wanHalfUp(reference));
      }),
      { numRuns: 3 },
    );
    const allMax = sumFen(Array.from({ length: 30_000 }, () => MAX_AMOUNT_FEN));
    expect(allMax > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(formatYuan(allMax)).toBe(Array.from({ length: 30_000 }, () => '99999999999.99').reduce(addDecimal, '0.00'));
  });

  it('a spreadsheet cell of the largest possible 万元 total keeps every digit', () => {
    const allMax = MAX_AMOUNT_FEN * 30_000n;
    expect(wanCellValue(allMax)!.toFixed(2)).toBe(formatWan(allMax));
  });
});

describe('万元 rounding: half-up at exactly .5 of 0.01 万元', () => {
  it('50 元 is half of 0.01 万元 and rounds up; 49.99 元 rounds down; halves never round to even', () => {
    for (const [yuan, wan] of [
      ['50.00', '0.01'],
      ['49.99', '0.00'],
      ['150.00', '0.02'],
      ['250.00', '0.03'],
      ['350.00', '0.04'],
      ['553250.00', '55.33'],
      ['553249.99', '55.32'],
      ['0.00', '0.00'],
    ] as const) {
      expect(formatWan(fenOf(yuan)), yuan).toBe(wan);
      expect(wanHalfUp(yuan)).toBe(wan);
    }
    // Negative differences (e.g. 增减 columns) round away from zero, symmetric to positives.
    expect(toWanCents(-5_000n)).toBe(-1n);
    expect(toWanCents(-4_999n)).toBe(0n);
    expect(formatWan(-25_000n)).toBe('-0.03');
  });

  it('matches the decimal-string reference for any amount (property), and the largest amount', () => {
    fc.assert(
      fc.property(yuanArb, (s) => {
        expect(formatWan(fenOf(s))).toBe(wanHalfUp(s));
      }),
      { numRuns: 5000 },
    );
    expect(formatWan(MAX_AMOUNT_FEN)).toBe(wanHalfUp('99999999999.99'));
  });
});

describe('refused input, with Chinese reasons', () => {
  it('negative amounts', () => {
    for (const s of ['-1', '-0.01', '-99999999999.99', ' -5.00', '-0']) {
      const r = parseYuan(s);
      expect(r.ok, s).toBe(false);
      if (!r.ok) expect(r.reason).toBe('金额不能为负数');
    }
  });

  it('non-numeric and malformed amounts', () => {
    const cases: unknown[] = [
      'abc',
      '1e5',
      'NaN',
      'Infinity',
      '1.2.3',
      '+5',
      '.5',
      '5.',
      '0x10',
      '１２３',
      '−5',
      '12元',
      '一百',
      '',
      '   ',
      100,
      1.5,
      null,
      undefined,
      {},
      [],
      true,
    ];
    for (const s of cases) {
      const r = parseYuan(s);
      expect(r.ok, String(s)).toBe(false);
      if (!r.ok) expect(r.reason, String(s)).toMatch(/[\u4e00-\u9fff]/);
    }
    const three = parseYuan('1.001');
    expect(three.ok === false && three.reason).toBe('金额最多两位小数');
    const zero = parseYuan('0.00');
    expect(zero.ok === false && zero.reason).toBe('金额必须大于 0');
  });

  it('any random string is either a well-formed amount or refused in Chinese (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = parseYuan(s, { allowSeparators: true });
        if (r.ok) expect(r.fen >= 0n && r.fen <= MAX_AMOUNT_FEN).toBe(true);
        else expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('through the database and the handlers', () => {
  const budget = { dept: '901', year: 2025 };
  const { call } = useTestEngine({
    scope: 'all',
    defaultDb: 'data/d.sqlite',
    setup: async ({ tmp, value }) => {
      await value('db.create', { path: tmp.file('money.sqlite') });
      await value('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 });
      await value('units.add', { budget, unit: { code: '901001', name: '本级' } });
    },
  });

  it('30,000 lines of 99,999,999,999.99 元: totals and the budget list are exact', async () => {
    const line = { unit: '901001', function: '2012901', economic: '30201', kind: 'basic', source: 'general', amount: '99,999,999,999.99' };
    const r = await call('lines.add', { budget, lines: Array.from({ length: 30_000 }, () => line) });
    expect(r.ok).toBe(true);
    const expected = Array.from({ length: 30_000 }, () => '99999999999.99').reduce(addDecimal, '0.00');
    const t = await call('budget.totals', { budget });
    expect(t.ok && t.value.total).toBe(expected);
    expect(t.ok && t.value.basic).toBe(expected);
    const list = await call('budgets.list', {});
    expect(list.ok && list.value[0]!.total).toBe(expected);
  }, 120_000);

  it('negative and non-numeric amounts are refused per row with the field named, nothing stored', async () => {
    const before = await call('budget.totals', { budget });
    const bad = ['-100.00', 'abc', '1.234', '100000000000.00'].map((amount) => ({
      unit: '901001',
      function: '2012901',
      economic: '30201',
      kind: 'basic',
      source: 'general',
      amount,
    }));
    const r = await call('lines.add', { budget, lines: bad });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation');
      expect(r.error.rows?.map((x) => x.row)).toEqual([0, 1, 2, 3]);
      for (const row of r.error.rows ?? []) {
        expect(row.field).toBe('amount');
        expect(row.message).toMatch(/^金额/);
      }
    }
    expect(await call('budget.totals', { budget })).toEqual(before);
  });
});
