// Rules on what the 情况说明 states about the data (issue 12 §3): each factual statement is listed here
// once, with the data that makes it true, so that a sentence can never stand while the data says
// otherwise. The narrative derives these sentences from the same figures; these rules re-derive them
// independently from the budget and the prior figures and compare, and flag the data that makes a
// standard sentence impossible (fixed-asset purchases outside the procurement budget).
import { formatWan } from '../../money';
import { knownPriorFigures, PRIOR_FIGURE_LABELS } from '../../model';
import type { NarrativeDocument, NarrativeSection } from '../../narrative/types';
import { figuresOf, narrativeOf } from '../derived';
import type { CheckContext, FindingTarget, Rule } from '../types';

const at = (id: string): FindingTarget => ({ page: 'narrative', kind: 'narrative', id });

function sectionText(doc: NarrativeDocument, key: NarrativeSection['key']): string {
  const s = doc.sections.find((x) => x.key === key);
  return s ? s.blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? b.text : '')).join('\n') : '';
}

interface Statement {
  /** Where the sentence stands, as the clerk reads it. */
  where: string;
  /** The wording, and whether the data makes it true. */
  phrase: string;
  section: NarrativeSection['key'];
  holds(ctx: CheckContext): boolean;
}

/** Each sentence of the generated 情况说明 that asserts a fact beyond a printed figure. */
const STATEMENTS: Statement[] = [
  {
    where: '九、国有资产信息',
    section: 'assets',
    phrase: '已按要求列入政府采购预算',
    holds: (ctx) => {
      const f = figuresOf(ctx);
      return f.procurement.total >= f.assets.purchase;
    },
  },
  {
    where: '九、国有资产信息',
    section: 'assets',
    phrase: '未编列政府采购预算',
    holds: (ctx) => {
      const f = figuresOf(ctx);
      return f.procurement.total === 0n && f.assets.purchase > 0n;
    },
  },
  {
    where: '七、部门项目预算安排情况及绩效目标',
    section: 'projects',
    phrase: '我部门无项目预算安排',
    holds: (ctx) => ctx.budget.projects.length === 0,
  },
  {
    where: '二、部门预算安排的总体情况',
    section: 'overview',
    phrase: '无上年预算数据，暂不作增减比较',
    holds: (ctx) => !ctx.priorFigures || [ctx.priorFigures.total, ctx.priorFigures.basic, ctx.priorFigures.project].every((v) => v === undefined),
  },
];

export const narrativeFactRules: Rule[] = [
  {
    id: 'narrative.statement-contradicts-data',
    severity: '错误',
    title: '情况说明的表述与数据一致',
    run: (ctx) => {
      const doc = narrativeOf(ctx);
      const out = [];
      for (const s of STATEMENTS) {
        if (sectionText(doc, s.section).includes(s.phrase) && !s.holds(ctx)) {
          out.push({ message: `情况说明“${s.where}”写有“${s.phrase}”，与数据不符`, target: at(s.section) });
        }
      }
      // 项目个数 in 七.
      const m = /我部门安排项目(\d+)个/.exec(sectionText(doc, 'projects'));
      if (m && Number(m[1]) !== ctx.budget.projects.length) {
        out.push({
          message: `情况说明“七、部门项目预算安排情况及绩效目标”写有项目 ${m[1]} 个，项目列表中有 ${ctx.budget.projects.length} 个`,
          target: at('projects'),
        });
      }
      // 比上年增减 only for the figures of last year that are known, and for each of them.
      const p = ctx.priorFigures;
      const known = new Set(p ? knownPriorFigures(p).map(([k]) => k) : []);
      const changeKey = {
        total: 'change.total',
        basic: 'change.basic',
        project: 'change.project',
        threePublic: 'change.threePublic',
        officeCost: 'change.officeCost',
      } as const;
      for (const [k, fk] of Object.entries(changeKey) as [keyof typeof changeKey, string][]) {
        const stated = doc.figures[fk] !== undefined;
        if (stated !== known.has(k)) {
          out.push({
            message: stated
              ? `情况说明写有${PRIOR_FIGURE_LABELS[k]}的比上年增减，但没有上年${PRIOR_FIGURE_LABELS[k]}数`
              : `已有上年${PRIOR_FIGURE_LABELS[k]}数，情况说明却未写其比上年增减`,
            target: at('priorFigures'),
          });
        }
      }
      return out;
    },
  },
  {
    id: 'narrative.purchase-outside-procurement',
    severity: '提示',
    title: '拟购置固定资产应列入政府采购预算',
    run: (ctx) => {
      const f = figuresOf(ctx);
      if (f.assets.purchase === 0n || f.procurement.total >= f.assets.purchase) return [];
      return [
        {
          message:
            `本年度拟购置固定资产 ${formatWan(f.assets.purchase)} 万元（预算明细中资本性支出的购置类科目），` +
            `政府采购预算只有 ${formatWan(f.procurement.total)} 万元：情况说明将如实写明；如这些购置应采购，请在“政府采购与固定资产”页补充政府采购预算`,
          // The fix is a 政府采购 row: 定位 opens 政府采购与固定资产 at the list's 添加 row.
          target: { page: 'procurement', kind: 'procurement-row', id: '' },
        },
      ];
    },
  },
];
