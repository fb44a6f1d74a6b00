// The 审核 rule engine's vocabulary. A rule is data (id, severity, title) plus one pure function
// over a CheckContext; the engine runs them all, so adding a check is adding one object to a list.
import type { Catalogs } from '../catalog';
import type { PriorFigures } from '../narrative/types';
import type { LineSource } from '../line-digest';
import type { Budget } from '../model';

export type Severity = '错误' | '提示';

/** Where the clerk goes to fix a finding: a UI page, the kind of thing on it and its id. */
export interface FindingTarget {
  /** 'lines' | 'projects' | 'units' | 'narrative' | 'tables' | 'procurement' | 'assets' */
  page: string;
  /** 'line' | 'project' | 'indicator' | 'unit' | 'narrative' | 'table' | 'table-row' | 'procurement-row' | 'asset' (see place.ts) */
  kind: string;
  /** Line: its database id, or its 1-based position when not stored; project/unit: its code; table: its id;
   *  procurement-row / asset: its 1-based position ('' for the list as a whole). */
  id: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Chinese, names the place (行号 / 单位 / 项目 / 表与行). */
  message: string;
  target: FindingTarget;
  /** The table or section the 校验 page lists it under (a table's title, 情况说明 四、…, 预算明细). */
  group: string;
}

export type { PriorFigures } from '../narrative/types';

export interface CheckContext {
  /** The budget; its `lines` may be empty when `lines` reads them from the database. */
  budget: Budget;
  /** The lines as the rules reach them: their digest, and the lines a finding names. */
  lines: LineSource;
  catalogs: Catalogs;
  priorFigures: PriorFigures | null;
  /** Derived lazily and shared by all rules; a derivation error becomes one finding. */
  lazy<T>(key: string, make: () => T): T;
  /** What is already derived (or was given by the caller) under `key`, without deriving it. */
  peek<T>(key: string): T | undefined;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** Short Chinese title for the 校验 page's rule list. */
  title: string;
  run(ctx: CheckContext): Omit<Finding, 'ruleId' | 'severity' | 'group'>[];
}
