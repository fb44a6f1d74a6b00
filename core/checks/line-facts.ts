// Facts about the lines that several rules read, from the lines' digest (core/line-digest.ts): the rules
// test each distinct value (or pair) once and ask the LineSource for the few lines a finding names, so
// 校验 of a stored budget never loads its 300,000 lines.
import { distinctTuples, type DigestField, type LineSource } from '../line-digest';
import type { Fen } from '../money';
import type { Source } from '../model';

/** The line fields a rule can test by value. */
export type ColumnField = Exclude<DigestField, 'carryover'>;

/** The distinct values of one field among the lines ('' for a line of no project). */
export function distinctValues(lines: LineSource, field: ColumnField): string[] {
  return distinctTuples(lines.digest, [field]).map((t) => t[0] as string);
}

/** A project's 项目支出 lines: their total and their total per fund source. */
export interface ProjectLineSum {
  total: Fen;
  bySource: Map<Source, Fen>;
}

/**
 * Per project code named by a 项目支出 line (kind 'project'), its lines' sums. Lines of other kinds
 * that name a project are not counted (line.non-project-has-project reports them).
 */
export function projectLineSums(lines: LineSource): Map<string, ProjectLineSum> {
  const out = new Map<string, ProjectLineSum>();
  for (const g of lines.digest.cells) {
    if (g.kind !== 'project' || g.project === '') continue;
    let s = out.get(g.project);
    if (!s) out.set(g.project, (s = { total: 0n, bySource: new Map() }));
    s.total += g.amount;
    s.bySource.set(g.source, (s.bySource.get(g.source) ?? 0n) + g.amount);
  }
  return out;
}
