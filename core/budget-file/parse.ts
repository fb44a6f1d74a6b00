// Parsing a budget file (format dept-budget/1, spec/budget-file.md): the whole file is checked and every
// problem reported at once, each with its place, so the clerk can fix a file in one pass. Each part has its
// own reader (units.ts, lines.ts, rest.ts); line rules live in core/validate-line.ts (shared with UI edits).
import type { Catalogs } from '../catalog';
import { CODE_LEVELS } from '../catalog';
import { findDuplicateKey, locateJsonError } from '../json-syntax';
import { MAX_BUDGET_FILE_CHARS, MAX_BUDGET_FILE_WORDS } from '../limits';
import type { Budget, CodeNames, Department } from '../model';
import { BUDGET_YEAR_RULE, MAX_DEPT_NAME_LENGTH, deptCodeProblem, isBudgetYear } from '../model';
import type { AddedCode } from '../validate-line';
import { CATALOG_KIND_LABELS, describe, isPlainObject } from '../validate-line';
import { readControl } from './control';
import { readLines } from './lines';
import { BUDGET_FILE_FORMAT, KNOWN_KEYS, Problems, Reader, TOP_LABELS, setOwn, type Problem } from './reader';
import { readAssets, readAssetsAsOf, readNarrative, readPriorYear, readProcurement } from './rest';
import { readProjects, readUnits } from './units';

export type ParseBudgetResult = { ok: true; budget: Budget; warnings: string[]; addedCodes: AddedCode[] } | { ok: false; problems: Problem[]; message: string };

/** Catalogs of a year, or null when the app has none for it. */
export type CatalogLookup = (year: number) => Catalogs | null;

/** At most this many problems are spelled out in the message (all are in `problems`). */
const MESSAGE_MAX_PROBLEMS = 100;

const DEPT_LABELS = { code: '部门编码', name: '部门名称' };

function jsonSyntaxMessage(text: string): string {
  const at = locateJsonError(text);
  if (!at) return '文件不是有效的 JSON，无法读取';
  return `文件不是有效的 JSON：第 ${at.line} 行第 ${at.column} 列，${at.reason}`;
}

/** One Chinese line listing every problem with its place (the first MESSAGE_MAX_PROBLEMS of them spelled out). */
export function formatProblems(problems: readonly Problem[], head = '预算文件未导入'): string {
  const groups = groupByRule(problems);
  const shown = groups.slice(0, MESSAGE_MAX_PROBLEMS).map((g) => {
    const p = g[0]!;
    if (g.length === 1 || !p.rule) return `${p.place}：${p.reason}`;
    // Many items breaking one rule: the rule once, the count, the first items.
    const first = g
      .slice(0, GROUP_ITEMS)
      .map((x) => x.rule!.item)
      .join('、');
    return `${p.rule.text}，共 ${g.length} 处：${first}${g.length > GROUP_ITEMS ? '等' : ''}`;
  });
  const more = groups.length > shown.length ? `；……另有 ${groups.length - shown.length} 处问题未列出` : '';
  return `${head}，共 ${problems.length} 处问题：${shown.join('；')}${more}`;
}

/** Items named when many break one rule. */
const GROUP_ITEMS = 3;

/** Problems in order, those sharing a rule gathered at the place of the first. */
function groupByRule(problems: readonly Problem[]): Problem[][] {
  const out: Problem[][] = [];
  const byRule = new Map<string, Problem[]>();
  for (const p of problems) {
    const g = p.rule ? byRule.get(p.rule.text) : undefined;
    if (g) g.push(p);
    else {
      const fresh = [p];
      if (p.rule) byRule.set(p.rule.text, fresh);
      out.push(fresh);
    }
  }
  return out;
}

function fail(problems: Problem[]): ParseBudgetResult {
  return { ok: false, problems, message: formatProblems(problems) };
}

/**
 * The text of a budget file's bytes. Budget files are UTF-8; a GBK file (common from Chinese Windows
 * tools) would otherwise import with garbled names, so invalid UTF-8 is refused.
 */
export function decodeBudgetFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: '预算文件未导入：文件不是 UTF-8 编码（可能是 GBK 等其他编码），请用文本编辑器另存为 UTF-8 后再导入' };
  }
}

/** Parses and validates a budget file's text. Nothing is partially accepted: either the whole budget or every problem. */
export function parseBudgetFile(text: string, catalogFor: CatalogLookup): ParseBudgetResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Windows editors write a BOM
  if (body.trim() === '') return fail([{ path: '(文件)', place: '文件', reason: '文件是空的' }]);
  const whole = (reason: string): ParseBudgetResult => ({
    ok: false,
    problems: [{ path: '(文件)', place: '文件', reason }],
    message: `预算文件未导入：${reason}`,
  });
  if (body.length > MAX_BUDGET_FILE_CHARS) return whole(`文件过大（${body.length} 个字符），预算文件最多 ${MAX_BUDGET_FILE_WORDS}`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return whole(jsonSyntaxMessage(body));
  }
  const dup = findDuplicateKey(body);
  if (dup) {
    const key = dup.key.length > 40 ? `${dup.key.slice(0, 40)}…` : dup.key;
    return whole(`第 ${dup.line} 行的字段“${key}”重复（第 ${dup.firstLine} 行已有同名字段），同一处只能写一次，无法确定以哪一个为准`);
  }
  return parseBudgetValue(value, catalogFor);
}

/** As parseBudgetFile, for a document already parsed from JSON (e.g. received over IPC). */
export function parseBudgetValue(doc: unknown, catalogFor: CatalogLookup): ParseBudgetResult {
  const P = new Problems();
  if (!isPlainObject(doc)) return fail([{ path: '(文件)', place: '文件', reason: `顶层必须是 JSON 对象，实际是${describe(doc)}` }]);
  // A file of another format is refused before anything else: its fields mean something else.
  if (doc.format !== BUDGET_FILE_FORMAT) {
    const reason =
      doc.format === undefined
        ? `缺少 format 字段，本程序只能导入格式为 “${BUDGET_FILE_FORMAT}” 的预算文件`
        : `格式 ${describe(doc.format)} 不受支持，本程序只能导入格式为 “${BUDGET_FILE_FORMAT}” 的预算文件`;
    return fail([{ path: 'format', place: '文件格式（format）', reason }]);
  }
  const top = new Reader(P, doc, '', '', TOP_LABELS);
  const topBad = (key: string, reason: string) => top.bad(key, reason);

  // year
  let year: number | null = null;
  if (doc.year === undefined || doc.year === null) topBad('year', '缺少预算年度');
  else if (!isBudgetYear(doc.year)) topBad('year', `${BUDGET_YEAR_RULE}，实际是${describe(doc.year)}`);
  else year = doc.year;

  // department
  const department: Department = { code: '', name: '' };
  if (!isPlainObject(doc.department))
    topBad('department', doc.department === undefined ? '缺少部门（应给出部门编码和部门名称）' : `应给出部门编码和部门名称，实际是${describe(doc.department)}`);
  else {
    const r = new Reader(P, doc.department, 'department', '部门', DEPT_LABELS);
    r.noUnknownKeys();
    department.code = r.code('code');
    const codeProblem = department.code ? deptCodeProblem(department.code) : null;
    // Blank and padded codes are already reported by r.code.
    if (codeProblem && department.code.trim() === department.code && department.code !== '') r.bad('code', codeProblem);
    department.name = r.str('name', { required: true });
    if (department.name.length > MAX_DEPT_NAME_LENGTH) r.bad('name', `不能超过 ${MAX_DEPT_NAME_LENGTH} 个字符（实际 ${department.name.length} 个）`);
  }

  // names (needed before lines)
  let names: CodeNames | null = null;
  if (doc.names !== undefined && doc.names !== null) {
    if (!isPlainObject(doc.names)) topBad('names', `应分别给出支出功能分类科目和经济分类科目的名称，实际是${describe(doc.names)}`);
    else {
      names = { function: {}, economic: {} };
      for (const k of Object.keys(doc.names)) {
        if (k !== 'function' && k !== 'economic') P.add(`names.${k}`, '科目名称', `未知字段“${k}”，只能给出支出功能分类科目或经济分类科目的名称`);
      }
      for (const kind of ['function', 'economic'] as const) {
        const m = doc.names[kind];
        if (m === undefined || m === null) continue;
        if (!isPlainObject(m)) {
          P.add(`names.${kind}`, `${CATALOG_KIND_LABELS[kind]}名称`, `必须是 {编码: 名称} 对象，实际是${describe(m)}`);
          continue;
        }
        const levels = CODE_LEVELS[kind];
        for (const [code, name] of Object.entries(m)) {
          const path = `names.${kind}.${code}`;
          const place = `${CATALOG_KIND_LABELS[kind]} ${code} 的名称`;
          if (!/^\d+$/.test(code) || !levels.includes(code.length)) P.add(path, place, `“${code}”不是有效的科目编码（应为 ${levels.join('、')} 位数字）`);
          else if (typeof name !== 'string' || name.trim() === '') P.add(path, place, `名称必须是非空文本，实际是${describe(name)}`);
          else names[kind][code] = name;
        }
      }
    }
  }

  // catalogs of the year
  let catalogs: Catalogs | null = null;
  if (year !== null) {
    catalogs = catalogFor(year);
    if (!catalogs) topBad('year', `没有 ${year} 年度的科目表，请先导入该年度的科目表`);
  }

  const { units, unitCodes } = readUnits(P, top, doc);
  const { projects, projectCodes } = readProjects(P, top, unitCodes);
  const { lines, added } = readLines(P, top, { year, catalogs, unitCodes, projectCodes, names });
  const procurement = readProcurement(top, projectCodes);
  const assets = readAssets(top);
  const assetsAsOf = readAssetsAsOf(top, doc);
  const priorYear = readPriorYear(P, top, doc, year);
  const narrative = readNarrative(P, top, doc);
  const control = readControl(top, unitCodes, new Map(projects.map((p) => [p.code, p.unit])));

  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!(KNOWN_KEYS as readonly string[]).includes(k)) setOwn(extra, k, v);

  if (P.list.length) return fail(P.list);

  // Codes the file names but no line uses yet (a 下发 file carries the department's own codes) join the catalog too.
  if (names && catalogs) {
    for (const kind of ['function', 'economic'] as const) {
      for (const [code, name] of Object.entries(names[kind]))
        if (!catalogs[kind].has(code) && !added.has(`${kind}:${code}`)) added.set(`${kind}:${code}`, { kind, code, name: name.trim() });
    }
  }
  const addedCodes = [...added.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));
  const warnings = addedCodes.map(
    (a) => `${CATALOG_KIND_LABELS[a.kind]} ${a.code}“${a.name}”不在 ${year} 年科目表中，将按文件中的名称加入该年科目表（来源：预算文件）`,
  );
  if (catalogs?.borrowedFrom !== undefined) warnings.unshift(`没有 ${year} 年度的科目表，按 ${catalogs.borrowedFrom} 年度的科目表校验`);
  if (names && catalogs) {
    for (const kind of ['function', 'economic'] as const) {
      for (const [code, name] of Object.entries(names[kind])) {
        const e = catalogs[kind].get(code);
        if (e && e.name !== name.trim())
          warnings.push(`${CATALOG_KIND_LABELS[kind]} ${code} 在文件中名为“${name}”，${year} 年科目表中为“${e.name}”，以科目表为准`);
      }
    }
  }
  const budget: Budget = { year: year!, department, units, lines, projects, procurement, assets, assetsAsOf, priorYear, names, narrative, control, extra };
  return { ok: true, budget, warnings, addedCodes };
}
