// Table 9: 财政拨款 “三公” 经费 by item × source, basic and project lines alike.
import type { Fen } from '../../money';
import { amount, text } from '../derive/cells';
import type { FiscalSource, ThreePublicItem } from '../derive/figures';
import type { DerivedRow, GridTableSpec } from '../types';
import { SERIAL, amountCol, textCol } from './common';

const SOURCES: FiscalSource[] = ['general', 'fund', 'soe'];

export const threePublicSpec: GridTableSpec = {
  layout: 'grid',
  id: 'three-public',
  name: '财政拨款“三公”经费支出表',
  title: '部门预算财政拨款“三公”经费支出表',
  period: 'year',
  unit: true,
  emptyNote: '注：无财政拨款“三公”经费支出预算，空表列示。',
  header: [
    SERIAL,
    textCol('item', '项 目', 34),
    {
      label: '资 金 性 质',
      children: [
        amountCol('total', '合计', 14),
        amountCol('general', '一般公共预算财政拨款', 14),
        amountCol('fund', '政府性基金预算拨款', 14),
        amountCol('soe', '国有资本经营预算财政拨款', 14),
      ],
    },
  ],
  derive(ctx) {
    const tp = ctx.figures.threePublic;
    if (ctx.figures.threePublicTotal === 0n) return [];
    const sum = (items: ThreePublicItem[], s: FiscalSource): Fen => items.reduce((t, i) => t + tp[i][s], 0n);
    const row = (key: string, label: string, items: ThreePublicItem[], level: number): DerivedRow => {
      const bySource = SOURCES.map((s) => sum(items, s));
      return {
        keys: [key],
        level,
        cells: {
          item: text(label),
          total: amount(bySource[0]! + bySource[1]! + bySource[2]!),
          general: amount(bySource[0]!),
          fund: amount(bySource[1]!),
          soe: amount(bySource[2]!),
        },
      };
    };
    const all: ThreePublicItem[] = ['abroad', 'carPurchase', 'carOperation', 'reception'];
    return [
      row('合计', '合计', all, 0),
      row('因公出国（境）费', '1.因公出国（境）费', ['abroad'], 1),
      row('公务用车购置及运行维护费', '2.公务用车购置及运行维护费', ['carPurchase', 'carOperation'], 1),
      row('公务用车购置费', '其中：（1）公务用车购置费', ['carPurchase'], 2),
      row('公务用车运行维护费', '（2）公务用车运行维护费', ['carOperation'], 2),
      row('公务接待费', '3.公务接待费', ['reception'], 1),
    ];
  },
};
