// Builds the 情况说明 (sections 一 to 十一, in the order and wording of the published disclosure)
// from the budget: generated figures from budgetFigures(), the clerk's own text from budget.narrative.
import type { Catalogs } from '../catalog';
import { formatWan, formatWanCents, toWanCents, type Fen } from '../money';
import type { Budget } from '../model';
import { budgetFigures, type BudgetFigures } from './figures';
import type { TableFigures } from '../tables/derive/figures';
import { DEFAULT_GLOSSARY, DEFAULT_OTHER } from './glossary';
import type { NarrativeBlock, NarrativeDocument, NarrativeFigure, NarrativeSection, PriorFigures } from './types';

/** What the 情况说明 prints where the clerk wrote nothing yet: the app's own text, never a finding of its own
 *  (the missing text is: narrative.duties-missing / performance-goals-missing). */
export const MISSING_TEXT = { duties: '（待填写部门职责）', performanceGoals: '（待填写部门整体绩效目标）' } as const;

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'];

/** 增加 / 减少 / 持平 of two printed figures, and the printed difference (always non-negative). */
export function printedChange(current: Fen, prior: Fen): { word: '增加' | '减少' | '持平'; wan: string } {
  const d = toWanCents(current) - toWanCents(prior);
  return { word: d > 0n ? '增加' : d < 0n ? '减少' : '持平', wan: formatWanCents(d < 0n ? -d : d) };
}

/** The prior figures from a budget file's priorYear (the figures it gives; the others stay unknown). */
export function priorFromBudget(budget: Budget): PriorFigures | null {
  const p = budget.priorYear;
  return p ? { ...p } : null;
}

/** 九's clause on fixed-asset purchases: “已按要求列入政府采购预算” only when the procurement budget covers them. */
export function purchaseClause(purchase: Fen, procurement: Fen): string {
  if (procurement >= purchase) return '已按要求列入政府采购预算，详见政府采购预算表';
  if (procurement === 0n) return '未编列政府采购预算';
  return `政府采购预算安排${formatWan(procurement)}万元，详见政府采购预算表`;
}

/** Registers a 比上年增减 figure and returns its change. */
function change(
  figures: Record<string, NarrativeFigure>,
  key: string,
  label: string,
  current: Fen,
  prior: Fen,
): { word: '增加' | '减少' | '持平'; wan: string } {
  const c = printedChange(current, prior);
  figures[key] = { key, label: `${label}${c.word}`, fen: current - prior, wan: c.wan };
  return c;
}

/** 二、3 比上年增减情况: a clause for exactly the figures of last year that are known. */
function changeParagraph(
  Y: number,
  exp: BudgetFigures['expense'],
  prior: PriorFigures | null,
  reasons: { basic: string; project: string },
  figures: Record<string, NarrativeFigure>,
): NarrativeBlock {
  const known = prior && (prior.total !== undefined || prior.basic !== undefined || prior.project !== undefined);
  if (!prior || !known) {
    return { type: 'paragraph', text: `${Y}年预算收支安排${formatWan(exp.total)}万元。无上年预算数据，暂不作增减比较。`, figures: ['expense.total'] };
  }
  const keys = ['expense.total'];
  let totalPart = '';
  if (prior.total !== undefined) {
    const t = change(figures, 'change.total', `较${prior.year}年`, exp.total, prior.total);
    keys.push('change.total');
    totalPart = t.word === '持平' ? `与${prior.year}年预算持平` : `较${prior.year}年预算${t.word}${t.wan}万元`;
  }
  const parts: string[] = [];
  for (const [k, label] of [
    ['basic', '基本支出'],
    ['project', '项目支出'],
  ] as const) {
    const p = prior[k];
    if (p === undefined) continue;
    const c = change(figures, `change.${k}`, label, exp[k], p);
    keys.push(`change.${k}`);
    parts.push(c.word === '持平' ? `${label}与上年持平` : `${label}${c.word}${c.wan}万元${reasonClause(reasons[k])}`);
  }
  const head = `${Y}年预算收支安排${formatWan(exp.total)}万元`;
  const text = totalPart
    ? `${head}，${totalPart}${parts.length ? `，其中：${parts.join('；')}` : ''}。`
    : `${head}；与${prior.year}年预算相比，${parts.join('；')}。`;
  return { type: 'paragraph', text, figures: keys, editable: 'changeReasons' };
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}
function textList(v: unknown): string[] {
  if (typeof v === 'string')
    return v
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v)) return v.map(text).filter(Boolean);
  return [];
}
/** A clerk's reason joined to a change sentence: “，主要为…” as the reference writes it. */
function reasonClause(reason: string): string {
  const r = reason.replace(/[。；;，,]+$/, '');
  if (!r) return '';
  return /^(主要|因|由于|系|是因为)/.test(r) ? `，${r}` : `，主要原因是${r}`;
}
/** Strips a clerk's own leading "1、" / "1." so our numbering is not doubled. */
function unnumbered(s: string): string {
  return s.replace(/^\s*(\d+|[一二三四五六七八九十]+)\s*[、.．]\s*/, '');
}

export interface NarrativeOptions {
  /** Prior-year figures; defaults to budget.priorYear. Pass null to state that none are known. */
  prior?: PriorFigures | null;
  /** Precomputed figures (the caller may already hold them). */
  figures?: BudgetFigures;
}

export function buildNarrative(budget: Budget, _catalogs: Catalogs, opts: NarrativeOptions = {}): NarrativeDocument {
  const f = opts.figures ?? budgetFigures(budget);
  const prior = opts.prior === undefined ? priorFromBudget(budget) : opts.prior;
  const n = budget.narrative;
  const dept = budget.department.name;
  const Y = budget.year;
  const figures: Record<string, NarrativeFigure> = {};
  /** Registers a figure and returns its printed form with 万元. */
  const fig = (key: string, label: string, fen: Fen): string => {
    figures[key] = { key, label, fen, wan: formatWan(fen) };
    return `${formatWan(fen)}万元`;
  };
  const sections: NarrativeSection[] = [];
  const section = (key: NarrativeSection['key'], title: string, blocks: NarrativeBlock[]) =>
    sections.push({ key, no: CN_NUMERALS[sections.length]!, title, blocks });
  const para = (t: string, keys?: string[], editable?: string): NarrativeBlock => {
    const b: NarrativeBlock = { type: 'paragraph', text: t };
    if (keys?.length) b.figures = keys;
    if (editable) b.editable = editable;
    return b;
  };

  // 一、部门职责及机构设置情况
  const duties: NarrativeBlock[] = [{ type: 'heading', text: '部门职责：' }];
  n.duties.forEach((d, i) => {
    duties.push(para(`${i + 1}、${unnumbered(d.title)}`, undefined, 'duties'));
    if (d.text.trim()) duties.push(para(`职责描述：${d.text.trim()}`, undefined, 'duties'));
  });
  if (n.duties.length === 0) duties.push(para(MISSING_TEXT.duties, undefined, 'duties'));
  duties.push({ type: 'heading', text: '机构设置：' });
  duties.push({
    type: 'table',
    caption: '部门机构设置情况',
    columns: ['单位名称', '单位性质', '单位规格', '经费保障形式'],
    rows: budget.units.map((u) => [u.name, u.nature, u.grade, u.funding]),
  });
  section('duties', '部门职责及机构设置情况', duties);

  // 二、部门预算安排的总体情况
  const inc = f.income;
  const exp = f.expense;
  const overview: NarrativeBlock[] = [
    para(`按照预算管理有关规定，目前部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。${dept}机关及所属事业单位的收支包含在部门预算中。`),
    { type: 'heading', text: '1、收入说明' },
    para(
      `反映本部门当年全部收入。${Y}年预算收入${fig('income.total', '预算收入', inc.total)}，` +
        `其中：一般公共预算收入${fig('income.general', '一般公共预算收入', inc.general)}，` +
        `基金预算收入${fig('income.fund', '基金预算收入', inc.fund)}，` +
        `国有资本经营预算收入${fig('income.soe', '国有资本经营预算收入', inc.soe)}，` +
        `财政专户核拨收入${fig('income.special', '财政专户核拨收入', inc.special)}，` +
        `单位资金收入${fig('income.unitFunds', '单位资金收入', inc.unitFunds)}，` +
        `上年结转结余${fig('income.carryover', '上年结转结余', inc.carryover)}。`,
      ['income.total', 'income.general', 'income.fund', 'income.soe', 'income.special', 'income.unitFunds', 'income.carryover'],
    ),
    { type: 'heading', text: '2、支出说明' },
  ];
  const projectNames = [...f.projects]
    .filter((p) => p.total > 0n)
    .sort((a, b) => (a.total > b.total ? -1 : a.total < b.total ? 1 : 0))
    .map((p) => p.name);
  const mainly = projectNames.length ? `，主要为${projectNames.slice(0, 3).join('、')}${projectNames.length > 3 ? '等' : ''}` : '';
  const extraKinds = (
    [
      ['operating', '经营支出'],
      ['remit', '上解上级支出'],
      ['subsidy', '对附属单位补助支出'],
    ] as const
  )
    .filter(([k]) => exp[k] !== 0n)
    .map(([k, label]) => `；${label}${fig(`expense.${k}`, label, exp[k])}`)
    .join('');
  overview.push(
    para(
      `收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映${dept}年度部门预算中支出预算的总体情况。` +
        `${Y}年支出预算${fig('expense.total', '支出预算', exp.total)}，` +
        `其中基本支出${fig('expense.basic', '基本支出', exp.basic)}，` +
        `包括人员经费${fig('expense.personnel', '人员经费', exp.personnel)}和日常公用经费${fig('expense.publicCost', '日常公用经费', exp.publicCost)}；` +
        `项目支出${fig('expense.project', '项目支出', exp.project)}${mainly}${extraKinds}。`,
      ['expense.total', 'expense.basic', 'expense.personnel', 'expense.publicCost', 'expense.project'],
    ),
  );
  if (exp.total !== 0n) overview.push({ type: 'chart', chart: 'expense-structure', caption: `${Y}年支出预算结构（按支出功能分类）` });
  overview.push({ type: 'heading', text: '3、比上年增减情况' });
  overview.push(changeParagraph(Y, exp, prior, n.changeReasons, figures));
  section('overview', '部门预算安排的总体情况', overview);

  // 三、机关运行经费安排情况: non-zero items first, then the zero ones, each group in the spec's order.
  const rc = f.runningCost;
  for (const i of rc.items) fig(`runningCost.${i.key}`, i.label, i.fen);
  const ordered = [...rc.items.filter((i) => i.fen !== 0n), ...rc.items.filter((i) => i.fen === 0n)];
  let rcChange = '';
  if (prior?.officeCost !== undefined) {
    const c = change(figures, 'change.officeCost', '机关运行经费', rc.total, prior.officeCost);
    rcChange = c.word === '持平' ? '，与上年持平' : `，较上年${c.word}${c.wan}万元`;
  }
  section('runningCost', '机关运行经费安排情况', [
    para(
      `机关运行经费共计安排${fig('runningCost.total', '机关运行经费', rc.total)}${rcChange}，主要用于${ordered.map((i) => `${i.label}${formatWan(i.fen)}万元`).join('、')}等日常运行支出。`,
      ['runningCost.total', ...rc.items.map((i) => `runningCost.${i.key}`)],
    ),
  ]);

  // 四、财政拨款“三公”经费预算情况及增减变化原因
  const tp = f.threePublic;
  const tpReason = text(n.threePublicReason); // free narrative key: changeReasons keeps only basic/project
  let tpText = `${Y}年，我部门财政拨款“三公”经费预算安排${fig('threePublic.total', '“三公”经费', tp.total)}`;
  if (prior?.threePublic !== undefined) {
    const c = change(figures, 'change.threePublic', '“三公”经费', tp.total, prior.threePublic);
    tpText += c.word === '持平' ? '，与上年持平，无增减变化' : `，较上年${c.word}${c.wan}万元${reasonClause(tpReason)}`;
  }
  // Item changes are stated only when last year's items are known (or all zero because the total was).
  const priorItems = prior?.threePublicItems ?? (prior && prior.threePublic === 0n ? {} : null);
  tpText += `。其中：${tp.items
    .map((i) => {
      const amount = `${i.label}${fig(`threePublic.${i.key}`, i.label, i.fen)}`;
      if (!priorItems) return amount;
      const c = printedChange(i.fen, priorItems[i.key as keyof typeof priorItems] ?? 0n);
      return c.word === '持平' ? `${amount}，与上年持平` : `${amount}，较上年${c.word}${c.wan}万元`;
    })
    .join('；')}。`;
  section('threePublic', '财政拨款“三公”经费预算情况及增减变化原因', [
    para(tpText, ['threePublic.total', ...tp.items.map((i) => `threePublic.${i.key}`)], 'threePublicReason'),
  ]);

  // 五、部门整体绩效目标
  const perf: NarrativeBlock[] = [{ type: 'heading', text: '（一）总体绩效目标' }];
  const goals = n.performanceGoals.map((g) => g.trim()).filter(Boolean);
  if (goals.length) goals.forEach((g, i) => perf.push(para(`${i + 1}、${unnumbered(g)}`, undefined, 'performanceGoals')));
  else perf.push(para(MISSING_TEXT.performanceGoals, undefined, 'performanceGoals'));
  const details = textList(n.performanceGoalDetails);
  if (details.length) {
    perf.push({ type: 'heading', text: '（二）分项绩效目标' });
    details.forEach((d, i) => perf.push(para(`${i + 1}、${unnumbered(d)}`, undefined, 'performanceGoalDetails')));
  }
  const measures = textList(n.performanceMeasures);
  if (measures.length) {
    perf.push({ type: 'heading', text: `（${details.length ? '三' : '二'}）工作保障措施` });
    measures.forEach((m) => perf.push(para(m, undefined, 'performanceMeasures')));
  }
  section('performance', '部门整体绩效目标', perf);

  // 六、部门主管专项资金预算安排情况及绩效目标
  const special = textList(n.specialFunds);
  section(
    'specialFunds',
    '部门主管专项资金预算安排情况及绩效目标',
    (special.length ? special : ['我部门无部门主管专项资金预算安排。']).map((s) => para(s, undefined, 'specialFunds')),
  );

  // 七、部门项目预算安排情况及绩效目标: one 绩效目标表 per project, drawn from the standard table.
  const projBlocks: NarrativeBlock[] = [];
  if (f.projects.length === 0) projBlocks.push(para(`${Y}年，我部门无项目预算安排。`));
  else {
    projBlocks.push(
      para(`${Y}年，我部门安排项目${f.projects.length}个，项目支出${formatWan(exp.project)}万元，各项目预算及绩效目标如下：`, ['expense.project']),
    );
    f.projects.forEach((p, i) => {
      fig(`project.${p.code}`, p.name, p.total);
      projBlocks.push({ type: 'standard-table', tableId: 'performance', blockKey: p.code, caption: `${i + 1}、${p.name}绩效目标表` });
    });
  }
  section('projects', '部门项目预算安排情况及绩效目标', projBlocks);

  // 八、政府采购预算情况
  const pr = f.procurement;
  section('procurement', '政府采购预算情况', [
    para(
      `${Y}年，我部门政府采购预算安排${fig('procurement.total', '政府采购预算', pr.total)}${pr.sme !== 0n ? `，其中预留中小微企业份额${fig('procurement.sme', '预留中小微企业份额', pr.sme)}` : ''}。`,
      ['procurement.total'],
    ),
    { type: 'standard-table', tableId: 'procurement' },
  ]);

  // 九、国有资产信息
  const as = f.assets;
  section('assets', '国有资产信息', [
    para(
      `${dept}（含所属单位）上年末固定资产金额为${fig('assets.total', '上年末固定资产金额', as.total)}（详见下表）。` +
        `本年度拟购置固定资产总额为${fig('assets.purchase', '拟购置固定资产总额', as.purchase)}，${purchaseClause(as.purchase, pr.total)}。`,
      ['assets.total', 'assets.purchase', 'procurement.total'],
    ),
    { type: 'standard-table', tableId: 'assets' },
  ]);

  // 十、名词解释
  const glossary = textList(n.glossary);
  section(
    'glossary',
    '名词解释',
    (glossary.length ? glossary : DEFAULT_GLOSSARY).map((g) => para(g, undefined, 'glossary')),
  );

  // 十一、其他需要说明的事项
  const other = textList(n.other);
  section(
    'other',
    '其他需要说明的事项',
    (other.length ? other : [DEFAULT_OTHER]).map((o) => para(o, undefined, 'other')),
  );

  return {
    title: `${dept} ${Y} 年部门预算信息公开情况说明`,
    intro: `按照《中华人民共和国预算法》、《地方预决算公开操作规程》和《关于进一步推进预算公开工作的实施意见》规定，现将${dept} ${Y}年部门预算公开如下：`,
    sections,
    figures,
  };
}

/** Last year's figures from last year's whole budget (in the same database): totals and the four “三公” items. */
export function priorFromPriorBudget(prior: Budget, tables?: TableFigures): PriorFigures {
  const f = budgetFigures(prior, tables);
  const item = (k: string) => f.threePublic.items.find((i) => i.key === k)?.fen ?? 0n;
  return {
    year: prior.year,
    total: f.expense.total,
    basic: f.expense.basic,
    project: f.expense.project,
    threePublic: f.threePublic.total,
    threePublicItems: { abroad: item('abroad'), carPurchase: item('carPurchase'), carRunning: item('carRunning'), reception: item('reception') },
    officeCost: f.runningCost.total,
  };
}
