// The data rows of a line-item sheet, read without the database: codes and names as the cells give them,
// exact amounts (one per source), kinds and sources by name. Subtotal rows are skipped; a single 合计/总计
// row is checked against the data rows. Every problem names the sheet's row number and column header.
import type { Fen } from '../money';
import { formatYuanGrouped } from '../money';
import type { LineKind, Source } from '../model';
import { cellText, partCode, readAmount, readYesNo, splitCodeName } from './cells';
import { isAmbiguousSource, kindOfText, sourceOfField, sourceOfText, SHEET_FIELD_LABELS, type SheetField } from './fields';
import type { GridRow } from './grid';
import type { SheetColumn, SheetHeader } from './header';

export interface SheetProblem { row: number | null; column: string | null; message: string }
export interface CodeName { code: string; name: string }
export interface SheetAmount { source: Source; carryover: boolean; fen: Fen; column: string }

export interface ParsedRow {
  row: number;
  unit: CodeName | null;
  function: CodeName | null;
  economic: CodeName | null;
  kind: { kind: LineKind; dropsProject: boolean } | null;
  project: CodeName | null;
  amounts: SheetAmount[];
  memo: string;
}

export interface ParsedRows { rows: ParsedRow[]; problems: SheetProblem[]; subtotalRows: number }

export const formatProblem = (p: SheetProblem): string =>
  `${p.row !== null ? `第 ${p.row} 行` : ''}${p.column ? `“${p.column}”` : ''}${p.row !== null || p.column ? '：' : ''}${p.message}`;

const AMBIGUOUS_REASON = '“单位资金”没有写明具体来源，请写明是事业收入、经营收入、上级补助收入、附属单位上缴收入还是其他收入';
const TOTAL_RAW = /^[\s\u3000]*[合总][\s\u3000]*计/;
const SUBTOTAL_RAW = /^[\s\u3000]*[合总小][\s\u3000]*计/;

/** Problems of the columns themselves: a field no column feeds, an ambiguous source column. */
export function structureProblems(h: SheetHeader): SheetProblem[] {
  const has = (f: SheetField) => h.columns.some((c) => c.field === f);
  const perSource = h.columns.some((c) => sourceOfField(c.field) !== null);
  const out: SheetProblem[] = [];
  const at = (message: string, column: string | null = null) => out.push({ row: h.row, column, message });
  if (!has('amount') && !perSource) at('找不到金额列（表头应有“金额”“预算数”“本年预算”“合计”之一，或按资金来源分列的金额）');
  if (has('amount') && !perSource && !has('source')) at('找不到资金来源列（表头应有“资金性质”“资金来源”或“经费来源”）');
  if (!has('function') && !(has('functionClass') && has('functionSection') && has('functionItem'))) at('找不到支出功能分类科目列（如“功能科目”，或“类”“款”“项”三列）');
  if (!has('economic')) at('找不到部门预算支出经济分类科目列（如“经济科目”“部门预算支出经济分类”）');
  for (const c of h.columns) if (c.field === null && isAmbiguousSource(c.header)) at(`列${AMBIGUOUS_REASON}`, c.header);
  return out;
}

export function parseRows(data: readonly GridRow[], h: SheetHeader): ParsedRows {
  const col = new Map<SheetField, SheetColumn>();
  for (const c of h.columns) if (c.field && c.field !== 'ignored' && !col.has(c.field)) col.set(c.field, c);
  const sourceCols = h.columns.filter((c) => sourceOfField(c.field) !== null);
  const amountCols = h.columns.filter((c) => c.field === 'amount' || c.field === 'rowTotal' || sourceOfField(c.field) !== null);
  const amountAt: boolean[] = [];
  for (const c of amountCols) amountAt[c.index] = true;
  const cell = (r: GridRow, f: SheetField) => { const c = col.get(f); return c ? r.cells[c.index] ?? null : null; };
  const text = (r: GridRow, f: SheetField) => cellText(cell(r, f));
  const codeName = (r: GridRow, codeF: SheetField, nameF: SheetField): CodeName | null => {
    if (!col.has(codeF)) return null;
    const cn = splitCodeName(cell(r, codeF));
    if (cn.name === '' && col.has(nameF)) cn.name = text(r, nameF);
    return cn;
  };
  const codeFields: SheetField[] = ['unit', 'unitName', 'function', 'functionClass', 'functionSection', 'functionItem', 'economic', 'project'];

  const problems: SheetProblem[] = [];
  const rows: ParsedRow[] = [];
  const sums = new Map<number, Fen>();
  const totals: GridRow[] = [];
  let subtotalRows = 0;
  let amountsUnreadable = false;
  const add = (c: SheetColumn, fen: Fen) => sums.set(c.index, (sums.get(c.index) ?? 0n) + fen);

  for (const r of data) {
    if (!r.cells.some((c) => c !== null)) continue;
    // Subtotal labels (合计, 总 计, 小计…) stand in a text column; tested raw first, as most rows have none.
    const label = (re: RegExp) => r.cells.some((c, i) => typeof c === 'string' && !amountAt[i] && re.test(c));
    if (label(SUBTOTAL_RAW)) {
      subtotalRows++;
      if (label(TOTAL_RAW)) totals.push(r);
      continue;
    }
    const noCode = codeFields.every((f) => text(r, f) === '');
    const classOnly = col.has('functionClass') && text(r, 'functionItem') === '' && text(r, 'economic') === '';
    if (noCode || classOnly) { subtotalRows++; continue; }

    const bad = (c: SheetColumn | undefined, message: string) => problems.push({ row: r.number, column: c?.header ?? null, message });
    let fn: CodeName | null;
    if (col.has('function')) fn = codeName(r, 'function', 'functionName');
    else if (col.has('functionClass')) {
      const item = partCode(cell(r, 'functionItem'), 2);
      fn = { code: item.length === 7 ? item : `${partCode(cell(r, 'functionClass'), 3)}${partCode(cell(r, 'functionSection'), 2).slice(-2)}${item.slice(-2)}`, name: splitCodeName(cell(r, 'functionItem')).name || text(r, 'functionName') };
    } else fn = null;

    let unit: CodeName | null = null;
    if (col.has('unit')) { unit = splitCodeName(cell(r, 'unit')); if (unit.name === '' && col.has('unitName')) unit.name = text(r, 'unitName'); }
    else if (col.has('unitName')) unit = splitCodeName(cell(r, 'unitName'));

    let kind: ParsedRow['kind'] = null;
    if (col.has('kind')) {
      const k = text(r, 'kind');
      kind = k === '' ? null : kindOfText(k);
      if (!kind) bad(col.get('kind'), k === '' ? '缺少支出类型' : `“${k}”不是可识别的支出类型（基本支出、项目支出、经营支出、上解上级支出、对附属单位补助支出，或人员类、运转类、特定目标类项目）`);
    }

    let carry = false;
    if (col.has('carryover')) {
      const y = readYesNo(cell(r, 'carryover'));
      if (y === null) bad(col.get('carryover'), `“${text(r, 'carryover')}”应为“是”或“否”`); else carry = y;
    }

    const amounts: SheetAmount[] = [];
    if (sourceCols.length) {
      let sum = 0n;
      let okRow = true;
      for (const c of sourceCols) {
        const a = readAmount(r.cells[c.index] ?? null, h.wan);
        if (!a.ok) { bad(c, a.reason); okRow = false; amountsUnreadable = true; continue; }
        if (a.fen === null) continue;
        add(c, a.fen);
        sum += a.fen;
        amounts.push({ source: sourceOfField(c.field)!, carryover: carry, fen: a.fen, column: c.header });
      }
      const tc = col.get('rowTotal');
      if (tc) {
        const t = readAmount(r.cells[tc.index] ?? null, h.wan);
        if (!t.ok) { bad(tc, t.reason); amountsUnreadable = true; }
        else {
          add(tc, t.fen ?? 0n);
          if (okRow && (t.fen ?? 0n) !== sum) bad(tc, `合计 ${formatYuanGrouped(t.fen ?? 0n)} 元与各资金来源之和 ${formatYuanGrouped(sum)} 元不符`);
        }
      }
      if (okRow && amounts.length === 0) bad(sourceCols[0], '各资金来源的金额都为空');
    } else if (col.has('amount')) {
      const ac = col.get('amount')!;
      const a = readAmount(cell(r, 'amount'), h.wan);
      const st = text(r, 'source');
      const src = st === '' ? null : sourceOfText(st);
      if (!a.ok) { bad(ac, a.reason); amountsUnreadable = true; } else if (a.fen === null) bad(ac, '缺少金额（金额必须大于 0）');
      if (st === '') bad(col.get('source'), '缺少资金来源');
      else if (isAmbiguousSource(st)) bad(col.get('source'), AMBIGUOUS_REASON);
      else if (!src) bad(col.get('source'), `“${st}”不是可识别的资金来源（如一般公共预算拨款、政府性基金预算拨款、事业收入、其他收入）`);
      if (a.ok && a.fen !== null) {
        add(ac, a.fen);
        if (src) amounts.push({ source: src.source, carryover: carry || src.carryover, fen: a.fen, column: ac.header });
      }
    }
    rows.push({
      row: r.number, unit, function: fn, economic: codeName(r, 'economic', 'economicName'), kind,
      project: col.has('project') ? codeName(r, 'project', 'projectName') : null, amounts, memo: text(r, 'memo'),
    });
  }

  // One 合计/总计 row is the sheet's total: it must equal the data rows, column by column.
  if (totals.length === 1 && !amountsUnreadable) {
    const t = totals[0]!;
    for (const c of amountCols) {
      const a = readAmount(t.cells[c.index] ?? null, h.wan);
      if (!a.ok) { problems.push({ row: t.number, column: c.header, message: a.reason }); continue; }
      const want = sums.get(c.index) ?? 0n;
      if ((a.fen ?? 0n) !== want) {
        problems.push({ row: t.number, column: c.header, message: `合计行 ${formatYuanGrouped(a.fen ?? 0n)} 元与各明细行之和 ${formatYuanGrouped(want)} 元不符` });
      }
    }
  }
  return { rows, problems, subtotalRows };
}

export { SHEET_FIELD_LABELS };
