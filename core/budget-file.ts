// The budget file (format dept-budget/1, spec/budget-file.md): parse + validate, and serialize.
// Parsing checks the whole file and reports every problem at once, each with its place, so the clerk
// can fix a file in one pass. Line rules live in core/validate-line.ts (shared with UI edits).
import type { CatalogKind, Catalogs } from './catalog';
import { CODE_LEVELS } from './catalog';
import type { Fen } from './money';
import { findDuplicateKey, locateJsonError } from './json-syntax';
import { MAX_BUDGET_FILE_CHARS, MAX_BUDGET_FILE_WORDS } from './limits';
import { ITEM_CODE_RE, ITEM_CODE_RULE } from './labels';
import { formatYuan, parseYuan } from './money';
import type {
  AssetRow, Budget, CodeNames, Department, Indicator, Line, Narrative, PriorYear, ProcurementRow, Project, Source, SpendingPlan, Unit,
} from './model';
import { BUDGET_YEAR_RULE, PRIOR_FIGURE_KEYS, PRIOR_FIGURE_LABELS, knownPriorFigures, MAX_DEPT_NAME_LENGTH, deptCodeProblem, INDICATOR_LEVEL1, INDICATOR_LEVEL2, INDICATOR_OPS, MAX_BUDGET_YEAR, MIN_BUDGET_YEAR, SOURCES, isBudgetYear } from './model';
import type { AddedCode, LineField } from './validate-line';
import { CATALOG_KIND_LABELS, LINE_FIELD_LABELS, SOURCE_LIST, describe, isPlainObject, validateLine } from './validate-line';

export const BUDGET_FILE_FORMAT = 'dept-budget/1';

/** One problem of a rejected file: `place` is Chinese and ends with the JSON path, e.g. "第 4 条明细的金额（lines[3].amount）". */
export interface Problem { place: string; reason: string; path: string }

export type { AddedCode } from './validate-line';

export type ParseBudgetResult =
  | { ok: true; budget: Budget; warnings: string[]; addedCodes: AddedCode[] }
  | { ok: false; problems: Problem[]; message: string };

/** Catalogs of a year, or null when the app has none for it. */
export type CatalogLookup = (year: number) => Catalogs | null;

const KNOWN_KEYS = ['format', 'year', 'department', 'units', 'lines', 'projects', 'procurement', 'assets', 'assetsAsOf', 'priorYear', 'names', 'narrative'] as const;

/** At most this many problems are spelled out in the message (all are in `problems`). */
const MESSAGE_MAX_PROBLEMS = 100;

type Obj = Record<string, unknown>;

/** Codes given more than once in a list (units, projects), each reported once at its second place. */
function reportDuplicates(P: Problems, indexByCode: Map<string, number[]>, list: string, placeOf: (rows: string) => string, label: string): void {
  for (const [code, idx] of indexByCode) {
    if (idx.length > 1) P.add(`${list}[${idx[1]}].code`, placeOf(idx.map((i) => i + 1).join('、')), `${label} ${code} 重复`);
  }
}

/** Plain assignment of "__proto__" would change the prototype instead of keeping the key. */
function setOwn(o: object, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

class Problems {
  readonly list: Problem[] = [];
  add(path: string, place: string, reason: string): void { this.list.push({ path, place: `${place}（${path}）`, reason }); }
}

/** Reads fields of one object of the file, recording problems with Chinese places. */
class Reader {
  constructor(private readonly p: Problems, private readonly obj: Obj, private readonly path: string, private readonly placeZh: string, private readonly labels: Record<string, string>) {}
  private at(key: string): [string, string] {
    const label = this.labels[key] ?? key;
    // "部门编码", not "部门的部门编码".
    const place = this.placeZh && !label.startsWith(this.placeZh) ? `${this.placeZh}的${label}` : label;
    return [this.path ? `${this.path}.${key}` : key, place];
  }
  bad(key: string, reason: string): void { const [p, z] = this.at(key); this.p.add(p, z, reason); }
  /** Keys not in `labels` are refused: they would be lost on export. */
  noUnknownKeys(): void {
    for (const k of Object.keys(this.obj)) if (!Object.hasOwn(this.labels, k)) this.p.add(`${this.path}.${k}`, this.placeZh, `未知字段“${k}”`);
  }
  str(key: string, opts: { required?: boolean; numberOk?: boolean } = {}): string {
    const v = this.obj[key];
    if (v === undefined || v === null) { if (opts.required) this.bad(key, '不能为空'); return ''; }
    if (typeof v === 'number' && opts.numberOk && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') { this.bad(key, `必须是文本，实际是${describe(v)}`); return ''; }
    if (opts.required && v.trim() === '') this.bad(key, '不能为空');
    return v;
  }
  code(key: string): string {
    const v = this.obj[key];
    if (typeof v === 'number') { this.bad(key, `编码必须写成文本（如 "${v}"），不能是数字`); return ''; }
    const s = this.str(key, { required: true });
    if (s && s.trim() !== s) this.bad(key, `编码“${s}”前后不能有空格`);
    return s;
  }
  amount(key: string, opts: { nullable?: boolean; allowZero?: boolean } = {}): Fen | null {
    const v = this.obj[key];
    if (v === undefined || v === null || (opts.nullable && v === '')) { if (!opts.nullable) this.bad(key, '缺少金额'); return null; }
    if (typeof v === 'number') { this.bad(key, `金额必须写成文本（如 "41650.50"），不能是数字 ${v}`); return null; }
    const r = parseYuan(v, { allowZero: opts.allowZero });
    if (!r.ok) { this.bad(key, r.reason); return null; }
    return r.fen;
  }
  bool(key: string): boolean {
    const v = this.obj[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') { this.bad(key, `必须是 true 或 false，实际是${describe(v)}`); return false; }
    return v;
  }
  int(key: string, min: number, max: number): number | null {
    const v = this.obj[key];
    if (v === undefined || v === null) { this.bad(key, '不能为空'); return null; }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) { this.bad(key, `必须是 ${min}–${max} 之间的整数年份，实际是${describe(v)}`); return null; }
    return v;
  }
  source(key: string): Source {
    const v = this.obj[key];
    if (v === undefined || v === null || v === '') return 'general';
    if (!(SOURCES as readonly unknown[]).includes(v)) {
      this.bad(key, `${describe(v)} 不是有效的资金来源，应为${SOURCE_LIST}之一`);
      return 'general';
    }
    return v as Source;
  }
  /** An array field; absent → []. */
  arr(key: string, required = false): unknown[] {
    const v = this.obj[key];
    if (v === undefined || v === null) { if (required) this.bad(key, '缺少此项（应为数组）'); return []; }
    if (!Array.isArray(v)) { this.bad(key, `必须是数组，实际是${describe(v)}`); return []; }
    return v;
  }
  /**
   * Each element of an array of objects, read by its own Reader (unknown keys refused); an element that is
   * not an object is reported at its place (`shape` says what it should be) and skipped.
   */
  eachObject(key: string, opts: { required?: boolean; shape?: string; placeOf: (i: number) => string; labels: Record<string, string> },
    read: (r: Reader, raw: Obj, i: number, path: string, place: string) => void): void {
    this.arr(key, opts.required).forEach((raw, i) => {
      const path = `${this.path ? `${this.path}.` : ''}${key}[${i}]`;
      const place = opts.placeOf(i);
      if (!isPlainObject(raw)) { this.p.add(path, place, `必须是${opts.shape ?? '对象'}，实际是${describe(raw)}`); return; }
      const r = new Reader(this.p, raw, path, place, opts.labels);
      r.noUnknownKeys();
      read(r, raw, i, path, place);
    });
  }
  strList(key: string): string[] {
    const out: string[] = [];
    this.arr(key).forEach((v, i) => {
      if (typeof v === 'string') out.push(v);
      else { const [p, z] = this.at(key); this.p.add(`${p}[${i}]`, `${z}第 ${i + 1} 项`, `必须是文本，实际是${describe(v)}`); }
    });
    return out;
  }
}

const TOP_LABELS: Record<string, string> = {
  year: '预算年度', department: '部门', units: '预算单位列表', lines: '明细列表', projects: '项目列表', procurement: '政府采购列表',
  assets: '固定资产列表', assetsAsOf: '资产统计日期', priorYear: '上年数', names: '科目名称', narrative: '情况说明',
};
const UNIT_LABELS = { code: '单位编码', name: '单位名称', nature: '单位性质', grade: '单位规格', funding: '经费保障形式' };
const PROJECT_LABELS = { code: '项目编码', name: '项目名称', unit: '预算单位', purpose: '资金用途', spendingPlan: '资金支出计划', goals: '绩效目标', indicators: '绩效指标' };
const PLAN_LABELS = { mar: '3月底', jun: '6月底', oct: '10月底', dec: '12月底' };
const INDICATOR_LABELS = { level1: '一级指标', level2: '二级指标', name: '三级指标', description: '绩效指标描述', op: '比较符', value: '指标值', unit: '计量单位', basis: '指标值确定依据' };
const PROCUREMENT_LABELS = {
  project: '项目', item: '采购品目', catalog: '政府采购目录序号', measure: '计量单位', quantity: '数量', unitPrice: '单价',
  source: '资金来源', carryover: '是否上年结转', amount: '金额', sme: '预留中小微企业份额',
};
const ASSET_LABELS = { item: '资产名称', quantity: '数量', value: '价值' };
const PRIOR_LABELS = { year: '年度', ...PRIOR_FIGURE_LABELS };
const DEPT_LABELS = { code: '部门编码', name: '部门名称' };
const DUTY_LABELS = { title: '标题', text: '内容' };
const CHANGE_LABELS = { basic: '基本支出增减原因', project: '项目支出增减原因' };
const NARRATIVE_LABELS: Record<string, string> = { duties: '部门职责', performanceGoals: '绩效目标', changeReasons: '增减原因', other: '其他需要说明的事项' };

function jsonSyntaxMessage(text: string): string {
  const at = locateJsonError(text);
  if (!at) return '文件不是有效的 JSON，无法读取';
  return `文件不是有效的 JSON：第 ${at.line} 行第 ${at.column} 列，${at.reason}`;
}

/** One Chinese line listing every problem with its place (the first MESSAGE_MAX_PROBLEMS of them spelled out). */
export function formatProblems(problems: readonly Problem[], head = '预算文件未导入'): string {
  const shown = problems.slice(0, MESSAGE_MAX_PROBLEMS).map((p) => `${p.place}：${p.reason}`);
  const more = problems.length > shown.length ? `；……另有 ${problems.length - shown.length} 处问题未列出` : '';
  return `${head}，共 ${problems.length} 处问题：${shown.join('；')}${more}`;
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
  const whole = (reason: string): ParseBudgetResult => ({ ok: false, problems: [{ path: '(文件)', place: '文件', reason }], message: `预算文件未导入：${reason}` });
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
    const reason = doc.format === undefined
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
  if (!isPlainObject(doc.department)) topBad('department', doc.department === undefined ? '缺少部门（应给出部门编码和部门名称）' : `应给出部门编码和部门名称，实际是${describe(doc.department)}`);
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
        if (!isPlainObject(m)) { P.add(`names.${kind}`, `${CATALOG_KIND_LABELS[kind]}名称`, `必须是 {编码: 名称} 对象，实际是${describe(m)}`); continue; }
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

  // units
  const units: Unit[] = [];
  const unitIdx = new Map<string, number[]>();
  top.eachObject('units', { required: true, placeOf: (i) => `第 ${i + 1} 个预算单位`, labels: UNIT_LABELS }, (r, _raw, i) => {
    const u: Unit = { code: r.code('code'), name: r.str('name', { required: true }), nature: r.str('nature'), grade: r.str('grade'), funding: r.str('funding') };
    if (u.code && !ITEM_CODE_RE.test(u.code)) r.bad('code', `单位编码“${u.code}”不符合规则：${ITEM_CODE_RULE}`);
    units.push(u);
    if (u.code) unitIdx.set(u.code, [...(unitIdx.get(u.code) ?? []), i]);
  });
  if (Array.isArray(doc.units) && doc.units.length === 0) topBad('units', '至少要有一个预算单位');
  reportDuplicates(P, unitIdx, 'units', (rows) => `第 ${rows} 个预算单位的单位编码`, '单位编码');
  const unitCodes = new Set(unitIdx.keys());

  // projects
  const projects: Project[] = [];
  const projectIdx = new Map<string, number[]>();
  top.eachObject('projects', { placeOf: (i) => `第 ${i + 1} 个项目`, labels: PROJECT_LABELS }, (r, raw, i, path, place) => {
    const code = r.code('code');
    if (code && !ITEM_CODE_RE.test(code)) r.bad('code', `项目编码“${code}”不符合规则：${ITEM_CODE_RULE}`);
    const name = r.str('name', { required: true });
    const unit = r.code('unit');
    if (unit && !unitCodes.has(unit)) r.bad('unit', `预算单位 ${unit} 未定义（本预算的预算单位中没有该编码）`);
    const purpose = r.str('purpose');
    const spendingPlan: SpendingPlan = { mar: null, jun: null, oct: null, dec: null };
    const sp = raw.spendingPlan;
    if (sp !== undefined && sp !== null) {
      if (!isPlainObject(sp)) r.bad('spendingPlan', `应分别给出3月底、6月底、10月底、12月底的累计进度，实际是${describe(sp)}`);
      else {
        const pr = new Reader(P, sp, `${path}.spendingPlan`, `${place}资金支出计划`, PLAN_LABELS);
        pr.noUnknownKeys();
        for (const k of ['mar', 'jun', 'oct', 'dec'] as const) {
          const v = sp[k];
          if (v === undefined || v === null || v === '') continue;
          const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
          if (typeof s !== 'string' || !/^\d{1,3}(\.\d{1,2})?$/.test(s) || Number(s) > 100) pr.bad(k, `必须是 0–100 之间的百分比（如 "100"），实际是${describe(v)}`);
          else spendingPlan[k] = s;
        }
      }
    }
    const goals = r.strList('goals');
    const indicators: Indicator[] = [];
    r.eachObject('indicators', { placeOf: (j) => `${place}第 ${j + 1} 个绩效指标`, labels: INDICATOR_LABELS }, (ir) => {
      const ind: Indicator = {
        level1: ir.str('level1', { required: true }), level2: ir.str('level2', { required: true }), name: ir.str('name', { required: true }),
        description: ir.str('description'), op: ir.str('op'), value: ir.str('value', { numberOk: true }), unit: ir.str('unit'), basis: ir.str('basis'),
      };
      const l1 = ind.level1 as (typeof INDICATOR_LEVEL1)[number];
      if (ind.level1 && !(INDICATOR_LEVEL1 as readonly string[]).includes(ind.level1)) ir.bad('level1', `${describe(ind.level1)} 不是有效的一级指标，应为 ${INDICATOR_LEVEL1.join('、')} 之一`);
      else if (ind.level1 && ind.level2 && !INDICATOR_LEVEL2[l1].includes(ind.level2)) ir.bad('level2', `${describe(ind.level2)} 不是“${ind.level1}”下的二级指标，应为 ${INDICATOR_LEVEL2[l1].join('、')} 之一`);
      if (ind.op && !(INDICATOR_OPS as readonly string[]).includes(ind.op)) ir.bad('op', `${describe(ind.op)} 不是有效的比较符，应为 ${INDICATOR_OPS.join(' ')} 之一`);
      indicators.push(ind);
    });
    projects.push({ code, name, unit, purpose, spendingPlan, goals, indicators });
    if (code) projectIdx.set(code, [...(projectIdx.get(code) ?? []), i]);
  });
  reportDuplicates(P, projectIdx, 'projects', (rows) => `第 ${rows} 个项目的项目编码`, '项目编码');
  const projectCodes = new Set(projectIdx.keys());

  // lines
  const lines: Line[] = [];
  const added = new Map<string, AddedCode>();
  const unknown = new Map<string, { kind: CatalogKind; code: string; lines: number[] }>();
  const lineCtx = { catalogs, units: unitCodes, projects: projectCodes, names };
  const rawLines = top.arr('lines', true);
  rawLines.forEach((raw, i) => {
    const r = validateLine(raw, lineCtx);
    if (r.ok) {
      lines.push(r.line);
      for (const a of r.added) added.set(`${a.kind}:${a.code}`, a);
      return;
    }
    for (const pr of r.problems) {
      if (pr.unknownCode) {
        const key = `${pr.unknownCode.kind}:${pr.unknownCode.code}`;
        const u = unknown.get(key) ?? { ...pr.unknownCode, lines: [] };
        u.lines.push(i);
        unknown.set(key, u);
        continue;
      }
      const field = pr.field as LineField | null;
      const extra = pr.reason.startsWith('未知字段') ? /“(.*)”/.exec(pr.reason)?.[1] : undefined;
      P.add(field ? `lines[${i}].${field}` : extra ? `lines[${i}].${extra}` : `lines[${i}]`, field ? `第 ${i + 1} 条明细的${LINE_FIELD_LABELS[field]}` : `第 ${i + 1} 条明细`, pr.reason);
    }
  });
  for (const kind of ['function', 'economic'] as const) {
    const list = [...unknown.values()].filter((u) => u.kind === kind).sort((a, b) => a.code.localeCompare(b.code));
    if (!list.length) continue;
    const where = (idx: number[]) => idx.length <= 5 ? `第 ${idx.map((i) => i + 1).join('、')} 条明细` : `第 ${idx.slice(0, 5).map((i) => i + 1).join('、')} 等 ${idx.length} 条明细`;
    P.add(`lines[].${kind}`, `明细的${LINE_FIELD_LABELS[kind]}`,
      `以下 ${list.length} 个编码不在 ${year} 年科目表中，文件 names 也未给出名称：${list.map((u) => `${u.code}（${where(u.lines)}）`).join('、')}`);
  }

  // procurement
  const procurement: ProcurementRow[] = [];
  top.eachObject('procurement', { placeOf: (i) => `第 ${i + 1} 条政府采购`, labels: PROCUREMENT_LABELS }, (r) => {
    const project = r.str('project');
    if (project && !projectCodes.has(project)) r.bad('project', `项目 ${project} 未定义（本预算的项目中没有该编码）`);
    procurement.push({
      project, item: r.str('item', { required: true }), catalog: r.str('catalog'), measure: r.str('measure'), quantity: r.str('quantity', { numberOk: true }),
      unitPrice: r.amount('unitPrice', { nullable: true, allowZero: true }), source: r.source('source'), carryover: r.bool('carryover'),
      amount: r.amount('amount') ?? 0n, sme: r.amount('sme', { nullable: true, allowZero: true }),
    });
  });

  // assets
  const assets: AssetRow[] = [];
  top.eachObject('assets', { placeOf: (i) => `第 ${i + 1} 条固定资产`, labels: ASSET_LABELS }, (r) => {
    assets.push({ item: r.str('item', { required: true }), quantity: r.str('quantity', { numberOk: true }), value: r.amount('value', { allowZero: true }) ?? 0n });
  });
  let assetsAsOf: string | null = null;
  if (doc.assetsAsOf !== undefined && doc.assetsAsOf !== null) {
    if (typeof doc.assetsAsOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(doc.assetsAsOf)) topBad('assetsAsOf', `必须是 YYYY-MM-DD 形式的日期，实际是${describe(doc.assetsAsOf)}`);
    else assetsAsOf = doc.assetsAsOf;
  }

  // priorYear
  let priorYear: PriorYear | null = null;
  if (doc.priorYear !== undefined && doc.priorYear !== null) {
    if (!isPlainObject(doc.priorYear)) topBad('priorYear', `必须是对象，实际是${describe(doc.priorYear)}`);
    else {
      const r = new Reader(P, doc.priorYear, 'priorYear', '上年数', PRIOR_LABELS);
      r.noUnknownKeys();
      const py = r.int('year', MIN_BUDGET_YEAR, MAX_BUDGET_YEAR);
      if (py !== null && year !== null && py >= year) r.bad('year', `上年数的年度 ${py} 必须早于预算年度 ${year}`);
      // Any of the figures, at least one: a published disclosure often gives only the total.
      priorYear = { year: py ?? 0 };
      const given = PRIOR_FIGURE_KEYS.filter((k) => (doc.priorYear as Record<string, unknown>)[k] != null);
      for (const k of given) {
        const fen = r.amount(k, { allowZero: true });
        if (fen !== null) priorYear[k] = fen;
      }
      if (given.length === 0) {
        P.add('priorYear', '上年数', `至少应填写${PRIOR_FIGURE_KEYS.map((k) => PRIOR_FIGURE_LABELS[k]).join('、')}中的一项`);
      }
    }
  }

  // narrative: known keys checked, free keys kept as they are
  const narrative: Narrative = { duties: [], performanceGoals: [], changeReasons: { basic: '', project: '' }, other: '' };
  if (doc.narrative !== undefined && doc.narrative !== null) {
    if (!isPlainObject(doc.narrative)) topBad('narrative', `必须是对象，实际是${describe(doc.narrative)}`);
    else {
      const n = doc.narrative;
      const r = new Reader(P, n, 'narrative', '情况说明', NARRATIVE_LABELS);
      r.eachObject('duties', { shape: ' {title, text} 对象', placeOf: (i) => `情况说明第 ${i + 1} 项部门职责`, labels: DUTY_LABELS }, (dr) => {
        narrative.duties.push({ title: dr.str('title'), text: dr.str('text') });
      });
      narrative.performanceGoals = r.strList('performanceGoals');
      if (n.changeReasons !== undefined && n.changeReasons !== null) {
        if (!isPlainObject(n.changeReasons)) r.bad('changeReasons', `应分别给出基本支出、项目支出的增减原因，实际是${describe(n.changeReasons)}`);
        else {
          const cr = new Reader(P, n.changeReasons, 'narrative.changeReasons', '情况说明', CHANGE_LABELS);
          cr.noUnknownKeys();
          narrative.changeReasons = { basic: cr.str('basic'), project: cr.str('project') };
        }
      }
      narrative.other = r.str('other');
      for (const [k, v] of Object.entries(n)) if (!Object.hasOwn(NARRATIVE_LABELS, k)) setOwn(narrative, k, v);
    }
  }

  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!(KNOWN_KEYS as readonly string[]).includes(k)) setOwn(extra, k, v);

  if (P.list.length) return fail(P.list);

  const addedCodes = [...added.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));
  const warnings = addedCodes.map((a) => `${CATALOG_KIND_LABELS[a.kind]} ${a.code}“${a.name}”不在 ${year} 年科目表中，将按文件中的名称加入该年科目表（来源：预算文件）`);
  if (catalogs?.borrowedFrom !== undefined) warnings.unshift(`没有 ${year} 年度的科目表，按 ${catalogs.borrowedFrom} 年度的科目表校验`);
  if (names && catalogs) {
    for (const kind of ['function', 'economic'] as const) {
      for (const [code, name] of Object.entries(names[kind])) {
        const e = catalogs[kind].get(code);
        if (e && e.name !== name.trim()) warnings.push(`${CATALOG_KIND_LABELS[kind]} ${code} 在文件中名为“${name}”，${year} 年科目表中为“${e.name}”，以科目表为准`);
      }
    }
  }
  const budget: Budget = { year: year!, department, units, lines, projects, procurement, assets, assetsAsOf, priorYear, names, narrative, extra };
  return { ok: true, budget, warnings, addedCodes };
}

// ---------------------------------------------------------------------------------------------
// Serialization

function lineToJson(l: Line): Record<string, unknown> {
  const o: Record<string, unknown> = { unit: l.unit, function: l.function, economic: l.economic, kind: l.kind, source: l.source };
  if (l.carryover) o.carryover = true;
  o.amount = formatYuan(l.amount);
  if (l.project !== undefined) o.project = l.project;
  if (l.memo !== undefined && l.memo !== '') o.memo = l.memo;
  return o;
}

const yuanOrNull = (f: Fen | null) => (f === null ? null : formatYuan(f));

/** The budget as the JSON document of the budget file (amounts as 元 strings, codes as strings). */
export function budgetToJson(b: Budget): Record<string, unknown> {
  const o: Record<string, unknown> = {
    format: BUDGET_FILE_FORMAT,
    year: b.year,
    department: { code: b.department.code, name: b.department.name },
    units: b.units.map((u) => ({ code: u.code, name: u.name, nature: u.nature, grade: u.grade, funding: u.funding })),
    lines: b.lines.map(lineToJson),
    projects: b.projects.map((p) => ({
      code: p.code, name: p.name, unit: p.unit, purpose: p.purpose,
      spendingPlan: { mar: p.spendingPlan.mar, jun: p.spendingPlan.jun, oct: p.spendingPlan.oct, dec: p.spendingPlan.dec },
      goals: [...p.goals],
      indicators: p.indicators.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, description: i.description, op: i.op, value: i.value, unit: i.unit, basis: i.basis })),
    })),
    procurement: b.procurement.map((r) => {
      const row: Record<string, unknown> = {
        project: r.project, item: r.item, catalog: r.catalog, measure: r.measure, quantity: r.quantity, unitPrice: yuanOrNull(r.unitPrice), source: r.source,
      };
      if (r.carryover) row.carryover = true;
      row.amount = formatYuan(r.amount);
      row.sme = yuanOrNull(r.sme);
      return row;
    }),
    assets: b.assets.map((a) => ({ item: a.item, quantity: a.quantity, value: formatYuan(a.value) })),
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
    duties: duties.map((d) => ({ title: d.title, text: d.text })), performanceGoals: [...performanceGoals],
    changeReasons: { basic: changeReasons.basic, project: changeReasons.project }, other,
  };
  for (const [k, v] of Object.entries(free)) setOwn(o.narrative as object, k, v);
  for (const [k, v] of Object.entries(b.extra)) if (!(KNOWN_KEYS as readonly string[]).includes(k)) setOwn(o, k, v);
  return o;
}

/**
 * Why a budget cannot be written as a budget file yet, or null: lines left at 0 by 新建年度（金额清零）
 * would make a file that no import accepts (amounts must be > 0), so the export refuses instead.
 */
export function unfinishedForFile(b: Budget): string | null {
  const drafts: number[] = [];
  b.lines.forEach((l, i) => { if (l.amount <= 0n) drafts.push(i + 1); });
  if (drafts.length === 0) return null;
  const shown = drafts.slice(0, 10).map((n) => `第 ${n} 条`).join('、');
  return `还有 ${drafts.length} 条明细金额为 0（${shown}${drafts.length > 10 ? ' 等' : ''}），预算文件要求每条明细金额大于 0：请先填写这些金额或删除这些明细，再导出预算文件`;
}

/**
 * The budget file text: pretty JSON, with each unit, line, procurement and asset row on one line so
 * that a 30,000-line budget stays readable and diffable.
 */
export function serializeBudgetFile(b: Budget): string {
  const doc = budgetToJson(b);
  const compactArrays = new Set(['units', 'lines', 'procurement', 'assets']);
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
