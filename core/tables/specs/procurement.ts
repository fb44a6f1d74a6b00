// Table 11: 部门政府采购预算表, from `procurement`; each row's amount goes to its source's column.
import type { Fen } from '../../money';
import type { ProcurementRow } from '../../model';
import { amount, code, text } from '../derive/cells';
import type { Cell, DerivedRow, GridTableSpec } from '../types';
import { SERIAL, amountCol, textCol } from './common';

const AMOUNT_KEYS = ['total', 'general', 'fund', 'soe', 'special', 'unit', 'carryover', 'sme'] as const;

/** The amount column a procurement row's money lands in. */
function sourceColumn(r: ProcurementRow): (typeof AMOUNT_KEYS)[number] {
  if (r.carryover) return 'carryover';
  switch (r.source) {
    case 'general':
    case 'fund':
    case 'soe':
    case 'special':
      return r.source;
    default:
      return 'unit';
  }
}

export const procurementSpec: GridTableSpec = {
  layout: 'grid',
  id: 'procurement',
  readsProjects: true,
  name: '政府采购预算表',
  title: '部门政府采购预算表',
  period: 'none',
  unit: true,
  emptyNote: '注：无政府采购预算，空表列示。',
  footnotes: ['注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。'],
  header: [
    SERIAL,
    { label: '政府采购项目来源', children: [textCol('project', '项目名称', 22)] },
    textCol('item', '采购物品名称', 16),
    { key: 'catalog', label: '政府采购目录序号', kind: 'code', width: 11 },
    textCol('measure', '计量单位', 7),
    textCol('quantity', '数量', 7),
    amountCol('unitPrice', '单价', 9),
    {
      label: '政府采购金额（当年部门预算安排资金）',
      children: [
        amountCol('total', '合计', 9),
        {
          label: '预算资金',
          children: [
            amountCol('general', '一般公共预算拨款', 9),
            amountCol('fund', '基金预算拨款', 9),
            amountCol('soe', '国有资本经营预算拨款', 9),
            amountCol('special', '财政专户核拨', 9),
            amountCol('unit', '单位资金', 9),
          ],
        },
        amountCol('carryover', '上年结转结余', 9),
      ],
    },
    amountCol('sme', '{year}年预留中小微企业份额', 10),
  ],
  derive(ctx) {
    const rows = ctx.budget.procurement;
    if (rows.length === 0) return [];
    const projectNames = new Map(ctx.budget.projects.map((p) => [p.code, p.name]));
    const totals = new Map<string, Fen>(AMOUNT_KEYS.map((k) => [k, 0n]));
    const out: DerivedRow[] = rows.map((r, i) => {
      const cells: Record<string, Cell> = {
        project: text(projectNames.get(r.project) ?? r.project),
        item: text(r.item),
        catalog: code(r.catalog),
        measure: text(r.measure),
        quantity: text(r.quantity),
        unitPrice: amount(r.unitPrice ?? 0n),
      };
      const col = sourceColumn(r);
      const add = (k: string, v: Fen) => {
        totals.set(k, totals.get(k)! + v);
      };
      cells.total = amount(r.amount);
      add('total', r.amount);
      cells[col] = amount(r.amount);
      add(col, r.amount);
      cells.sme = amount(r.sme ?? 0n);
      add('sme', r.sme ?? 0n);
      return { keys: [`#${i + 1}`, r.item], level: 1, cells };
    });
    const totalCells: Record<string, Cell> = { project: text('合计') };
    for (const k of AMOUNT_KEYS) totalCells[k] = amount(totals.get(k)!);
    return [{ keys: ['合计'], level: 0, cells: totalCells }, ...out];
  },
};
