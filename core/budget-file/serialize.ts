// Writing a budget as a budget file (format dept-budget/1, spec/budget-file.md).
import type { Fen } from '../money';
import { formatYuan } from '../money';
import type { AssetRow, Budget, Line, ProcurementRow } from '../model';
import { knownPriorFigures } from '../model';
import { controlToJson } from './control';
import { BUDGET_FILE_FORMAT, KNOWN_KEYS, setOwn } from './reader';

/** One line as the budget file writes it (also the form db/ re-checks a stored line in). */
export function lineToJson(l: Line): Record<string, unknown> {
  const o: Record<string, unknown> = { unit: l.unit, function: l.function, economic: l.economic, kind: l.kind, source: l.source };
  if (l.carryover) o.carryover = true;
  o.amount = formatYuan(l.amount);
  if (l.project !== undefined) o.project = l.project;
  if (l.memo !== undefined && l.memo !== '') o.memo = l.memo;
  return o;
}

const yuanOrNull = (f: Fen | null) => (f === null ? null : formatYuan(f));

/** One 政府采购 row as the budget file writes it (also the form db/ re-checks stored rows in). */
export function procurementToJson(r: ProcurementRow): Record<string, unknown> {
  const row: Record<string, unknown> = {
    project: r.project,
    item: r.item,
    catalog: r.catalog,
    measure: r.measure,
    quantity: r.quantity,
    unitPrice: yuanOrNull(r.unitPrice),
    source: r.source,
  };
  if (r.carryover) row.carryover = true;
  row.amount = formatYuan(r.amount);
  row.sme = yuanOrNull(r.sme);
  return row;
}

/** One 固定资产 row as the budget file writes it. */
export function assetToJson(a: AssetRow): Record<string, unknown> {
  return { item: a.item, quantity: a.quantity, value: formatYuan(a.value) };
}

/** The budget as the JSON document of the budget file (amounts as 元 strings, codes as strings). */
export function budgetToJson(b: Budget): Record<string, unknown> {
  const o: Record<string, unknown> = {
    format: BUDGET_FILE_FORMAT,
    year: b.year,
    department: { code: b.department.code, name: b.department.name },
    units: b.units.map((u) => ({ code: u.code, name: u.name, nature: u.nature, grade: u.grade, funding: u.funding })),
    lines: b.lines.map(lineToJson),
    projects: b.projects.map((p) => ({
      code: p.code,
      name: p.name,
      unit: p.unit,
      purpose: p.purpose,
      spendingPlan: { mar: p.spendingPlan.mar, jun: p.spendingPlan.jun, oct: p.spendingPlan.oct, dec: p.spendingPlan.dec },
      goals: [...p.goals],
      indicators: p.indicators.map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        description: i.description,
        op: i.op,
        value: i.value,
        unit: i.unit,
        basis: i.basis,
      })),
    })),
    procurement: b.procurement.map(procurementToJson),
    assets: b.assets.map(assetToJson),
  };
  if (b.assetsAsOf !== null) o.assetsAsOf = b.assetsAsOf;
  if (b.priorYear) {
    const py: Record<string, unknown> = { year: b.priorYear.year };
    for (const [k, fen] of knownPriorFigures(b.priorYear)) py[k] = formatYuan(fen);
    o.priorYear = py;
  }
  if (b.names) o.names = { function: { ...b.names.function }, economic: { ...b.names.economic } };
  const { duties, performanceGoals, changeReasons, other, ...free } = b.narrative;
  o.narrative = {
    duties: duties.map((d) => ({ title: d.title, text: d.text })),
    performanceGoals: [...performanceGoals],
    changeReasons: { basic: changeReasons.basic, project: changeReasons.project },
    other,
  };
  for (const [k, v] of Object.entries(free)) setOwn(o.narrative as object, k, v);
  if (b.control.length) o.control = b.control.map(controlToJson);
  for (const [k, v] of Object.entries(b.extra)) if (!(KNOWN_KEYS as readonly string[]).includes(k)) setOwn(o, k, v);
  return o;
}

/**
 * Why a budget cannot be written as a budget file yet, or null: lines left at 0 by 新建年度（金额清零）
 * would make a file that no import accepts (amounts must be > 0), so the export refuses instead.
 */
export function unfinishedForFile(b: Budget): string | null {
  const drafts: number[] = [];
  b.lines.forEach((l, i) => {
    if (l.amount <= 0n) drafts.push(i + 1);
  });
  if (drafts.length === 0) return null;
  const shown = drafts
    .slice(0, 10)
    .map((n) => `第 ${n} 条`)
    .join('、');
  return `还有 ${drafts.length} 条明细金额为 0（${shown}${drafts.length > 10 ? ' 等' : ''}），预算文件要求每条明细金额大于 0：请先填写这些金额或删除这些明细，再导出预算文件`;
}

/**
 * The budget file text: pretty JSON, with each unit, line, procurement and asset row on one line so
 * that a 30,000-line budget stays readable and diffable.
 */
export function serializeBudgetFile(b: Budget): string {
  const doc = budgetToJson(b);
  const compactArrays = new Set(['units', 'lines', 'procurement', 'assets', 'control']);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(doc)) {
    let body: string;
    if (compactArrays.has(k) && Array.isArray(v)) {
      body = v.length === 0 ? '[]' : `[\n${v.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]`;
    } else {
      body = JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
    }
    parts.push(`  ${JSON.stringify(k)}: ${body}`);
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}
