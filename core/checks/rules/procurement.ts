// Rules on 政府采购 rows against the project lines that fund them: a project's procurement does not
// exceed its budget, nor, per fund source, its lines of that source.
import { formatYuan, type Fen } from '../../money';
import { SOURCE_NAMES, type Source } from '../../model';
import { projectsByCode, projectSumsOf } from '../derived';
import type { CheckContext, FindingTarget, Rule } from '../types';

const yuan = (f: Fen) => `${formatYuan(f)} 元`;
const rowTarget = (index: number): FindingTarget => ({ page: 'procurement', kind: 'procurement-row', id: String(index + 1) });

/** Per project (and per project and source): procurement total, the first row's index, and the lines' total. */
function sums(ctx: CheckContext, bySource: boolean) {
  const lines = projectSumsOf(ctx);
  const key = (project: string, source: Source) => (bySource ? `${project}\u0000${source}` : project);
  const bought = new Map<string, { project: string; source: Source; amount: Fen; first: number }>();
  ctx.budget.procurement.forEach((r, i) => {
    if (!r.project) return; // procurement outside any project is not bounded by project lines
    const k = key(r.project, r.source);
    const b = bought.get(k);
    if (b) b.amount += r.amount;
    else bought.set(k, { project: r.project, source: r.source, amount: r.amount, first: i });
  });
  return [...bought.values()].map((b) => {
    const l = lines.get(b.project);
    return { ...b, lines: (bySource ? l?.bySource.get(b.source) : l?.total) ?? 0n };
  });
}

function projectName(ctx: CheckContext, code: string): string {
  const p = projectsByCode(ctx).get(code);
  return `项目“${p?.name || '（未定义）'}”（${code}）`;
}

export const procurementRules: Rule[] = [
  {
    id: 'procurement.exceeds-project',
    severity: '错误',
    title: '项目的政府采购预算不超过该项目的预算',
    run: (ctx) =>
      sums(ctx, false)
        .filter((s) => s.amount > s.lines)
        .map((s) => ({
          message: `政府采购预算第 ${s.first + 1} 条起：${projectName(ctx, s.project)}的政府采购合计 ${yuan(s.amount)}，超过该项目预算 ${yuan(s.lines)}`,
          target: rowTarget(s.first),
        })),
  },
  {
    id: 'procurement.exceeds-source',
    severity: '错误',
    title: '项目的政府采购按资金来源不超过该项目同一来源的明细',
    run: (ctx) => {
      // A project already over its whole budget is reported once, by the rule above.
      const over = new Set(
        sums(ctx, false)
          .filter((s) => s.amount > s.lines)
          .map((s) => s.project),
      );
      return sums(ctx, true)
        .filter((s) => s.amount > s.lines && !over.has(s.project))
        .map((s) => ({
          message:
            `政府采购预算第 ${s.first + 1} 条起：${projectName(ctx, s.project)}由${SOURCE_NAMES[s.source]}安排的政府采购 ${yuan(s.amount)}，` +
            `超过该项目${SOURCE_NAMES[s.source]}明细 ${yuan(s.lines)}`,
          target: rowTarget(s.first),
        }));
    },
  },
];
