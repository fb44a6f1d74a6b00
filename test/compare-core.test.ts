// The pure comparison: printed figures, change = difference of printed figures, 增减率, union of codes.
import { describe, expect, test } from 'vitest';
import { changeRate, compareYears } from '../core/compare/compare';
import { totalsChart, totalsChartSvg } from '../core/compare/chart';
import type { YearFigures } from '../core/compare/types';
import { parseYuan } from '../core/money';

const fen = (y: string) => {
  const r = parseYuan(y, { allowZero: true });
  if (!r.ok) throw new Error(r.reason);
  return r.fen;
};
function figures(year: number, total: string, fns: [string, string][], origin: YearFigures['origin'] = 'lines'): YearFigures {
  return {
    year,
    department: { code: '711', name: '工会部门' },
    origin,
    functions: fns.map(([code, a]) => ({ code, name: `科目${code}`, amount: fen(a) })),
    summary: { total: fen(total), basic: fen(total), project: 0n, personnel: 0n, publicCost: 0n, threePublic: 0n, runningCost: null },
  };
}

describe('compareYears', () => {
  test('the published case: 18,976.76 against 15,621.11 万元 prints a change of 3,355.65', () => {
    const c = compareYears(figures(2023, '156211149.99', []), figures(2024, '189767551.00', []));
    expect(c.summary[0]).toMatchObject({ prior: '15621.11', current: '18976.76', change: '3355.65', word: '增加', rate: '21.48%' });
  });

  test('each figure rounded on its own: the change is the difference of the printed figures, not of the exact sums', () => {
    // 149.00 元 and 50.00 元 both print as 0.01 万元 (half-up): the exact difference of 99.00 元 would print 0.01.
    const c = compareYears(figures(2024, '149.00', []), figures(2025, '50.00', []));
    expect(c.summary[0]).toMatchObject({ prior: '0.01', current: '0.01', change: '0.00', word: '持平', rate: '0.00%' });
  });

  test('codes of either year, in hierarchy order; a code one year lacks counts as 0 there', () => {
    const c = compareYears(
      figures(2024, '300.00', [
        ['201', '100.00'],
        ['2012901', '100.00'],
        ['20129', '100.00'],
      ]),
      figures(2025, '200.00', [
        ['208', '200.00'],
        ['20805', '200.00'],
        ['2080501', '200.00'],
      ]),
    );
    expect(c.functions.map((r) => [r.key, r.level, r.prior, r.current])).toEqual([
      ['合计', 0, '0.03', '0.02'],
      ['201', 1, '0.01', '0.00'],
      ['20129', 2, '0.01', '0.00'],
      ['2012901', 3, '0.01', '0.00'],
      ['208', 1, '0.00', '0.02'],
      ['20805', 2, '0.00', '0.02'],
      ['2080501', 3, '0.00', '0.02'],
    ]);
    expect(c.functions[4]).toMatchObject({ change: '0.02', rate: null, word: '增加' });
  });

  test('no prior figures: every prior cell unknown, and a note says why', () => {
    const c = compareYears(null, figures(2025, '100.00', [['201', '100.00']]));
    expect(c.summary[0]).toMatchObject({ prior: null, change: null, rate: null, word: null });
    expect(c.notes[0]).toBe('库中没有 2024 年的预算明细，也没有导入 2024 年公开表，上年数无法列示。');
  });

  test("a budget file's priorYear has no function rows: they stay unknown", () => {
    const c = compareYears(figures(2024, '100.00', [], 'budget-file'), figures(2025, '100.00', [['201', '100.00']]));
    expect(c.functions[1]).toMatchObject({ key: '201', prior: null, current: '0.01' });
  });
});

describe('changeRate', () => {
  test('half-up to two decimals, sign of the change, none for a zero prior figure', () => {
    expect(changeRate(-2128n, 7661n)).toBe('-27.78%');
    expect(changeRate(1n, 8n)).toBe('12.50%');
    expect(changeRate(1n, 3n)).toBe('33.33%');
    expect(changeRate(2n, 3n)).toBe('66.67%');
    expect(changeRate(0n, 5n)).toBe('0.00%');
    expect(changeRate(5n, 0n)).toBeNull();
  });
});

describe('totalsChart', () => {
  test('one bar per year in year order, labelled with the printed figure; the tallest fills the plot', () => {
    const chart = totalsChart([
      { year: 2025, total: fen('553325.50'), origin: 'lines' },
      { year: 2024, total: fen('766100.00'), origin: 'workbook' },
    ]);
    expect(chart.bars.map((b) => [b.year, b.label, b.origin])).toEqual([
      [2024, '76.61', 'workbook'],
      [2025, '55.33', 'lines'],
    ]);
    expect(chart.bars[0]!.y).toBeLessThan(chart.bars[1]!.y);
    expect(chart.bars[0]!.y + chart.bars[0]!.height).toBe(chart.baseline);
    const svg = totalsChartSvg(chart);
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('>2024年</text>');
  });
});
