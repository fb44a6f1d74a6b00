// The rules for one budget line, in one place: the budget-file import (core/budget-file/) and the
// UI write path (db/edits.ts) both call validateLine, so a line is accepted or refused, with the same
// Chinese reasons, whichever way it arrives.
import type { Catalog, CatalogKind, Catalogs } from './catalog';
import { CODE_LEVELS } from './catalog';
import { parseYuan } from './money';
import type { CodeNames, Line, LineKind, Source } from './model';
import { LINE_KIND_NAMES, LINE_KINDS, SOURCE_NAMES, SOURCES } from './model';

export type LineField = 'unit' | 'function' | 'economic' | 'kind' | 'source' | 'carryover' | 'amount' | 'project' | 'memo';

export const LINE_FIELDS: readonly LineField[] = ['unit', 'function', 'economic', 'kind', 'source', 'carryover', 'amount', 'project', 'memo'];

export const LINE_FIELD_LABELS: Record<LineField, string> = {
  unit: '预算单位',
  function: '功能分类科目',
  economic: '经济分类科目',
  kind: '支出类型',
  source: '资金来源',
  carryover: '是否上年结转',
  amount: '金额',
  project: '项目',
  memo: '备注',
};

export const CATALOG_KIND_LABELS: Record<CatalogKind, string> = { function: '支出功能分类科目', economic: '部门预算支出经济分类科目' };

/** A code missing from the year's catalog, accepted because the budget file names it. */
export interface AddedCode {
  kind: CatalogKind;
  code: string;
  name: string;
}

/** A code that is neither in the catalog nor named; the caller lists all of them in one message. */
export interface UnknownCode {
  kind: CatalogKind;
  code: string;
}

export interface LineProblem {
  /** null: the line as a whole (e.g. not an object, unknown key). */
  field: LineField | null;
  reason: string;
  /** Set when the problem is an unknown code, so that callers can group them. */
  unknownCode?: UnknownCode;
}

/** What validation asks of a budget's unit or project codes. */
export interface CodeSet {
  has(code: string): boolean;
}

export interface LineContext {
  /** null: the year has no catalog (the caller reports that once); only the code's form is checked. */
  catalogs: Catalogs | null;
  /** Codes of the 预算单位 defined for this budget (a Set, or a lookup in the database). */
  units: CodeSet;
  /** Codes of the projects defined for this budget. */
  projects: CodeSet;
  /** The budget file's `names`: a code missing from the catalog is accepted only when named here. */
  names?: CodeNames | null;
  /** UI input may carry thousands separators ("1,234.50"); a budget file may not. */
  allowSeparators?: boolean;
}

export type LineResult = { ok: true; line: Line; added: AddedCode[] } | { ok: false; problems: LineProblem[] };

const KIND_LIST = LINE_KINDS.map((k) => LINE_KIND_NAMES[k]).join('、');
/** The valid 资金来源 values with their Chinese names, for messages (the budget-file parser's too). */
export const SOURCE_LIST = SOURCES.map((s) => SOURCE_NAMES[s]).join('、');

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A rejected value as a message shows it: “text”, 12, null, 数组, 对象. Shared with the budget-file parser. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `“${v}”`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? '数组' : typeof v === 'object' ? '对象' : typeof v;
}

/**
 * Checks a catalog code used by a line: digits, the leaf level, and presence in the catalog (or in
 * the file's names, together with its parents). Returns a problem or the codes it adds.
 */
export function checkLeafCode(
  kind: CatalogKind,
  raw: unknown,
  catalog: Catalog | null,
  year: number,
  names: CodeNames | null | undefined,
): { ok: true; code: string; added: AddedCode[] } | { ok: false; problem: Omit<LineProblem, 'field'> } {
  const levels = CODE_LEVELS[kind];
  const leafLen = levels[levels.length - 1]!;
  const label = CATALOG_KIND_LABELS[kind];
  const levelName = kind === 'function' ? '项级' : '款级';
  if (typeof raw === 'number')
    return { ok: false, problem: { reason: `编码必须写成文本（如 "${kind === 'function' ? '2012901' : '30228'}"），不能是数字 ${raw}` } };
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, problem: { reason: `缺少${label}编码` } };
  const code = raw;
  if (!/^\d+$/.test(code)) return { ok: false, problem: { reason: `“${code}”不是有效的科目编码（只能是数字）` } };
  if (code.length !== leafLen) {
    const entry = catalog?.get(code);
    const what = entry ? `“${code} ${entry.name}”是${levels.indexOf(code.length) === 0 ? '类' : '款'}级科目` : `“${code}”是 ${code.length} 位编码`;
    return { ok: false, problem: { reason: `${what}，明细只能使用 ${leafLen} 位${levelName}科目` } };
  }
  if (!catalog || catalog.has(code)) return { ok: true, code, added: [] };
  const named = names?.[kind] ?? {};
  const ownName = named[code];
  if (typeof ownName !== 'string' || ownName.trim() === '') {
    return { ok: false, problem: { reason: `${label} ${code} 不在 ${year} 年科目表中`, unknownCode: { kind, code } } };
  }
  // A named code joins the catalog; its parents must be known too, or the tables could not name its 类/款.
  const added: AddedCode[] = [{ kind, code, name: ownName.trim() }];
  for (const n of levels.slice(0, -1)) {
    const parent = code.slice(0, n);
    if (catalog.has(parent)) continue;
    const pname = named[parent];
    if (typeof pname !== 'string' || pname.trim() === '') {
      return { ok: false, problem: { reason: `${label} ${code} 的上级科目 ${parent} 不在 ${year} 年科目表中，预算文件的科目名称表也未给出其名称` } };
    }
    added.push({ kind, code: parent, name: pname.trim() });
  }
  return { ok: true, code, added };
}

/** Validates one line item (file form: codes and amount as strings). Every field is checked; all problems returned. */
export function validateLine(raw: unknown, ctx: LineContext): LineResult {
  if (!isPlainObject(raw)) return { ok: false, problems: [{ field: null, reason: `明细必须是对象，实际是${describe(raw)}` }] };
  const problems: LineProblem[] = [];
  const added: AddedCode[] = [];
  const bad = (field: LineField, reason: string, unknownCode?: UnknownCode) => problems.push(unknownCode ? { field, reason, unknownCode } : { field, reason });

  for (const key of Object.keys(raw)) {
    if (!(LINE_FIELDS as readonly string[]).includes(key)) problems.push({ field: null, reason: `未知字段“${key}”` });
  }

  const unit = raw.unit;
  if (typeof unit !== 'string' || unit.trim() === '') bad('unit', '缺少预算单位编码');
  else if (!ctx.units.has(unit)) bad('unit', `预算单位 ${unit} 未定义（本预算的预算单位中没有该编码）`);

  const codes: Partial<Record<CatalogKind, string>> = {};
  for (const kind of ['function', 'economic'] as const) {
    const r = checkLeafCode(kind, raw[kind], ctx.catalogs?.[kind] ?? null, ctx.catalogs?.year ?? 0, ctx.names);
    if (r.ok) {
      codes[kind] = r.code;
      added.push(...r.added);
    } else bad(kind, r.problem.reason, r.problem.unknownCode);
  }

  const kind = raw.kind;
  if (kind === undefined || kind === null || kind === '') bad('kind', `缺少支出类型，应为${KIND_LIST}之一`);
  else if (!(LINE_KINDS as readonly unknown[]).includes(kind)) bad('kind', `${describe(kind)} 不是有效的支出类型，应为${KIND_LIST}之一`);

  const source = raw.source;
  if (source === undefined || source === null || source === '') bad('source', `缺少资金来源，应为${SOURCE_LIST}之一`);
  else if (!(SOURCES as readonly unknown[]).includes(source)) bad('source', `${describe(source)} 不是有效的资金来源，应为${SOURCE_LIST}之一`);

  const carryover = raw.carryover ?? false;
  if (typeof carryover !== 'boolean') bad('carryover', `必须是 true 或 false，实际是${describe(raw.carryover)}`);

  let amount = 0n;
  if (raw.amount === undefined || raw.amount === null) bad('amount', '缺少金额');
  else if (typeof raw.amount === 'number') bad('amount', `金额必须写成文本（如 "41650.50"），不能是数字 ${raw.amount}`);
  else {
    const r = parseYuan(raw.amount, { allowSeparators: ctx.allowSeparators });
    if (r.ok) amount = r.fen;
    else bad('amount', r.reason);
  }

  const project = raw.project;
  const hasProject = project !== undefined && project !== null && project !== '';
  if (kind === 'project') {
    if (!hasProject) bad('project', '项目支出必须指明项目编码');
    else if (typeof project !== 'string') bad('project', `项目编码必须是文本，实际是${describe(project)}`);
    else if (!ctx.projects.has(project)) bad('project', `项目 ${project} 未定义（本预算的项目中没有该编码）`);
  } else if (hasProject && (LINE_KINDS as readonly unknown[]).includes(kind)) {
    bad('project', `${LINE_KIND_NAMES[kind as LineKind]}不能指明项目（${describe(project)}），只有项目支出可以`);
  }

  const memo = raw.memo;
  if (memo !== undefined && memo !== null && typeof memo !== 'string') bad('memo', `备注必须是文本，实际是${describe(memo)}`);

  if (problems.length) return { ok: false, problems };
  const line: Line = {
    unit: unit as string,
    function: codes.function!,
    economic: codes.economic!,
    kind: kind as LineKind,
    source: source as Source,
    carryover: carryover as boolean,
    amount,
  };
  if (kind === 'project') line.project = project as string;
  if (typeof memo === 'string' && memo !== '') line.memo = memo;
  return { ok: true, line, added };
}

/** One Chinese sentence for the UI: "金额：金额最多两位小数；项目：…". */
export function formatLineProblems(problems: readonly LineProblem[]): string {
  return problems.map(lineProblemText).join('；');
}

/** One problem as the clerk reads it: “金额：…”. */
export function lineProblemText(p: LineProblem): string {
  return p.field ? `${LINE_FIELD_LABELS[p.field]}：${p.reason}` : p.reason;
}
