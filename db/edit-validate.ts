// One part of a budget checked with the budget-file parser's rules (one place for each rule).
import { parseBudgetValue, BUDGET_FILE_FORMAT, type Problem } from '../core/budget-file';
import { Catalog } from '../core/catalog';
import { type Budget } from '../core/model';
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import type { BudgetInfo } from './budget-info';
import { listUnits } from './edit-units';
import { listProjects } from './edit-projects';

type Part = 'units' | 'projects' | 'procurement' | 'assets' | 'narrative' | 'assetsAsOf';
const PART_ITEM: Record<string, RegExp> = {
  units: /^第 [\d、]+ 个预算单位的?/, projects: /^第 [\d、]+ 个项目的?/, procurement: /^第 \d+ 条政府采购的?/, assets: /^第 \d+ 条固定资产的?/,
};

/** "第 2 个项目的项目名称（projects[1].name）" → "项目名称": the UI edits one item, so its ordinal is noise. */
function uiPlace(part: Part, p: Problem): string {
  let place = p.place.replace(/（[^（）]*）$/, '');
  const re = PART_ITEM[part];
  if (re) place = place.replace(re, '');
  return place;
}

// Parts are checked without lines, so the year's catalogs play no role; empty ones keep the year check quiet.
const noCatalogs = (year: number) => ({ year, function: new Catalog('function', []), economic: new Catalog('economic', []) });
const PLACEHOLDER_UNIT = { code: '__budgetdesk_placeholder_unit__', name: '-' };

/**
 * Checks one part of the budget with the budget-file parser (the import's rules, one place): the budget
 * as stored, with `value` put in for `part`, and no lines (line rules are validateLine's). Only problems
 * of `part` are reported. Returns the parsed budget so callers take exact amounts from it.
 */
export function validatePart(db: BudgetDb, b: BudgetInfo, part: Part, value: unknown, index: number): Budget {
  // Only what the part refers to: units (projects, procurement), projects (procurement). Lines are left out
  // (line rules are validateLine's), so the year's catalogs play no role.
  const doc: Record<string, unknown> = {
    format: BUDGET_FILE_FORMAT, year: b.year, department: { code: b.deptCode, name: b.deptName || '-' }, lines: [],
    units: listUnits(db, b.id),
  };
  if (part === 'procurement') doc.projects = listProjects(db, b.id);
  doc[part] = value;
  // A new budget has no units yet; the file format requires one, which is not this edit's concern.
  if (part !== 'units' && Array.isArray(doc.units) && doc.units.length === 0) doc.units = [PLACEHOLDER_UNIT];
  const r = parseBudgetValue(doc, noCatalogs);
  if (r.ok) return r.budget;
  const mine = r.problems.filter((p) => p.path === part || p.path.startsWith(`${part}[`) || p.path.startsWith(`${part}.`));
  // Problems of the edited item first, else the rest of the part (e.g. a duplicate reported on the other row).
  const own = index >= 0 ? mine.filter((p) => p.path.startsWith(`${part}[${index}]`)) : mine;
  const list = own.length ? own : mine;
  // Nothing in `part`: the stored budget itself no longer passes the rules; refuse with the parser's words.
  if (!list.length) throw new Refusal('validation', r.message);
  const first = list[0]!;
  const fieldPath = first.path.slice(part.length).replace(/^\[\d+\]\.?/, '').replace(/^\./, '');
  const msg = list.slice(0, 5).map((p) => {
    const place = uiPlace(part, p);
    // “单位编码 901001 重复” already names the field; the ordinals of a file (第 1、4 个) mean nothing in the UI.
    return place && !p.reason.startsWith(place) ? `${place}：${p.reason}` : p.reason;
  }).join('；');
  throw new Refusal('validation', msg, { field: fieldPath || undefined });
}
