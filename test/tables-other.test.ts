// 政府采购预算表, 固定资产占用情况表, “三公” and the source tables with data the reference leaves empty.
import { describe, expect, it } from 'vitest';
import type { Budget } from '../core/model';
import { cellAt, deriveTables, findRow } from '../core/tables';
import type { RenderedGridTable } from '../core/tables';
import { fixtureBudget } from './helpers/budget';

const { budget: base, catalogs } = fixtureBudget();
const grid = (b: Budget, name: string) => deriveTables(b, catalogs).find((t) => t.name === name) as RenderedGridTable;
const wan = (t: RenderedGridTable, row: string, col: string) => {
  const c = cellAt(t, row, col);
  return c?.kind === 'amount' ? c.wan : c?.kind ? c.text : c;
};
const L = { unit: '711001', kind: 'basic' as const, carryover: false };

describe('tables the reference prints empty', () => {
  it('routes procurement money to its source column and totals each column on its own', () => {
    const b: Budget = {
      ...base,
      procurement: [
        {
          project: '13030325P00496310001X',
          item: '台式计算机',
          catalog: 'A02010104',
          measure: '台',
          quantity: '2',
          unitPrice: 55_000_000n,
          source: 'general',
          carryover: false,
          amount: 110_000_000n,
          sme: 110_000_000n,
        },
        {
          project: '自有资金采购',
          item: '打印机',
          catalog: 'A02021001',
          measure: '台',
          quantity: '1',
          unitPrice: 25_000_000n,
          source: 'business',
          carryover: false,
          amount: 25_000_000n,
          sme: null,
        },
        {
          project: '13030325P00496310001X',
          item: '复印纸',
          catalog: 'A09010101',
          measure: '箱',
          quantity: '10',
          unitPrice: null,
          source: 'general',
          carryover: true,
          amount: 3_000_000n,
          sme: null,
        },
      ],
    };
    const t = grid(b, '政府采购预算表');
    expect(t.empty).toBe(false);
    expect(t.note).toBe(null);
    expect(t.columns.map((c) => c.label)).toEqual([
      '序号',
      '项目名称',
      '采购物品名称',
      '政府采购目录序号',
      '计量单位',
      '数量',
      '单价',
      '合计',
      '一般公共预算拨款',
      '基金预算拨款',
      '国有资本经营预算拨款',
      '财政专户核拨',
      '单位资金',
      '上年结转结余',
      '2025年预留中小微企业份额',
    ]);
    expect(['total', 'general', 'unit', 'carryover', 'sme'].map((k) => wan(t, '合计', k))).toEqual(['138.00', '110.00', '25.00', '3.00', '110.00']);
    expect(wan(t, '#1', 'project')).toBe('困难职工及劳模帮扶救助资金');
    expect(wan(t, '#2', 'project')).toBe('自有资金采购');
    expect(wan(t, '#2', 'unitPrice')).toBe('25.00');
    expect(wan(t, '#3', 'carryover')).toBe('3.00');
    expect(wan(t, '#3', 'general')).toBe(null);
    expect(findRow(t, '#1')?.cells[3]).toEqual({ kind: 'code', text: 'A02010104' });
    expect(t.footnotes.length).toBe(1);
  });

  it('lists fixed assets with a 合计 and the as-of date', () => {
    const b: Budget = {
      ...base,
      assetsAsOf: '2025-06-30',
      assets: [
        { item: '房屋', quantity: '1', value: 12_345_678n },
        { item: '车辆', quantity: '2', value: 400_000n },
      ],
    };
    const t = grid(b, '固定资产占用情况表');
    expect(t.meta.period).toBe('截止时间：2025-06-30');
    expect(wan(t, '合计', 'value')).toBe('12.75');
    expect(wan(t, '房屋', 'value')).toBe('12.35');
    expect(wan(t, '车辆', 'quantity')).toBe('2');
  });

  it('derives “三公” from 财政拨款 lines of 30212/31013/30231/30217, basic and project alike', () => {
    const b: Budget = {
      ...base,
      lines: [
        ...base.lines,
        { ...L, function: '2012901', economic: '30217', source: 'general', amount: 12_000n * 100n },
        { ...L, function: '2012901', economic: '30231', source: 'general', amount: 30_000n * 100n },
        { ...L, function: '2012902', economic: '31013', source: 'fund', kind: 'project', project: '13030325P00496310001X', amount: 150_000n * 100n },
        { ...L, function: '2012901', economic: '30212', source: 'business', amount: 99_000n * 100n }, // 单位资金: not 财政拨款 “三公”
      ],
    };
    const t = grid(b, '财政拨款“三公”经费支出表');
    expect(t.empty).toBe(false);
    expect(t.rows.map((r) => (r.cells[1]?.kind === 'text' ? r.cells[1].text : null))).toEqual([
      '合计',
      '1.因公出国（境）费',
      '2.公务用车购置及运行维护费',
      '其中：（1）公务用车购置费',
      '（2）公务用车运行维护费',
      '3.公务接待费',
    ]);
    expect(['total', 'general', 'fund', 'soe'].map((k) => wan(t, '合计', k))).toEqual(['19.20', '4.20', '15.00', null]);
    expect(wan(t, '因公出国（境）费', 'total')).toBe(null);
    expect(wan(t, '公务用车购置及运行维护费', 'total')).toBe('18.00');
    expect(wan(t, '公务接待费', 'general')).toBe('1.20');
    const fund = grid(b, '政府性基金预算财政拨款支出表');
    expect(fund.empty).toBe(false);
    expect(['合计', '201', '20129', '2012902'].map((k) => wan(fund, k, 'project'))).toEqual(['15.00', '15.00', '15.00', '15.00']);
    expect(fund.rows.length).toBe(4);
    const fiscal = grid(b, '财政拨款收支总表');
    expect(wan(fiscal, '政府性基金预算拨款', 'income.amount')).toBe('15.00');
    expect(wan(fiscal, '一般公共服务支出', 'expense.fund')).toBe('15.00');
    expect(wan(fiscal, '收入总计', 'income.amount')).toBe(wan(fiscal, '支出总计', 'expense.total'));
  });

  it('puts carried-over lines in 上年结转 and 上年结转结余, still counted as spending', () => {
    const b: Budget = {
      ...base,
      lines: [
        ...base.lines,
        { ...L, function: '2012901', economic: '30201', source: 'general', carryover: true, amount: 100_000_000n },
        { ...L, function: '2012901', economic: '30201', source: 'business', amount: 50_000_000n },
      ],
    };
    const s = grid(b, '收支总表');
    expect(wan(s, '上年结转结余', 'income.amount')).toBe('100.00');
    expect(wan(s, '单位资金', 'income.amount')).toBe('50.00');
    expect(wan(s, '本年收入合计', 'income.amount')).toBe('105.33');
    expect(wan(s, '收入总计', 'income.amount')).toBe('205.33');
    expect(wan(s, '支出总计', 'expense.amount')).toBe('205.33');
    expect(wan(s, '一般公共服务支出', 'expense.amount')).toBe('160.85');
    const inc = grid(b, '收入总表');
    expect(['total', 'current', 'fiscal', 'business', 'carryover'].map((k) => wan(inc, '2012901', k))).toEqual(['152.75', '52.75', '2.75', '50.00', '100.00']);
    const f = grid(b, '财政拨款收支总表');
    expect(wan(f, '年初财政拨款结转和结余', 'income.amount')).toBe('100.00');
    expect(wan(f, '年初财政拨款结转和结余.一般公共预算拨款', 'income.amount')).toBe('100.00');
    expect(wan(f, '收入总计', 'income.amount')).toBe('155.33');
    expect(wan(f, '支出总计', 'expense.general')).toBe('155.33');
  });

  it('says so when there is no project', () => {
    const t = deriveTables({ ...base, projects: [] }, catalogs).find((x) => x.id === 'performance')!;
    expect(t.empty).toBe(true);
    expect(t.note).toBe('注：无项目支出，空表列示。');
  });
});
