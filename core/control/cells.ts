// 控制数 cells (spec control-figures.md): identity, the clerk's label, and which lines a cell covers.
// One place for these facts: the file reader, the bureau's sheet, storage, the view, the checks.
import type { Fen } from '../money';
import { formatYuanGrouped } from '../money';
import type { Budget, ControlCell, Line } from '../model';
import { CONTROL_KINDS, CONTROL_SOURCES, LINE_KIND_NAMES, SOURCE_NAMES } from '../model';

/** Identity of a cell: two 控制数 with the same key are duplicates. */
export function cellKey(c: Pick<ControlCell, 'unit' | 'source' | 'kind' | 'project'>): string {
  return `${c.unit ?? ''}|${c.source}|${c.kind ?? ''}|${c.project ?? ''}`;
}

/** The cell as the clerk reads it: “单位 101 某某 · 一般公共预算拨款 · 项目支出 · 项目 P1 某某”. */
interface Named {
  code: string;
  name: string;
}
export function cellLabel(c: ControlCell, b: { units: readonly Named[]; projects: readonly Named[] }): string {
  return labelOf(c, { units: new Map(b.units.map((u) => [u.code, u])), projects: new Map(b.projects.map((p) => [p.code, p])) });
}

function labelOf(c: ControlCell, b: { units: ReadonlyMap<string, Named>; projects: ReadonlyMap<string, Named> }): string {
  const unit = c.unit === undefined ? '部门整体' : `单位 ${c.unit} ${b.units.get(c.unit)?.name ?? ''}`.trim();
  const parts = [unit, SOURCE_NAMES[c.source], c.kind ? LINE_KIND_NAMES[c.kind] : '基本支出和项目支出'];
  if (c.project !== undefined) parts.push(`项目 ${c.project} ${b.projects.get(c.project)?.name ?? ''}`.trim());
  return parts.join(' · ');
}

const isControlKind = (k: string): boolean => (CONTROL_KINDS as readonly string[]).includes(k);
const isControlSource = (s: string): boolean => (CONTROL_SOURCES as readonly string[]).includes(s);

/** Lines counted against this year's 控制数: 财政拨款 of the two kinds, not paid from 上年结转. */
export function countsAgainstControl(l: Pick<Line, 'carryover' | 'source' | 'kind'>): boolean {
  return !l.carryover && isControlSource(l.source) && isControlKind(l.kind);
}

/** Whether the cell covers the line (the line must count against 控制数 at all). */
export function cellCovers(c: ControlCell, l: Pick<Line, 'unit' | 'source' | 'kind' | 'project'>): boolean {
  return (
    c.source === l.source &&
    (c.unit === undefined || c.unit === l.unit) &&
    (c.kind === undefined || c.kind === l.kind) &&
    (c.project === undefined || c.project === l.project)
  );
}

type ControlStatus = '超出' | '未编足' | '相符';
export interface ControlFigure {
  cell: ControlCell;
  key: string;
  label: string;
  planned: Fen;
  diff: Fen;
  status: ControlStatus;
}

function statusOf(amount: Fen, planned: Fen): ControlStatus {
  return planned > amount ? '超出' : planned < amount ? '未编足' : '相符';
}

/** What 控制数 read of a line: lines themselves, or the digest's `cells` groups (project '' for none), which
 *  sum lines alike in all of these. */
export type CoveredLine = Pick<Line, 'unit' | 'source' | 'kind' | 'project' | 'carryover' | 'amount'>;

/** 已编 of every cell in one pass over the lines: lines are grouped by (unit, source, kind, project) first, and a
 *  cell looks only at the groups of its source (and unit), so 500 cells over 300,000 lines stay cheap. */
export function controlFigures(
  b: Pick<Budget, 'control'> & { lines: readonly CoveredLine[]; units: readonly Named[]; projects: readonly Named[] },
): ControlFigure[] {
  const groups = new Map<string, { line: CoveredLine; sum: Fen }>();
  for (const l of b.lines) {
    if (!countsAgainstControl(l)) continue;
    const k = `${l.unit}|${l.source}|${l.kind}|${l.project ?? ''}`;
    const g = groups.get(k);
    if (g) g.sum += l.amount;
    else groups.set(k, { line: l, sum: l.amount });
  }
  const bySource = new Map<string, { line: CoveredLine; sum: Fen }[]>();
  const byUnit = new Map<string, { line: CoveredLine; sum: Fen }[]>();
  const push = (m: Map<string, { line: CoveredLine; sum: Fen }[]>, k: string, g: { line: CoveredLine; sum: Fen }) => {
    const a = m.get(k);
    if (a) a.push(g);
    else m.set(k, [g]);
  };
  for (const g of groups.values()) {
    push(bySource, g.line.source, g);
    push(byUnit, `${g.line.source}|${g.line.unit}`, g);
  }
  const names = { units: new Map(b.units.map((u) => [u.code, u])), projects: new Map(b.projects.map((p) => [p.code, p])) };
  return b.control.map((cell) => {
    let planned = 0n;
    const candidates = (cell.unit === undefined ? bySource.get(cell.source) : byUnit.get(`${cell.source}|${cell.unit}`)) ?? [];
    for (const g of candidates) if (cellCovers(cell, g.line)) planned += g.sum;
    const label = labelOf(cell, names);
    return { cell, key: cellKey(cell), label, planned, diff: cell.amount - planned, status: statusOf(cell.amount, planned) };
  });
}

/** “控制数 1,000.00 元，已编 1,200.00 元，差额 -200.00 元”: the three figures every finding and report states. */
export function figuresText(f: Pick<ControlFigure, 'cell' | 'planned' | 'diff'>): string {
  return `控制数 ${formatYuanGrouped(f.cell.amount)} 元，已编 ${formatYuanGrouped(f.planned)} 元，差额 ${formatYuanGrouped(f.diff)} 元`;
}

/**
 * A department's 财政拨款控制数 as one figure (部门汇总表): its department-wide ceilings, else its units'; per
 * unit and source a ceiling of both kinds stands for its per-kind ones. With 已编 of those cells; null without 控制数.
 */
export function ceilingTotals(b: Pick<Budget, 'control' | 'lines'>): { amount: Fen; planned: Fen } | null {
  const plain = b.control.filter((c) => c.project === undefined);
  const dept = plain.filter((c) => c.unit === undefined);
  const level = dept.length ? dept : plain;
  if (!level.length) return null;
  const bothKinds = new Set(level.filter((c) => c.kind === undefined).map((c) => `${c.unit ?? ''}|${c.source}`));
  const top = level.filter((c) => c.kind === undefined || !bothKinds.has(`${c.unit ?? ''}|${c.source}`));
  const figures = controlFigures({ control: top, lines: b.lines, units: [], projects: [] });
  return { amount: figures.reduce((s, f) => s + f.cell.amount, 0n), planned: figures.reduce((s, f) => s + f.planned, 0n) };
}
