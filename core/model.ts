// The in-memory model of one department's budget for one year. It mirrors the budget
// file (spec/budget-file.md) except that amounts are exact Fen, not strings.
import type { Fen } from './money';

export const LINE_KINDS = ['basic', 'project', 'operating', 'remit', 'subsidy'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export const LINE_KIND_NAMES: Record<LineKind, string> = {
  basic: '基本支出',
  project: '项目支出',
  operating: '经营支出',
  remit: '上解上级支出',
  subsidy: '对附属单位补助支出',
};

export const SOURCES = ['general', 'fund', 'soe', 'special', 'business', 'operating', 'superior', 'affiliate', 'other'] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_NAMES: Record<Source, string> = {
  general: '一般公共预算拨款',
  fund: '政府性基金预算拨款',
  soe: '国有资本经营预算拨款',
  special: '财政专户管理资金',
  business: '事业收入',
  operating: '经营收入',
  superior: '上级补助收入',
  affiliate: '附属单位上缴收入',
  other: '其他收入',
};
/** 财政拨款 sources. */
export const FISCAL_SOURCES: readonly Source[] = ['general', 'fund', 'soe'];

/** The economic 类 of 人员经费 (工资福利支出, 对个人和家庭的补助); everything else is 公用经费. */
export const PERSONNEL_CLASSES = ['301', '303'] as const;

export interface Department {
  code: string;
  name: string;
}

export interface Unit {
  code: string;
  name: string;
  /** 单位性质: 行政 / 参公事业 / 事业 … */
  nature: string;
  /** 单位规格 */
  grade: string;
  /** 经费保障形式 */
  funding: string;
}

export interface Line {
  /** Database row id; absent before the line is stored. */
  id?: number;
  unit: string;
  /** 7-digit 支出功能分类 项 code */
  function: string;
  /** 5-digit 部门预算支出经济分类 款 code */
  economic: string;
  kind: LineKind;
  source: Source;
  carryover: boolean;
  amount: Fen;
  project?: string;
  memo?: string;
}

export const INDICATOR_LEVEL1 = ['产出指标', '效益指标', '满意度指标'] as const;
export const INDICATOR_LEVEL2: Record<(typeof INDICATOR_LEVEL1)[number], readonly string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};
export const INDICATOR_OPS = ['≥', '≤', '=', '>', '<'] as const;

export interface Indicator {
  level1: string;
  level2: string;
  name: string;
  description: string;
  op: string;
  value: string;
  unit: string;
  basis: string;
}

/** Cumulative share (%) spent by month end, as text ("100"), null when not planned. */
export interface SpendingPlan {
  mar: string | null;
  jun: string | null;
  oct: string | null;
  dec: string | null;
}

export interface Project {
  code: string;
  name: string;
  unit: string;
  purpose: string;
  spendingPlan: SpendingPlan;
  goals: string[];
  indicators: Indicator[];
}

export interface ProcurementRow {
  project: string;
  item: string;
  /** 政府采购目录序号 */
  catalog: string;
  /** 计量单位 */
  measure: string;
  quantity: string;
  unitPrice: Fen | null;
  /** Funded like a line: one source, optionally from carry-over. */
  source: Source;
  carryover: boolean;
  amount: Fen;
  /** 预留中小微企业份额 */
  sme: Fen | null;
}

export interface AssetRow {
  item: string;
  quantity: string;
  value: Fen;
}

/** The figures of last year that a clerk may know from the published disclosure (often only the total). */
export const PRIOR_FIGURE_KEYS = ['total', 'basic', 'project', 'threePublic', 'officeCost'] as const;
export type PriorFigureKey = (typeof PRIOR_FIGURE_KEYS)[number];
/** As the clerk reads them in the disclosure and on the 上年数 panel. */
export const PRIOR_FIGURE_LABELS: Record<PriorFigureKey, string> = {
  total: '支出合计',
  basic: '基本支出',
  project: '项目支出',
  threePublic: '“三公”经费',
  officeCost: '机关运行经费',
};

/** Last year's published figures: the year and any of the figures (at least one); an absent figure is unknown, not 0. */
export interface PriorYear extends Partial<Record<PriorFigureKey, Fen>> {
  year: number;
}

/** The known figures of a PriorYear, in PRIOR_FIGURE_KEYS order. */
export function knownPriorFigures(p: PriorYear): [PriorFigureKey, Fen][] {
  return PRIOR_FIGURE_KEYS.flatMap((k) => (p[k] === undefined ? [] : [[k, p[k]!] as [PriorFigureKey, Fen]]));
}

/** 控制数 sources: the ceilings the bureau gives (spec control-figures.md). */
export const CONTROL_SOURCES = ['general', 'fund', 'soe', 'special'] as const satisfies readonly Source[];
export type ControlSource = (typeof CONTROL_SOURCES)[number];
export const CONTROL_KINDS = ['basic', 'project'] as const satisfies readonly LineKind[];
export type ControlKind = (typeof CONTROL_KINDS)[number];

/** One 控制数: the ceiling of one cell. Absent unit: the whole department; absent kind: both kinds; absent project: all projects. */
export interface ControlCell {
  unit?: string;
  source: ControlSource;
  kind?: ControlKind;
  project?: string;
  amount: Fen;
}

export interface Narrative {
  duties: { title: string; text: string }[];
  performanceGoals: string[];
  changeReasons: { basic: string; project: string };
  other: string;
  /** Free keys of the budget file's narrative, kept on round trip. */
  [key: string]: unknown;
}

export interface CodeNames {
  function: Record<string, string>;
  economic: Record<string, string>;
}

export interface Budget {
  year: number;
  department: Department;
  units: Unit[];
  lines: Line[];
  projects: Project[];
  procurement: ProcurementRow[];
  assets: AssetRow[];
  assetsAsOf: string | null;
  priorYear: PriorYear | null;
  names: CodeNames | null;
  narrative: Narrative;
  /** 控制数 of the department-year, in list order. */
  control: ControlCell[];
  /** Unknown top-level keys of the budget file, kept on round trip. */
  extra: Record<string, unknown>;
}

/** Budget years the app accepts (one fact: budget file, new budgets, 新建年度, catalogs). */
export const MIN_BUDGET_YEAR = 1990;
export const MAX_BUDGET_YEAR = 2100;
export function isBudgetYear(y: unknown): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= MIN_BUDGET_YEAR && y <= MAX_BUDGET_YEAR;
}
/** The reason a year is refused, for messages. */
export const BUDGET_YEAR_RULE = `必须是 ${MIN_BUDGET_YEAR}–${MAX_BUDGET_YEAR} 之间的整数`;

/** Department codes (预算编码, e.g. "711") are short; one bound for the file, new budgets and IPC references. */
export const MAX_DEPT_CODE_LENGTH = 32;
export const MAX_DEPT_NAME_LENGTH = 200;
/** Why a department code is refused, or null. */
export function deptCodeProblem(code: string): string | null {
  if (code.trim() === '') return '不能为空';
  if (code.trim() !== code) return `编码“${code}”前后不能有空格`;
  if (code.length > MAX_DEPT_CODE_LENGTH) return `不能超过 ${MAX_DEPT_CODE_LENGTH} 个字符（实际 ${code.length} 个）`;
  return null;
}

export function emptyNarrative(): Narrative {
  return { duties: [], performanceGoals: [], changeReasons: { basic: '', project: '' }, other: '' };
}

/** A department-year with nothing in it yet: the base that 下发 and the published-workbook reader fill in. */
export function blankBudget(year: number, department: Budget['department']): Budget {
  return {
    year,
    department,
    units: [],
    lines: [],
    projects: [],
    procurement: [],
    assets: [],
    assetsAsOf: null,
    priorYear: null,
    names: null,
    narrative: emptyNarrative(),
    control: [],
    extra: {},
  };
}

/** A project with its own copies of its plan, goals and indicators (新建年度, 下发). */
export function copyProject(p: Project): Project {
  return { ...p, spendingPlan: { ...p.spendingPlan }, goals: [...p.goals], indicators: p.indicators.map((i) => ({ ...i })) };
}
