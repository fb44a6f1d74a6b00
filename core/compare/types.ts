// The figures of one department-year that 往年对比 and 比上年增减 compare. They are kept in 分 but
// only their printed 万元 value (toWanCents) is ever compared: the change is the difference of the
// two printed figures (spec/tables.md), so a figure read back from a published workbook (known only
// to 0.01 万元) compares exactly like one summed from lines.
import type { Fen } from '../money';

/** Where a year's figures come from. */
export type FiguresOrigin =
  /** summed from the year's line items in the database */
  | 'lines'
  /** read back from a published workbook (导入上年公开表) */
  | 'workbook'
  /** the `priorYear` object of a budget file: the figures it gives */
  | 'budget-file'
  /** typed by the clerk on the 上年数 panel: the figures given */
  | 'entered';

export const FIGURES_ORIGIN_NAMES: Record<FiguresOrigin, string> = {
  lines: '本库预算明细',
  workbook: '导入的公开表',
  'budget-file': '预算文件中的上年数',
  entered: '手工填写的上年数',
};

/** A row of the function hierarchy (类 3 / 款 5 / 项 7 digits) with its 合计. */
export interface FunctionFigure {
  code: string;
  name: string;
  amount: Fen;
}

/** The summary figures compared besides the function hierarchy, in print order. */
export const SUMMARY_KEYS = ['total', 'basic', 'project', 'personnel', 'publicCost', 'threePublic', 'runningCost'] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];
export const SUMMARY_NAMES: Record<SummaryKey, string> = {
  total: '支出合计',
  basic: '基本支出',
  project: '项目支出',
  personnel: '人员经费',
  publicCost: '公用经费',
  threePublic: '“三公”经费',
  runningCost: '机关运行经费',
};

export interface YearFigures {
  year: number;
  department: { code: string; name: string };
  origin: FiguresOrigin;
  /** 类/款/项 rows of 部门预算支出总表 (合计 column), any order; empty when unknown (budget-file origin). */
  functions: FunctionFigure[];
  /** null: not known for this origin (e.g. 机关运行经费 is not in the published tables). */
  summary: Record<SummaryKey, Fen | null>;
  /** Where a figure came from when not from `origin` (an imported workbook's gaps filled by the typed 上年数). */
  sources?: Partial<Record<SummaryKey, FiguresOrigin>>;
  /** The four “三公” items when known (a year's lines, or a published workbook's “三公” table). */
  threePublicItems?: Partial<Record<ThreePublicItemKey, Fen>>;
}

/** The “三公” items as 比上年增减 names them (core/narrative PriorFigures), in print order. */
export const THREE_PUBLIC_ITEM_KEYS = ['abroad', 'carPurchase', 'carRunning', 'reception'] as const;
export type ThreePublicItemKey = (typeof THREE_PUBLIC_ITEM_KEYS)[number];
export const THREE_PUBLIC_ITEM_NAMES: Record<ThreePublicItemKey, string> = {
  abroad: '因公出国（境）费',
  carPurchase: '公务用车购置费',
  carRunning: '公务用车运行维护费',
  reception: '公务接待费',
};
