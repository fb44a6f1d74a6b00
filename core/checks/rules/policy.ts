// Rules of standing budget policy (review-rules.md “Policy”): function and economic codes fit each
// other, no 工资福利支出 in 项目支出, “三公”经费 and 机关运行经费 never above last year's (过紧日子).
// The last two compare printed 万元 (as 比上年增减 does) and say nothing when last year is unknown.
import { formatWanCents, toWanCents, type Fen } from '../../money';
import { figuresOf } from '../derived';
import { FUNCTION_ECONOMIC_PAIRS, pairProblem } from '../function-economic';
import type { CheckContext, FindingTarget, Rule } from '../types';
import { eachLineOf } from './lines';

/** A prior figure that is known (issue 12 makes priorYear's figures optional: absent means unknown). */
const known = (v: Fen | null | undefined): v is Fen => v !== null && v !== undefined;

/** “比 2024 年 1.20 万元增加 0.30 万元” when `now` prints above `prior`, else null. */
function increase(now: Fen, prior: Fen, year: number): string | null {
  const a = toWanCents(now),
    b = toWanCents(prior);
  return a > b ? `${formatWanCents(a)} 万元，比 ${year} 年 ${formatWanCents(b)} 万元增加 ${formatWanCents(a - b)} 万元` : null;
}

const threePublicRow = (row: string): FindingTarget => ({ page: 'tables', kind: 'table-row', id: `three-public#${row}` });

export const policyRules: Rule[] = [
  {
    id: 'policy.function-economic-mismatch',
    severity: '错误',
    title: '功能分类与经济分类须对应（如 30108 列 2080505、30113 列 2210201）',
    run: (ctx) => {
      const name = (kind: 'function' | 'economic', code: string) => `${code} ${ctx.catalogs[kind].name(code) || ''}`.trim();
      // Each (function, economic) pair that occurs is judged (and worded) once.
      return eachLineOf(ctx, ['function', 'economic'], problemText);
      function problemText(fn: string, economic: string): string | null {
        const p = pairProblem(fn, economic, FUNCTION_ECONOMIC_PAIRS);
        if (!p) return null;
        const l = { function: fn, economic };
        return p.side === 'economic'
          ? `经济分类 ${name('economic', l.economic)} 应列在功能分类 ${p.expected.map((c) => name('function', c)).join(' 或 ')} 下，不应列在 ${name('function', l.function)} 下`
          : `功能分类 ${name('function', l.function)} 下应列经济分类 ${p.expected.map((c) => name('economic', c)).join(' 或 ')}，不应列 ${name('economic', l.economic)}`;
      }
    },
  },
  {
    id: 'policy.personnel-in-project',
    severity: '提示',
    title: '项目支出中一般不列工资福利支出（301）',
    run: (ctx) =>
      eachLineOf(ctx, ['kind', 'economic'], (kind, code) =>
        kind === 'project' && code.startsWith('301')
          ? `项目支出列了工资福利支出 ${code} ${ctx.catalogs.economic.name(code)}，人员工资福利一般应列基本支出，请核实`
          : null,
      ),
  },
  {
    id: 'policy.three-public-increase',
    severity: '错误',
    title: '“三公”经费只减不增：合计及各项不超过上年',
    run: (ctx) => {
      const p = ctx.priorFigures;
      if (!p) return [];
      const tp = figuresOf(ctx).threePublic;
      const out = [];
      const total = known(p.threePublic) ? increase(tp.total, p.threePublic, p.year) : null;
      if (total) out.push({ message: `财政拨款“三公”经费支出表“合计”为 ${total}，“三公”经费只减不增`, target: threePublicRow('合计') });
      const items = p.threePublicItems;
      for (const i of items ? tp.items : []) {
        const before = items![i.key as keyof typeof items];
        const up = known(before) ? increase(i.fen, before, p.year) : null;
        if (up) out.push({ message: `财政拨款“三公”经费支出表“${i.label}”为 ${up}，“三公”经费只减不增`, target: threePublicRow(i.label) });
      }
      return out;
    },
  },
  {
    id: 'policy.office-cost-increase',
    severity: '错误',
    title: '机关运行经费不超过上年（过紧日子）',
    run: (ctx: CheckContext) => {
      const p = ctx.priorFigures;
      if (!p || !known(p.officeCost)) return [];
      const up = increase(figuresOf(ctx).runningCost.total, p.officeCost, p.year);
      return up
        ? [
            {
              message: `情况说明“机关运行经费安排情况”中机关运行经费为 ${up}，机关运行经费应只减不增`,
              target: { page: 'narrative', kind: 'narrative', id: 'runningCost.total' },
            },
          ]
        : [];
    },
  },
];
