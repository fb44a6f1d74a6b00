// One part of a budget checked with the budget-file reader of that part (one place for each rule).
import {
  Problems,
  Reader,
  TOP_LABELS,
  formatProblems,
  readAssets,
  readAssetsAsOf,
  readNarrative,
  readProcurement,
  readProjects,
  readUnits,
  type Problem,
} from '../core/budget-file';
import type { AssetRow, Narrative, ProcurementRow, Project, Unit } from '../core/model';
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import type { BudgetInfo } from './budget-info';

type Part = 'units' | 'projects' | 'procurement' | 'assets' | 'narrative' | 'assetsAsOf';
const PART_ITEM: Record<string, RegExp> = {
  units: /^第 [\d、]+ 个预算单位的?/,
  projects: /^第 [\d、]+ 个项目的?/,
  procurement: /^第 \d+ 条政府采购的?/,
  assets: /^第 \d+ 条固定资产的?/,
};

/** "第 2 个项目的项目名称" → "项目名称": the UI edits one item, so its ordinal is noise. */
function uiPlace(part: Part, p: Problem): string {
  let place = p.place;
  const re = PART_ITEM[part];
  if (re) place = place.replace(re, '');
  return place;
}

type PartValue = {
  units: Unit[];
  projects: Project[];
  procurement: ProcurementRow[];
  assets: AssetRow[];
  narrative: Narrative;
  assetsAsOf: string | null;
};

/** The codes of a budget's stored units or projects: what projects (procurement) may refer to. */
const codesOf = (db: BudgetDb, table: 'units' | 'projects', budgetId: number): Set<string> =>
  new Set(db.stmt(`SELECT code FROM ${table} WHERE budget_id = ?`, { pluck: true }).all(budgetId) as string[]);

/** The budget-file reader of each part, given the document holding only that part. */
function readPart(P: Problems, db: BudgetDb, b: BudgetInfo, part: Part, doc: Record<string, unknown>): PartValue[Part] {
  const top = new Reader(P, doc, '', '', TOP_LABELS);
  switch (part) {
    case 'units':
      return readUnits(P, top, doc).units;
    case 'projects':
      return readProjects(P, top, codesOf(db, 'units', b.id)).projects;
    case 'procurement':
      return readProcurement(top, codesOf(db, 'projects', b.id));
    case 'assets':
      return readAssets(top);
    case 'narrative':
      return readNarrative(P, top, doc);
    case 'assetsAsOf':
      return readAssetsAsOf(top, doc);
  }
}

/**
 * Checks one part of the budget with the budget-file reader of that part (the import's rules, one place),
 * against the stored units (projects) or projects (procurement) it refers to. Returns the part as read,
 * so callers take exact amounts from it.
 */
export function validatePart<K extends Part>(db: BudgetDb, b: BudgetInfo, part: K, value: unknown, index: number): PartValue[K] {
  const P = new Problems();
  const read = readPart(P, db, b, part, { [part]: value }) as PartValue[K];
  if (!P.list.length) return read;
  const mine = P.list.filter((p) => p.path === part || p.path.startsWith(`${part}[`) || p.path.startsWith(`${part}.`));
  // Problems of the edited item first, else the rest of the part (e.g. a duplicate reported on the other row).
  const own = index >= 0 ? mine.filter((p) => p.path.startsWith(`${part}[${index}]`)) : mine;
  const list = own.length ? own : mine;
  // Every reader reports at its own part's paths; should one ever not, refuse with the parser's words.
  if (!list.length) throw new Refusal('validation', formatProblems(P.list));
  const first = list[0]!;
  const fieldPath = first.path
    .slice(part.length)
    .replace(/^\[\d+\]\.?/, '')
    .replace(/^\./, '');
  const msg = list
    .slice(0, 5)
    .map((p) => {
      const place = uiPlace(part, p);
      // “单位编码 901001 重复” already names the field; the ordinals of a file (第 1、4 个) mean nothing in the UI.
      return place && !p.reason.startsWith(place) ? `${place}：${p.reason}` : p.reason;
    })
    .join('；');
  throw new Refusal('validation', msg, { field: fieldPath || undefined });
}
