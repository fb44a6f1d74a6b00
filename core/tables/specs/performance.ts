// Table 10: 项目支出绩效目标表 — one block per project, laid out like section 七 of the reference.
// Not a plain grid, so each block is a small form of placed cells on a 7-column grid.
import type { Project } from '../../model';
import { amount, code, text } from '../derive/cells';
import type { ProjectFigures } from '../derive/figures';
import type { AmountCell, FormBlock, FormCell, FormTableSpec, TextCell } from '../types';

// Captions are the same in every block: one shared, frozen cell each.
const LABELS = new Map<string, TextCell>();
function labelCell(s: string): TextCell {
  let c = LABELS.get(s);
  if (!c) {
    if (LABELS.size > 1_000) LABELS.clear(); // 一级指标 captions come from data; keep the cache bounded
    LABELS.set(s, (c = Object.freeze(text(s)) as TextCell));
  }
  return c;
}

function indicatorValue(i: Project['indicators'][number]): string {
  return `${i.op}${i.value}${i.unit}`;
}

/** A project's 预算数, 其中：财政资金 and 其他资金 cells: what its block prints (校验 compares them without the block). */
export function projectAmountCells(fig: ProjectFigures | undefined): { total: AmountCell; fiscal: AmountCell; other: AmountCell } {
  return { total: amount(fig?.total ?? 0n), fiscal: amount(fig?.fiscal ?? 0n), other: amount(fig?.other ?? 0n) };
}

export function performanceBlock(p: Project, n: number, fig: ProjectFigures | undefined): FormBlock {
  const cells: FormCell[] = [];
  // Plain object literals (no spreads): 400 projects make ~25,000 of these.
  const label = (row: number, col: number, s: string, span?: { rowSpan?: number; colSpan?: number }) => {
    cells.push(
      span ? { row, col, cell: labelCell(s), label: true, rowSpan: span.rowSpan, colSpan: span.colSpan } : { row, col, cell: labelCell(s), label: true },
    );
  };
  const put = (row: number, col: number, c: FormCell['cell'], span?: { rowSpan?: number; colSpan?: number }) => {
    cells.push(span ? { row, col, cell: c, rowSpan: span.rowSpan, colSpan: span.colSpan } : { row, col, cell: c });
  };

  label(0, 0, '项目编码');
  put(0, 1, code(p.code), { colSpan: 2 });
  label(0, 3, '项目名称');
  put(0, 4, text(p.name), { colSpan: 3 });
  label(1, 0, '预算规模及资金用途', { rowSpan: 2 });
  const amounts = projectAmountCells(fig);
  label(1, 1, '预算数');
  put(1, 2, amounts.total);
  label(1, 3, '其中：财政资金');
  put(1, 4, amounts.fiscal);
  label(1, 5, '其他资金');
  put(1, 6, amounts.other);
  put(2, 1, text(p.purpose), { colSpan: 6 });
  label(3, 0, '资金支出计划（%）', { rowSpan: 2 });
  const plan = [p.spendingPlan.mar, p.spendingPlan.jun, p.spendingPlan.oct, p.spendingPlan.dec];
  ['3月底', '6月底', '10月底', '12月底'].forEach((m, i) => {
    label(3, 1 + i, m, i === 3 ? { colSpan: 3 } : undefined);
    put(4, 1 + i, plan[i] ? text(plan[i]!) : null, i === 3 ? { colSpan: 3 } : undefined);
  });
  label(5, 0, '绩效目标');
  put(5, 1, text(p.goals.map((g, i) => `${i + 1}.${g}`).join('\n')), { colSpan: 6 });
  ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'].forEach((h, i) => label(6, i, h, i === 5 ? { colSpan: 2 } : undefined));
  let row = 7;
  const ind = p.indicators;
  for (let i = 0; i < ind.length; i++) {
    const it = ind[i]!;
    // Consecutive indicators of the same 一级指标 share one merged caption cell.
    if (i === 0 || ind[i - 1]!.level1 !== it.level1) {
      let span = 1;
      while (i + span < ind.length && ind[i + span]!.level1 === it.level1) span++;
      label(row, 0, it.level1, span > 1 ? { rowSpan: span } : undefined);
    }
    put(row, 1, text(it.level2));
    put(row, 2, text(it.name));
    put(row, 3, text(it.description));
    put(row, 4, text(indicatorValue(it)));
    put(row, 5, text(it.basis), { colSpan: 2 });
    row++;
  }
  return { key: p.code, title: `${n}、${p.name}绩效目标表`, unit: '单位：万元', rowCount: row, cells };
}

export const performanceSpec: FormTableSpec = {
  layout: 'form',
  id: 'performance',
  readsProjects: true,
  name: '项目支出绩效目标表',
  title: '项目支出绩效目标表',
  period: 'year',
  unit: false,
  // Each block prints its own 单位：万元, as in the reference.
  emptyNote: '注：无项目支出，空表列示。',
  columnWidths: [14, 14, 16, 24, 14, 10, 12],
  blockCount: (budget) => budget.projects.length,
  derive(ctx, range) {
    const from = range?.from ?? 0;
    const projects = range ? ctx.budget.projects.slice(from, from + range.count) : ctx.budget.projects;
    return projects.map((p, i) => performanceBlock(p, from + i + 1, ctx.figures.projects.get(p.code)));
  },
};
