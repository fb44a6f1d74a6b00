// Table 12: 部门固定资产占用情况表, from `assets` (value in 万元).
import { amount, text } from '../derive/cells';
import type { DerivedRow, GridTableSpec } from '../types';
import { SERIAL, amountCol, textCol } from './common';

export const assetsSpec: GridTableSpec = {
  layout: 'grid',
  id: 'assets',
  name: '固定资产占用情况表',
  title: '部门固定资产占用情况表',
  period: 'assetsAsOf',
  unit: false,
  emptyNote: '注：无固定资产占用情况，空表列示。',
  header: [SERIAL, textCol('item', '项 目', 40), textCol('quantity', '数量', 16), amountCol('value', '价值（金额单位：万元）', 24)],
  derive(ctx) {
    const assets = ctx.budget.assets;
    if (assets.length === 0) return [];
    const total = assets.reduce((t, a) => t + a.value, 0n);
    const rows: DerivedRow[] = [{ keys: ['合计'], level: 0, cells: { item: text('合计'), value: amount(total) } }];
    assets.forEach((a, i) =>
      rows.push({ keys: [`#${i + 1}`, a.item], level: 1, cells: { item: text(a.item), quantity: text(a.quantity), value: amount(a.value) } }),
    );
    return rows;
  },
};
