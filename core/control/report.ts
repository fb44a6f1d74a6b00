// 控制数 figures as lines of text, one format for `budget control`, the merge report and the import preview.
import { formatYuan, formatYuanGrouped } from '../money';
import type { ControlFigure } from './cells';
import { figuresText } from './cells';

export function figureLine(f: ControlFigure): string {
  return `${f.label}：${figuresText(f)}（${f.status}）`;
}

/** Totals of a list of figures: 控制数, 已编, 差额 and how many are over their ceiling. */
export function figuresSummary(fs: readonly ControlFigure[]): string {
  const amount = fs.reduce((s, f) => s + f.cell.amount, 0n);
  const over = fs.filter((f) => f.status === '超出').length;
  return `共 ${fs.length} 个控制数，合计 ${formatYuanGrouped(amount)} 元${over ? `，其中 ${over} 个已超出` : ''}`;
}

/** A figure as data (the channels' DTO and `budget control --json`): 元 amounts as exact strings. */
export const figureDto = (f: ControlFigure) => ({
  key: f.key,
  unit: f.cell.unit ?? null,
  source: f.cell.source,
  kind: f.cell.kind ?? null,
  project: f.cell.project ?? null,
  label: f.label,
  amount: formatYuan(f.cell.amount),
  planned: formatYuan(f.planned),
  diff: formatYuan(f.diff),
  status: f.status,
});
