// Merging a unit's budget file into its department's budget (合并单位预算): the pure part. Given what the
// department-year already holds and the unit file's parsed Budget, decide what will be added, what a
// 替换 removes first, and what refuses the merge — so the CLI, the UI preview and the database writer
// (db/merge.ts) all apply one set of rules and say the same thing.
import { cellKey, controlFigures, type ControlFigure } from './control/cells';
import type { Fen } from './money';
import { FISCAL_SOURCES, type Budget, type ControlCell, type Narrative, type Unit } from './model';

/** What the department-year holds, as far as merging needs to know. */
export interface MergeTarget {
  deptCode: string;
  deptName: string;
  year: number;
  finalized: boolean;
  units: Unit[];
  /** Every project code with the unit that owns it. */
  projects: { code: string; unit: string }[];
  /** The department-year's 控制数. */
  control: ControlCell[];
}

export interface MergeFigures {
  total: Fen;
  basic: Fen;
  project: Fen;
  fiscal: Fen;
}

export interface MergePlan {
  ok: true;
  deptCode: string;
  deptName: string;
  year: number;
  /** The file's units (added, or re-added after their old part is removed). */
  units: Unit[];
  /** Codes of the file's units that the department already has: their part is replaced. */
  replacedUnits: string[];
  lines: number;
  projects: number;
  indicators: number;
  procurement: number;
  assets: number;
  /** Sums of the lines to be added. */
  added: MergeFigures;
  /** Unit-level 控制数 the file brings (its department-wide ones are the department's own and are not merged). */
  control: number;
  /** Each of the file's units' 控制数 (the department's where it has one, else the file's) against the file's lines: 已编 before anything is written. */
  controlFigures: ControlFigure[];
  /** The file's 控制数 whose amount differs from the department's for the same cell (labels): the file's take their place. */
  controlDiffers: string[];
  /** The unit file's own 情况说明 text, offered to the clerk and never merged; null when it has none. */
  narrativeOffered: Narrative | null;
}

export interface MergeRefusal {
  ok: false;
  message: string;
  /** Codes the department-year already has (listed in the message too). */
  conflicts: { units: string[]; projects: string[] };
}

export type MergeDecision = MergePlan | MergeRefusal;

const refuse = (message: string, units: string[] = [], projects: string[] = []): MergeRefusal => ({ ok: false, message, conflicts: { units, projects } });

/** Names a list for a message: the first 20, then how many more. */
export function listForMessage(items: readonly string[], max = 20): string {
  return items.length > max ? `${items.slice(0, max).join('、')} 等 ${items.length} 个` : items.join('、');
}

export function figuresOf(budget: Pick<Budget, 'lines'>): MergeFigures {
  const fiscal = new Set<string>(FISCAL_SOURCES);
  const f: MergeFigures = { total: 0n, basic: 0n, project: 0n, fiscal: 0n };
  for (const l of budget.lines) {
    f.total += l.amount;
    if (l.kind === 'basic') f.basic += l.amount;
    else if (l.kind === 'project') f.project += l.amount;
    if (fiscal.has(l.source)) f.fiscal += l.amount;
  }
  return f;
}

/** Whether a 情况说明 has any text at all (free keys count when they hold something). */
export function hasNarrativeText(n: Narrative): boolean {
  if (n.duties.some((d) => d.title.trim() || d.text.trim())) return true;
  if (n.performanceGoals.some((g) => g.trim())) return true;
  if (n.changeReasons.basic.trim() || n.changeReasons.project.trim() || n.other.trim()) return true;
  const known = new Set(['duties', 'performanceGoals', 'changeReasons', 'other']);
  return Object.entries(n).some(([k, v]) => !known.has(k) && v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
}

/**
 * The unit that a procurement row or asset of the file belongs to: a procurement row follows its project;
 * otherwise (assets, rows without a project) the file's unit when the file has exactly one, else null.
 */
export function rowUnit(file: Budget, project: string | null): string | null {
  if (project) {
    const p = file.projects.find((x) => x.code === project);
    if (p) return p.unit;
  }
  return file.units.length === 1 ? file.units[0]!.code : null;
}

/**
 * Decides a merge. Refuses (listing the codes) when the file's units or projects already exist, unless
 * `replace` is chosen — then a unit's old part goes first, and a project code still clashes only when
 * a unit the file does not replace owns it.
 */
export function planMerge(target: MergeTarget, file: Budget, opts: { replace?: boolean } = {}): MergeDecision {
  const dept = `${target.deptCode} ${target.deptName} ${target.year} 年`;
  if (file.department.code !== target.deptCode) return refuse(`预算文件的部门编码 ${file.department.code} 与部门 ${target.deptCode} 不同，未合并`);
  if (file.year !== target.year) return refuse(`预算文件的年度 ${file.year} 与 ${target.year} 年不同，未合并`);
  if (target.finalized) return refuse(`部门 ${dept}的预算已定稿，不能合并；请先解除定稿`);
  if (file.units.length === 0) return refuse('预算文件中没有预算单位，没有可合并的内容');

  const existingUnits = new Map(target.units.map((u) => [u.code, u]));
  const clashingUnits = file.units.filter((u) => existingUnits.has(u.code)).map((u) => u.code);
  const replaced = new Set(opts.replace ? clashingUnits : []);
  const clashingProjects = file.projects.filter((p) => target.projects.some((x) => x.code === p.code && !replaced.has(x.unit))).map((p) => p.code);

  if (clashingUnits.length && !opts.replace) {
    const names = clashingUnits.map((c) => `${c} ${existingUnits.get(c)!.name}`);
    const also = clashingProjects.length ? `；以下项目编码也已存在：${listForMessage(clashingProjects)}` : '';
    return refuse(
      `部门 ${dept}的预算中已有以下单位：${listForMessage(names)}${also}。未合并；如需用文件中的内容替换这些单位的部分（其明细、项目、政府采购和资产先删除），请选择替换（命令行加 --replace）`,
      clashingUnits,
      clashingProjects,
    );
  }
  if (clashingProjects.length) {
    return refuse(
      `部门 ${dept}的预算中已有以下项目编码，且属于文件以外的单位：${listForMessage(clashingProjects)}。未合并；请修改项目编码后再合并`,
      [],
      clashingProjects,
    );
  }

  const control = unitControl(target, file);
  return {
    ok: true,
    deptCode: target.deptCode,
    deptName: target.deptName,
    year: target.year,
    units: file.units,
    replacedUnits: clashingUnits.filter((c) => replaced.has(c)),
    lines: file.lines.length,
    projects: file.projects.length,
    indicators: file.projects.reduce((n, p) => n + p.indicators.length, 0),
    procurement: file.procurement.length,
    assets: file.assets.length,
    added: figuresOf(file),
    ...control,
    narrativeOffered: hasNarrativeText(file.narrative) ? file.narrative : null,
  };
}

/**
 * The file's units' 控制数 with 已编 from the file's lines: the department's cells of those units, and the file's
 * (which replace them on a 替换 merge, spec control-figures.md); a file cell whose amount differs is named.
 */
function unitControl(target: MergeTarget, file: Budget): Pick<MergePlan, 'control' | 'controlFigures' | 'controlDiffers'> {
  const fileUnits = new Set(file.units.map((u) => u.code));
  const fromFile = file.control.filter((c) => c.unit !== undefined);
  const cells = new Map(target.control.filter((c) => c.unit !== undefined && fileUnits.has(c.unit)).map((c) => [cellKey(c), c]));
  const differs = fromFile.filter((c) => {
    const d = cells.get(cellKey(c));
    return d !== undefined && d.amount !== c.amount;
  });
  for (const c of fromFile) cells.set(cellKey(c), c);
  const figures = controlFigures({ control: [...cells.values()], lines: file.lines, units: file.units, projects: file.projects });
  const labels = new Map(figures.map((f) => [f.key, f.label]));
  return { control: fromFile.length, controlFigures: figures, controlDiffers: differs.map((c) => labels.get(cellKey(c))!) };
}

/** The 情况说明 text of a unit file as plain lines, for showing it to the clerk (CLI and UI alike). */
export function narrativeText(n: Narrative): string[] {
  const out: string[] = [];
  for (const d of n.duties) if (d.title || d.text) out.push(`${d.title}${d.title && d.text ? '：' : ''}${d.text}`);
  n.performanceGoals.forEach((g, i) => g && out.push(`绩效目标${i + 1}：${g}`));
  if (n.changeReasons.basic) out.push(`基本支出增减原因：${n.changeReasons.basic}`);
  if (n.changeReasons.project) out.push(`项目支出增减原因：${n.changeReasons.project}`);
  if (n.other) out.push(`其他说明：${n.other}`);
  return out;
}

/** Units of a file as the clerk reads them. */
export function unitLabel(u: Pick<Unit, 'code' | 'name'>): string {
  return `${u.code} ${u.name}`;
}
