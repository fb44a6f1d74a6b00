// The 情况说明 as a structured document: sections → blocks. The PDF (core/export/pdf) and the
// renderer draw the same object, so the wording and figures exist in one place only.
import type { Fen } from '../money';
import type { PriorYear } from '../model';

/** A figure printed in the narrative, kept with its exact value so checks can compare it to the tables. */
export interface NarrativeFigure {
  /** Stable key ('income.total', 'expense.basic', 'runningCost.30229' …). */
  key: string;
  /** Chinese label as printed ('基本支出'). */
  label: string;
  fen: Fen;
  /** Printed 万元 figure, '0.00' when zero. */
  wan: string;
}

export type NarrativeBlock =
  /** A sub-heading inside a section ('1、收入说明', '部门职责：', '（一）总体绩效目标'). */
  | { type: 'heading'; text: string }
  /** A paragraph of running text; `figures` lists the keys of the figures it prints. */
  | { type: 'paragraph'; text: string; figures?: string[]; editable?: string }
  /** A small table drawn in the text (机构设置). */
  | { type: 'table'; caption: string; columns: string[]; rows: string[][] }
  /** One of the standard tables (by TableId), optionally one block of a form table (a project's 绩效目标表). */
  | { type: 'standard-table'; tableId: string; blockKey?: string; caption?: string }
  /** The 支出结构 chart (by 功能分类 类, 基本/项目), drawn from BudgetFigures.functionClasses. */
  | { type: 'chart'; chart: 'expense-structure'; caption: string };

export type NarrativeSectionKey =
  'duties' | 'overview' | 'runningCost' | 'threePublic' | 'performance' | 'specialFunds' | 'projects' | 'procurement' | 'assets' | 'glossary' | 'other';

export interface NarrativeSection {
  key: NarrativeSectionKey;
  /** 一 … 十一 */
  no: string;
  /** '部门职责及机构设置情况' */
  title: string;
  blocks: NarrativeBlock[];
}

export interface NarrativeDocument {
  /** '工会部门 2025 年部门预算信息公开情况说明' */
  title: string;
  intro: string;
  sections: NarrativeSection[];
  /** Every generated figure, by key. */
  figures: Record<string, NarrativeFigure>;
}

/**
 * Last year's figures for 比上年增减: from the database when that year is there, else budget.priorYear.
 * A figure left undefined is unknown: the narrative says nothing about its change.
 */
export interface PriorFigures extends PriorYear {
  /** The four “三公” items when known (a budget in the database); absent for a budget file's priorYear. */
  threePublicItems?: Partial<Record<'abroad' | 'carPurchase' | 'carRunning' | 'reception', Fen>>;
  /** 机关运行经费 when known (last year's lines, or a priorYear/workbook that gives it). */
  officeCost?: Fen;
}
