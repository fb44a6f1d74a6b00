// 部门汇总表: one row per department and a 合计 row, declared like the standard tables (header tree +
// derive) and rendered by the same grid renderer and page layout, so the workbook writer paints it
// like any other sheet.
import type { Fen } from '../money';
import type { Budget } from '../model';
import { amount, amountOrZero, code, text } from '../tables/derive/cells';
import type { TableFigures } from '../tables/derive/figures';
import { renderGrid } from '../tables';
import { SERIAL, amountCol, textCol } from '../tables/specs/common';
import type { Cell, DerivedRow, HeaderNode, RenderedGridTable } from '../tables/types';
import { SUMMARY_LABEL } from './combine';

/** One department's own totals, from its own figures pass. */
export interface DeptTotals {
  code: string;
  name: string;
  finalized: boolean;
  total: Fen;
  fiscal: Fen;
  basic: Fen;
  project: Fen;
  threePublic: Fen;
  adminOperating: Fen;
  /** 财政拨款控制数 and 已编 of those ceilings (core/control ceilingTotals); null when the department has no 控制数. */
  control: { amount: Fen; planned: Fen } | null;
}

export const DEPT_AMOUNTS = ['total', 'fiscal', 'basic', 'project', 'threePublic', 'adminOperating'] as const;

export function deptTotals(budget: Budget, figures: TableFigures, finalized: boolean, control: DeptTotals['control']): DeptTotals {
  return {
    code: budget.department.code,
    name: budget.department.name,
    finalized,
    total: figures.total,
    fiscal: figures.fiscal.total,
    basic: figures.byKind.basic,
    project: figures.byKind.project,
    threePublic: figures.threePublicTotal,
    adminOperating: figures.adminOperating.total,
    control,
  };
}

export const NOT_FINAL = '未定稿';

/** 财政拨款控制数, 已编 and 差额; blank for a department without 控制数. */
function controlCells(c: DeptTotals['control']): Record<string, Cell> {
  if (!c) return { controlAmount: null, controlPlanned: null, controlDiff: null };
  return { controlAmount: amount(c.amount), controlPlanned: amount(c.planned), controlDiff: amount(c.amount - c.planned) };
}

export const deptSummarySpec = {
  id: 'dept-summary' as const,
  name: '部门汇总表',
  title: '部门预算汇总表',
  header: [
    SERIAL,
    { key: 'code', label: '部门编码', kind: 'code', width: 10 },
    textCol('name', '部门名称', 26),
    amountCol('total', '收入总计'),
    amountCol('fiscal', '财政拨款'),
    amountCol('basic', '基本支出'),
    amountCol('project', '项目支出'),
    amountCol('threePublic', '“三公”经费'),
    amountCol('adminOperating', '机关运行经费'),
    amountCol('controlAmount', '财政拨款控制数'),
    amountCol('controlPlanned', '财政拨款已编'),
    amountCol('controlDiff', '差额'),
    textCol('status', '状态', 10),
  ] satisfies HeaderNode[],
  footnote: `注：状态为“${NOT_FINAL}”的部门预算尚未定稿，其数字可能还会变动。`,
  derive(depts: readonly DeptTotals[]): DerivedRow[] {
    const rows: DerivedRow[] = depts.map((d) => {
      const cells: Record<string, Cell> = { code: code(d.code), name: text(d.name), status: d.finalized ? null : text(NOT_FINAL) };
      for (const k of DEPT_AMOUNTS) cells[k] = amountOrZero(d[k]);
      Object.assign(cells, controlCells(d.control));
      return { keys: [d.code], level: 1, cells };
    });
    const sum: Record<string, Cell> = { code: text('合计') };
    for (const k of DEPT_AMOUNTS) sum[k] = amountOrZero(depts.reduce((s, d) => s + d[k], 0n));
    const withControl = depts.flatMap((d) => (d.control ? [d.control] : []));
    Object.assign(
      sum,
      controlCells(
        withControl.length
          ? {
              amount: withControl.reduce((s, c) => s + c.amount, 0n),
              planned: withControl.reduce((s, c) => s + c.planned, 0n),
            }
          : null,
      ),
    );
    rows.push({ keys: ['合计'], level: 0, cells: sum, spans: { code: 2 }, unnumbered: true });
    return rows;
  },
};

export function deptSummaryTable(year: number, depts: readonly DeptTotals[]): RenderedGridTable {
  const s = deptSummarySpec;
  const rows = s.derive(depts);
  return {
    id: s.id,
    no: 0,
    name: s.name,
    title: s.title,
    meta: { department: SUMMARY_LABEL, period: `预算年度：${year}`, unit: '单位：万元' },
    layout: 'grid',
    ...renderGrid(s.id, s.header, rows, year),
    empty: depts.length === 0,
    note: depts.length === 0 ? '注：没有部门预算。' : null,
    footnotes: depts.some((d) => !d.finalized) ? [s.footnote] : [],
  };
}
