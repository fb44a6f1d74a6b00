// 审核: runs every rule over one department-year. Rules are data (core/checks/rules/*); the engine
// only runs them, isolates a failing rule (its failure becomes a finding, the others still run)
// and orders the findings 错误 first.
import type { Catalogs } from '../catalog';
import { linesInMemory, type LineSource } from '../line-digest';
import type { Budget } from '../model';
import { priorFromBudget } from '../narrative/build';
import type { NarrativeDocument } from '../narrative/types';
import type { RenderedTable } from '../tables/types';
import { controlRules } from './rules/control';
import { lineRules } from './rules/lines';
import { narrativeRules } from './rules/narrative';
import { narrativeFactRules } from './rules/narrative-facts';
import { policyRules } from './rules/policy';
import { procurementRules } from './rules/procurement';
import { wordingRules } from './rules/wording';
import { groupOf } from './group';
import { tableKey } from './derived';
import { projectRules, unitRules } from './rules/projects';
import { tableRules } from './rules/tables';
import type { CheckContext, Finding, PriorFigures, Rule } from './types';

export type { Finding, PriorFigures, Rule } from './types';
export { placeOf } from './place';
/** Every rule, in the order the 校验 page lists them. */
export const RULES: readonly Rule[] = [
  ...lineRules,
  ...policyRules,
  ...projectRules,
  ...procurementRules,
  ...unitRules,
  ...tableRules,
  ...narrativeRules,
  ...narrativeFactRules,
  ...wordingRules,
  ...controlRules,
];

export interface RuleInfo {
  id: string;
  severity: Finding['severity'];
  title: string;
}
export function ruleList(): RuleInfo[] {
  return RULES.map((r) => ({ id: r.id, severity: r.severity, title: r.title }));
}

export interface RunOptions {
  /** deriveTables(budget, catalogs) when the caller already has them. */
  tables?: RenderedTable[];
  /** The 情况说明 as the caller built it (e.g. for the PDF): checked as it is, not rebuilt. */
  narrative?: NarrativeDocument;
  /** A subset of RULES (default all). */
  rules?: readonly Rule[];
  /** The lines as the database keeps them (db/line-digest.ts); default: budget.lines in memory. */
  lines?: LineSource;
}

/**
 * All findings for one budget. `priorFigures`: last year's figures (from the database); when
 * omitted, the budget file's priorYear is used; null means none are known.
 */
export function runChecks(budget: Budget, catalogs: Catalogs, priorFigures?: PriorFigures | null, opts: RunOptions = {}): Finding[] {
  const rules = opts.rules ?? RULES;
  // Tables the caller already derived (e.g. for an export) are checked as they are, not re-derived.
  const cache = new Map<string, unknown>((opts.tables ?? []).map((t) => [tableKey(t.id), t]));
  if (opts.narrative) cache.set('narrative', opts.narrative);
  const ctx: CheckContext = {
    budget,
    lines: opts.lines ?? linesInMemory(budget.lines),
    catalogs,
    priorFigures: priorFigures === undefined ? priorFromBudget(budget) : priorFigures,
    lazy<T>(key: string, make: () => T): T {
      if (!cache.has(key)) cache.set(key, make());
      return cache.get(key) as T;
    },
    peek: <T>(key: string) => cache.get(key) as T | undefined,
  };
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      for (const f of rule.run(ctx)) findings.push({ ruleId: rule.id, severity: rule.severity, ...f, group: groupOf(ctx, f.target) });
    } catch (e) {
      findings.push({
        ruleId: rule.id,
        severity: '错误',
        message: `审核规则“${rule.title}”无法完成：${(e as Error).message}`,
        target: { page: 'tables', kind: 'rule', id: rule.id },
        group: '审核规则',
      });
    }
  }
  // 错误 before 提示, rule order within each.
  return [...findings.filter((f) => f.severity === '错误'), ...findings.filter((f) => f.severity !== '错误')];
}

/** Counts for a summary line: “错误 2 项，提示 1 项”. */
export function summarizeFindings(findings: readonly Finding[]): { errors: number; hints: number; text: string } {
  const errors = findings.filter((f) => f.severity === '错误').length;
  const hints = findings.length - errors;
  return { errors, hints, text: findings.length === 0 ? '审核通过，未发现问题' : `错误 ${errors} 项，提示 ${hints} 项` };
}
