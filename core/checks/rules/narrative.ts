// Rules on the 情况说明: its generated figures against the tables, placeholders left in the
// clerk's text, and the inputs it needs (prior-year figures, 职责, 绩效目标).
import type { NarrativeDocument } from '../../narrative/types';
import type { TableId } from '../../tables/types';
import { MISSING_TEXT, printedChange } from '../../narrative/build';
import { amountAt, figuresOf, gridTable, narrativeOf, printed, projectAmountsOf } from '../derived';
import type { CheckContext, FindingTarget, Rule } from '../types';

const NARRATIVE: FindingTarget = { page: 'narrative', kind: 'narrative', id: '' };
const at = (id: string): FindingTarget => ({ ...NARRATIVE, id });

/** A narrative figure and the table cell that prints the same sum. */
const FIGURE_CELLS: { figure: string; table: TableId; row: string; col: string; when?: (ctx: CheckContext) => boolean }[] = [
  { figure: 'income.total', table: 'summary', row: '收入总计', col: 'income.amount' },
  { figure: 'income.general', table: 'summary', row: '一般公共预算拨款收入', col: 'income.amount' },
  { figure: 'income.fund', table: 'summary', row: '政府性基金预算拨款收入', col: 'income.amount' },
  { figure: 'income.soe', table: 'summary', row: '国有资本经营预算拨款收入', col: 'income.amount' },
  { figure: 'income.special', table: 'summary', row: '财政专户管理资金收入', col: 'income.amount' },
  { figure: 'income.unitFunds', table: 'summary', row: '单位资金', col: 'income.amount' },
  { figure: 'income.carryover', table: 'summary', row: '上年结转结余', col: 'income.amount' },
  { figure: 'expense.total', table: 'expense', row: '合计', col: 'total' },
  { figure: 'expense.basic', table: 'expense', row: '合计', col: 'basic' },
  { figure: 'expense.project', table: 'expense', row: '合计', col: 'project' },
  // Table 6 shows 一般公共预算 only; the narrative's 人员/公用经费 cover every source, so they are
  // comparable only when all 基本支出 is 一般公共预算.
  ...(['personnel', 'publicCost'] as const).map((k) => ({
    figure: `expense.${k}`,
    table: 'general-basic' as const,
    row: '合计',
    col: k === 'personnel' ? 'personnel' : 'publicUse',
    when: (ctx: CheckContext) => ctx.lines.digest.byEconomic.every((g) => g.kind !== 'basic' || g.source === 'general'),
  })),
  { figure: 'threePublic.total', table: 'three-public', row: '合计', col: 'total' },
  { figure: 'threePublic.abroad', table: 'three-public', row: '因公出国（境）费', col: 'total' },
  { figure: 'threePublic.carPurchase', table: 'three-public', row: '公务用车购置费', col: 'total' },
  { figure: 'threePublic.carRunning', table: 'three-public', row: '公务用车运行维护费', col: 'total' },
  { figure: 'threePublic.reception', table: 'three-public', row: '公务接待费', col: 'total' },
  { figure: 'procurement.total', table: 'procurement', row: '合计', col: 'total' },
  { figure: 'assets.total', table: 'assets', row: '合计', col: 'value' },
];

/** Left-over template text: XX / ×× / 待填写 / 请填写 / TBD / {单位} / {部门} / （略） / 某某. */
export const PLACEHOLDER_RE = /[XＸ]{2,}|×{2,}|待填写|待补充|请填写|某某|TBD|[{｛](?:单位|部门)[}｝]|[（(]略[）)]/i;

/** Every text of the narrative document with where it is ('十一、其他需要说明的事项'). */
export function narrativeTexts(doc: NarrativeDocument): { where: string; key: string; text: string }[] {
  const out: { where: string; key: string; text: string }[] = [{ where: '标题', key: 'title', text: doc.title }];
  for (const s of doc.sections) {
    const where = `${s.no}、${s.title}`;
    for (const b of s.blocks) {
      if (b.type === 'paragraph') out.push({ where, key: b.editable ?? s.key, text: b.text });
      else if (b.type === 'heading') out.push({ where, key: s.key, text: b.text });
      else if (b.type === 'table') for (const r of b.rows) out.push({ where: `${where}（${b.caption}）`, key: 'units', text: r.join(' ') });
    }
  }
  return out;
}

export const narrativeRules: Rule[] = [
  {
    id: 'narrative.figures-match-tables',
    severity: '错误',
    title: '情况说明中的数字与公开表一致',
    run: (ctx) => {
      const doc = narrativeOf(ctx);
      const out = [];
      for (const p of FIGURE_CELLS) {
        const fig = doc.figures[p.figure];
        const t = gridTable(ctx, p.table);
        if (!fig || !t || (p.when && !p.when(ctx))) continue;
        const cell = printed(amountAt(t, p.row, p.col));
        if (cell !== fig.wan) {
          out.push({ message: `情况说明“${fig.label}”为 ${fig.wan} 万元，${t.title}“${p.row}”为 ${cell} 万元`, target: at(p.figure) });
        }
      }
      // Each project's amount in 七 against its 绩效目标表.
      for (const [code, a] of projectAmountsOf(ctx)) {
        const fig = doc.figures[`project.${code}`];
        const wan = printed(a.total);
        if (fig && fig.wan !== wan)
          out.push({ message: `情况说明七中项目“${fig.label}”为 ${fig.wan} 万元，绩效目标表预算数为 ${wan} 万元`, target: at(`project.${code}`) });
      }
      return out;
    },
  },
  {
    id: 'narrative.placeholder',
    severity: '错误',
    title: '情况说明中不能留有占位文字（XX、×××、待填写、请填写、TBD、{单位}、（略））',
    run: (ctx) =>
      narrativeTexts(narrativeOf(ctx)).flatMap((t) => {
        if ((Object.values(MISSING_TEXT) as string[]).includes(t.text)) return [];
        const m = PLACEHOLDER_RE.exec(t.text);
        if (!m) return [];
        const around = t.text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12);
        return [{ message: `情况说明“${t.where}”中留有占位文字“${m[0]}”：…${around}…`, target: at(t.key) }];
      }),
  },
  {
    id: 'narrative.prior-missing',
    severity: '提示',
    title: '比上年增减需要上年预算数',
    run: (ctx) =>
      ctx.priorFigures
        ? []
        : [
            {
              message: `没有 ${ctx.budget.year - 1} 年预算数（本库中没有上年预算，也没有导入上年公开表或填写上年数），情况说明将不作比上年增减说明；可在“情况说明”页的“上年数”中填写上年公开的数字`,
              target: at('priorFigures'),
            },
          ],
  },
  {
    id: 'narrative.change-reason-missing',
    severity: '提示',
    title: '基本支出、项目支出、“三公”经费有增减时应说明原因',
    run: (ctx) => {
      const p = ctx.priorFigures;
      if (!p) return [];
      const doc = narrativeOf(ctx);
      const out = (['basic', 'project'] as const).flatMap((k) => {
        const change = doc.figures[`change.${k}`];
        const label = k === 'basic' ? '基本支出' : '项目支出';
        if (!change || change.wan === '0.00' || ctx.budget.narrative.changeReasons[k].trim()) return [];
        return [{ message: `${label}较上年${change.label.replace(label, '')} ${change.wan} 万元，未填写增减原因`, target: at('changeReasons') }];
      });
      // “三公”: its reason is a free narrative key (threePublicReason), stated in section 四.
      // Only when last year's “三公” figure is known: the narrative states no change otherwise.
      if (p.threePublic === undefined) return out;
      const tp = printedChange(figuresOf(ctx).threePublic.total, p.threePublic);
      const reason = ctx.budget.narrative.threePublicReason;
      if (tp.word !== '持平' && !(typeof reason === 'string' && reason.trim())) {
        out.push({ message: `“三公”经费较上年${tp.word} ${tp.wan} 万元，未填写“三公”经费增减原因`, target: at('threePublicReason') });
      }
      return out;
    },
  },
  {
    id: 'narrative.duties-missing',
    severity: '错误',
    title: '情况说明须写明部门职责',
    run: (ctx) =>
      ctx.budget.narrative.duties.some((d) => d.title.trim() || d.text.trim())
        ? []
        : [{ message: '情况说明“一、部门职责及机构设置情况”未填写部门职责', target: at('duties') }],
  },
  {
    id: 'narrative.performance-goals-missing',
    severity: '错误',
    title: '情况说明须写明部门整体绩效目标',
    run: (ctx) =>
      ctx.budget.narrative.performanceGoals.some((g) => g.trim()) ? [] : [{ message: '情况说明“五、部门整体绩效目标”未填写', target: at('performanceGoals') }],
  },
];
