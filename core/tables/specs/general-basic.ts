// Table 6: 一般公共预算 基本支出 by 部门预算支出经济分类 (合计, 类, 款) × 合计, 人员经费, 公用经费.
import { amount } from '../derive/cells';
import { isPersonnel } from '../derive/figures';
import { CODE_COL, economicHierarchyRows } from '../derive/hierarchy';
import { slots } from '../derive/slots';
import type { GridTableSpec } from '../types';
import { SERIAL, amountCol, subjectGroup } from './common';

export const generalBasicSpec: GridTableSpec = {
  layout: 'grid',
  id: 'general-basic',
  name: '一般公共预算财政拨款基本支出表',
  title: '部门预算一般公共预算财政拨款基本支出表',
  period: 'year',
  unit: true,
  emptyNote: '注：无一般公共预算财政拨款基本支出预算，空表列示。',
  header: [
    SERIAL,
    subjectGroup('支出部门经济分类科目', 34),
    {
      label: '一般公共预算基本支出',
      children: [amountCol('total', '合计', 15), amountCol('personnel', '人员经费', 15), amountCol('publicUse', '公用经费', 15)],
    },
  ],
  derive(ctx) {
    const filter = slots({ sources: ['general'], kinds: ['basic'] });
    const rows = economicHierarchyRows(ctx, filter, [{ key: 'total', slots: filter }]);
    const zero = amount(0n);
    for (const r of rows) {
      const c = r.cells[CODE_COL];
      if (r.level === 0) {
        // 合计: each part is its own exact sum, rounded on its own.
        r.cells.personnel = amount(ctx.figures.generalBasic.personnel);
        r.cells.publicUse = amount(ctx.figures.generalBasic.publicUse);
      } else if (c && c.kind === 'code') {
        // 人员/公用 follows the 类 (301/303 vs the rest), so a row is wholly one or the other.
        const personnel = isPersonnel(c.text);
        r.cells.personnel = personnel ? (r.cells.total ?? zero) : zero;
        r.cells.publicUse = personnel ? zero : (r.cells.total ?? zero);
      }
    }
    return rows;
  },
};
