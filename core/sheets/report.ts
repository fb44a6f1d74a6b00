// The clerk's summary of a sheet import (CLI output; the preview shows the same facts): recognised
// columns with their header text, row and line counts, totals by kind and by source, what is created.
import { formatYuanGrouped } from '../money';
import { LINE_KINDS, LINE_KIND_NAMES, SOURCES, SOURCE_NAMES } from '../model';
import { SHEET_FIELD_LABELS } from './fields';
import type { SheetHeader } from './header';
import type { SkippedRow } from './rows';
import type { ResolvedSheet, SheetTotals } from './resolve';

export function columnReport(h: SheetHeader): string[] {
  const used = h.columns.filter((c) => c.field && c.field !== 'ignored').map((c) => `  ${SHEET_FIELD_LABELS[c.field!]} ← ${c.letter} 列“${c.header}”`);
  const unused = h.columns.filter((c) => !c.hidden && (!c.field || c.field === 'ignored')).map((c) => `${c.letter} 列“${c.header}”`);
  const hidden = h.columns.filter((c) => c.hidden).map((c) => `${c.letter} 列“${c.header}”`);
  return [
    `表头：第 ${h.row}${h.rows > 1 ? `–${h.row + 1}` : ''} 行${h.wan ? '（金额单位：万元，已换算为元）' : ''}`,
    '已识别的列：',
    ...used,
    ...(unused.length ? [`未导入的列：${unused.join('、')}`] : []),
    ...(hidden.length ? [`隐藏的列（未导入）：${hidden.join('、')}`] : []),
  ];
}

/** What the reader decided beyond the columns: the other sheets it could take, rows skipped, warnings. */
export function decisionsReport(r: { otherSheets: string[]; skipped: readonly SkippedRow[]; warnings: readonly string[] }): string[] {
  const skipped = (why: SkippedRow['why']) => r.skipped.filter((s) => s.why === why).map((s) => `第 ${s.row} 行（${s.text}）`);
  const listed = (l: string[]) => (l.length > 10 ? `${l.slice(0, 10).join('、')} 等 ${l.length} 行` : l.join('、'));
  const sub = skipped('subtotal');
  const foot = skipped('footer');
  return [
    ...(r.otherSheets.length ? [`其他可导入的工作表：${r.otherSheets.join('、')}（可用 --sheet 指定）`] : []),
    ...(sub.length ? [`跳过的行：合计/小计 ${listed(sub)}`] : []),
    ...(foot.length ? [`跳过的行：表尾 ${listed(foot)}`] : []),
    ...r.warnings.map((w) => `注意：${w}`),
  ];
}

export function totalsReport(t: SheetTotals): string[] {
  const kinds = LINE_KINDS.filter((k) => t.byKind[k]).map((k) => `${LINE_KIND_NAMES[k]} ${formatYuanGrouped(t.byKind[k]!)} 元`);
  const sources = SOURCES.filter((s) => t.bySource[s]).map((s) => `${SOURCE_NAMES[s]} ${formatYuanGrouped(t.bySource[s]!)} 元`);
  return [`合计：${formatYuanGrouped(t.total)} 元`, `按支出类型：${kinds.join('；') || '无'}`, `按资金来源：${sources.join('；') || '无'}`];
}

export function createdReport(r: ResolvedSheet): string[] {
  return [
    ...r.newUnits.map((u) => `新建预算单位：${u.code} ${u.name}（第 ${u.row} 行）`),
    ...r.newProjects.map((p) => `新建项目：${p.code} ${p.name}（预算单位 ${p.unit}，第 ${p.row} 行）`),
    ...r.matched.map((m) => `按名称对应：${m}`),
    ...r.warnings.map((w) => `警告：${w}`),
  ];
}
