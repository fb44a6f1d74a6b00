// 复制绩效指标: all of one project's indicators added to another project — from another project of the
// same year, or from a project of an earlier year (usually last year's project of the same name).
// One undoable edit (db/edits.ts updateProject), so it is one transaction and Ctrl+Z takes it back.
import { findBudget, listProjects, updateProject, type BudgetInfo } from './edits';
import { Refusal } from './errors';
import type { BudgetDb } from './open';

export interface IndicatorSource {
  year?: number;
  code: string;
}

const sameIndicator = (a: { level1: string; level2: string; name: string }, b: { level1: string; level2: string; name: string }) =>
  a.level1 === b.level1 && a.level2 === b.level2 && a.name.trim() === b.name.trim();

/**
 * Adds the source project's indicators after the target's own; one the target already has (same 一级、
 * 二级、三级指标) is skipped. Returns how many were added and skipped.
 */
export function copyIndicators(db: BudgetDb, b: BudgetInfo, code: string, from: IndicatorSource): { copied: number; skipped: number } {
  const year = from.year ?? b.year;
  if (year === b.year && from.code === code) throw new Refusal('validation', '不能从项目自身复制绩效指标，请选择另一个项目', { field: 'from' });
  const target = listProjects(db, b.id).find((p) => p.code === code);
  if (!target) throw new Refusal('not_found', `项目 ${code} 不存在`, { field: 'code' });
  const srcBudget = year === b.year ? b : findBudget(db, b.deptCode, year);
  const source = listProjects(db, srcBudget.id).find((p) => p.code === from.code);
  if (!source) throw new Refusal('not_found', `${year} 年没有项目 ${from.code}`, { field: 'from' });
  if (source.indicators.length === 0) throw new Refusal('validation', `${year} 年项目“${source.name}”没有绩效指标可复制`, { field: 'from' });
  const added = source.indicators.filter((x) => !target.indicators.some((t) => sameIndicator(t, x)));
  if (added.length > 0) {
    const where = year === b.year ? `项目“${source.name}”` : `${year} 年项目“${source.name}”`;
    updateProject(db, b, code, { ...target, indicators: [...target.indicators, ...added.map((x) => ({ ...x }))] }, `从${where}复制绩效指标`);
  }
  return { copied: added.length, skipped: source.indicators.length - added.length };
}
