// The figures the 情况说明 prints, read from the tables' one aggregation pass (computeFigures in
// core/tables/derive/figures), so a narrative figure and the table cell that shows the same thing
// are the same sum and can never disagree. Only what the tables do not aggregate (procurement and
// asset rows, the 机关运行经费 item grouping) is added here, on top of that pass.
import type { Fen } from '../money';
import type { Budget } from '../model';
import { computeFigures, type TableFigures, type ThreePublicItem } from '../tables/derive/figures';
import { ALL_SLOTS, slots } from '../tables/derive/slots';

/** The 机关运行经费 items in print order (spec/tables.md). '其他费用' takes every other 公用经费 code,
 *  so the items always add up to the total. */
export const RUNNING_COST_ITEMS: { key: string; label: string; codes: readonly string[] }[] = [
  { key: 'office', label: '办公及印刷费', codes: ['30201', '30202'] },
  { key: 'post', label: '邮电费', codes: ['30207'] },
  { key: 'travel', label: '差旅费', codes: ['30211'] },
  { key: 'meeting', label: '会议费', codes: ['30215'] },
  { key: 'welfare', label: '福利费', codes: ['30229'] },
  { key: 'union', label: '工会经费', codes: ['30228'] },
  { key: 'repair', label: '日常维修费', codes: ['30213'] },
  // 专用材料费 and 一般（办公）设备购置, basic-expenditure side of 310/309.
  { key: 'material', label: '专用材料及一般设备购置费', codes: ['30218', '31002', '30902'] },
  { key: 'utilities', label: '办公用房水电费', codes: ['30205', '30206'] },
  { key: 'heating', label: '办公用房取暖费', codes: ['30208'] },
  { key: 'property', label: '办公用房物业管理费', codes: ['30209'] },
  { key: 'car', label: '公务用车运行维护费', codes: ['30231'] },
  { key: 'otherGoods', label: '其他商品和服务', codes: ['30299'] },
  { key: 'other', label: '其他费用', codes: [] },
];

/** “三公”经费 items of table 9 (spec/tables.md), 财政拨款 only; `item` names the tables' sum (codes: THREE_PUBLIC_CODES). */
export const THREE_PUBLIC_ITEMS: { key: string; label: string; item: ThreePublicItem }[] = [
  { key: 'abroad', label: '因公出国（境）费', item: 'abroad' },
  { key: 'carPurchase', label: '公务用车购置费', item: 'carPurchase' },
  { key: 'carRunning', label: '公务用车运行维护费', item: 'carOperation' },
  { key: 'reception', label: '公务接待费', item: 'reception' },
];

/** 经济分类 codes of fixed-asset purchases (本年度拟购置固定资产): buildings, equipment, vehicles, relics. */
export const FIXED_ASSET_PURCHASE_CODES: readonly string[] = [
  '30901',
  '30902',
  '30903',
  '30913',
  '30919',
  '30921',
  '31001',
  '31002',
  '31003',
  '31013',
  '31019',
  '31021',
];

export interface ProjectFigures {
  code: string;
  name: string;
  total: Fen;
  fiscal: Fen;
  other: Fen;
}
export interface FunctionClassFigures {
  code: string;
  basic: Fen;
  project: Fen;
  other: Fen;
  total: Fen;
}

export interface BudgetFigures {
  income: { total: Fen; general: Fen; fund: Fen; soe: Fen; special: Fen; unitFunds: Fen; carryover: Fen };
  expense: { total: Fen; basic: Fen; personnel: Fen; publicCost: Fen; project: Fen; operating: Fen; remit: Fen; subsidy: Fen };
  runningCost: { total: Fen; items: { key: string; label: string; fen: Fen }[] };
  threePublic: { total: Fen; items: { key: string; label: string; fen: Fen }[] };
  projects: ProjectFigures[];
  /** 支出 by 功能分类 类 (for the structure chart), code order, only classes with lines. */
  functionClasses: FunctionClassFigures[];
  procurement: { total: Fen; sme: Fen };
  assets: { total: Fen; purchase: Fen };
}

export function budgetFigures(budget: Budget, tables: TableFigures = computeFigures(budget)): BudgetFigures {
  const tf = tables;
  const namedCodes = new Set(RUNNING_COST_ITEMS.flatMap((i) => i.codes));
  const admin = [...tf.adminOperating.byEconomic];
  const runningItems = RUNNING_COST_ITEMS.map((item) => ({
    key: item.key,
    label: item.label,
    fen: admin.filter(([code]) => (item.codes.length ? item.codes.includes(code) : !namedCodes.has(code))).reduce((t, [, v]) => t + v, 0n),
  }));
  const threeItems = THREE_PUBLIC_ITEMS.map(({ key, label, item }) => {
    const bySrc = tf.threePublic[item];
    return { key, label, fen: bySrc.general + bySrc.fund + bySrc.soe };
  });
  const basicSlots = slots({ kinds: ['basic'] });
  const projectSlots = slots({ kinds: ['project'] });
  const functionClasses = [...tf.byFunctionClass.keys()].sort().map((code) => {
    const vec = tf.byFunctionClass.get(code)!;
    const basic = vec.sum(basicSlots);
    const project = vec.sum(projectSlots);
    const total = vec.sum(ALL_SLOTS);
    return { code, basic, project, other: total - basic - project, total };
  });
  const economicTotal = (codes: readonly string[]) => codes.reduce((t, c) => t + (tf.byEconomic.get(c)?.sum(ALL_SLOTS) ?? 0n), 0n);

  return {
    income: {
      total: tf.total,
      general: tf.bySource.general.current,
      fund: tf.bySource.fund.current,
      soe: tf.bySource.soe.current,
      special: tf.bySource.special.current,
      unitFunds: tf.unitFundsCurrent,
      carryover: tf.carryover,
    },
    expense: {
      total: tf.total,
      basic: tf.byKind.basic,
      personnel: tf.basic.personnel,
      publicCost: tf.basic.publicUse,
      project: tf.byKind.project,
      operating: tf.byKind.operating,
      remit: tf.byKind.remit,
      subsidy: tf.byKind.subsidy,
    },
    runningCost: { total: tf.adminOperating.total, items: runningItems },
    threePublic: { total: tf.threePublicTotal, items: threeItems },
    projects: budget.projects.map((p) => {
      const pf = tf.projects.get(p.code) ?? { total: 0n, fiscal: 0n, other: 0n };
      return { code: p.code, name: p.name, total: pf.total, fiscal: pf.fiscal, other: pf.other };
    }),
    functionClasses,
    procurement: {
      total: budget.procurement.reduce((t, r) => t + r.amount, 0n),
      sme: budget.procurement.reduce((t, r) => t + (r.sme ?? 0n), 0n),
    },
    assets: { total: budget.assets.reduce((t, a) => t + a.value, 0n), purchase: economicTotal(FIXED_ASSET_PURCHASE_CODES) },
  };
}
