// The data rows of a line-item sheet, read without the database: codes and names as the cells give them,
// exact amounts (one per source), kinds and sources by name. Subtotal rows are skipped; a single 合计/总计
// row is checked against the data rows. Every problem names the sheet's row number and column header.
import type { Fen } from '../money';
import { formatYuanGrouped } from '../money';
import { LINE_KIND_NAMES, type LineKind, type Source } from '../model';
import { cellText, partCode, readAmount, readYesNo, splitCodeName } from './cells';
import {
  fieldOfHeader,
  isAmbiguousSource,
  isAmountField,
  kindAmountField,
  kindOfField,
  kindOfText,
  sourceOfField,
  sourceOfText,
  SHEET_FIELD_LABELS,
  type SheetField,
} from './fields';
import type { GridRow } from './grid';
import type { SheetColumn, SheetHeader } from './header';

export interface SheetProblem {
  row: number | null;
  column: string | null;
  message: string;
}
export interface CodeName {
  code: string;
  name: string;
}
/** `kind`: the kind its column names (wide 支出预算明细表); else the row's kind. */
export interface SheetAmount {
  source: Source;
  carryover: boolean;
  fen: Fen;
  column: string;
  kind?: LineKind;
}
/** A row the reader left out, and why: a subtotal (合计, 小计, 其中…) or a footer (制表人, 填报日期…). */
export interface SkippedRow {
  row: number;
  text: string;
  why: 'subtotal' | 'footer';
}

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

export interface ParsedRows {
  rows: ParsedRow[];
  problems: SheetProblem[];
  subtotalRows: number;
  skipped: SkippedRow[];
  warnings: string[];
}

export const formatProblem = (p: SheetProblem): string =>
  `${p.row !== null ? `第 ${p.row} 行` : ''}${p.column ? `“${p.column}”` : ''}${p.row !== null || p.column ? '：' : ''}${p.message}`;

const AMBIGUOUS_REASON = '“单位资金”没有写明具体来源，请写明是事业收入、经营收入、上级补助收入、附属单位上缴收入还是其他收入';
const TOTAL_RAW = /^[\s\u3000]*[合总][\s\u3000]*计/;
/** 合计, 总 计, 小计 at the start or the end of a text cell (万里街道办事处小计), or 其中：… */
const SUBTOTAL_RAW = /^[\s\u3000]*[合总小][\s\u3000]*计|[合总小][\s\u3000]*计[\s\u3000]*$|^[\s\u3000]*其中[\s\u3000]*[:：]?/;
/** Signature and date lines under the data. */
const FOOTER_RAW =
  /^[\s\u3000]*(制表人|制表|填表人|填报人|审核人|审核|单位负责人|财务负责人|负责人|填报日期|制表日期|日期|联系电话|联系人|经办人)[\s\u3000]*[:：]?/;
const SUBTOTAL = 1;
const TOTAL = 2;
const FOOTER = 4;
/** Headers of amount columns, for naming columns with amounts that are not read. */
const AMOUNT_HEADER = /金额|预算|合计|小计|支出|经费|拨款|收入|资金|数$/;

/** Problems of the columns themselves: a field no column feeds, an ambiguous source column. */
export function structureProblems(h: SheetHeader): SheetProblem[] {
  const has = (f: SheetField) => h.columns.some((c) => c.field === f);
  const perSource = h.columns.some((c) => sourceOfField(c.field) !== null);
  const perKind = h.columns.some((c) => kindOfField(c.field) !== null);
  const out: SheetProblem[] = [];
  const at = (message: string, column: string | null = null) => out.push({ row: h.row, column, message });
  if (!has('amount') && !perSource && !perKind) at('找不到金额列（表头应有“金额”“预算数”“本年预算”“合计”之一，或按资金来源、按支出类型分列的金额）');
  if ((has('amount') || perKind) && !perSource && !has('source')) at('找不到资金来源列（表头应有“资金性质”“资金来源”或“经费来源”）');
  for (const [a, b] of h.clashes) {
    at(
      `${a.letter} 列“${a.header}”和 ${b.letter} 列“${b.header}”都可作为“${SHEET_FIELD_LABELS[a.field!]}”，请在预览中指定读取哪一列（另一列设为“不导入”）`,
      a.header,
    );
  }
  if (!has('function') && !(has('functionClass') && has('functionSection') && has('functionItem')))
    at('找不到支出功能分类科目列（如“功能科目”，或“类”“款”“项”三列）');
  if (!has('economic')) at('找不到部门预算支出经济分类科目列（如“经济科目”“部门预算支出经济分类”）');
  for (const c of h.columns) if (c.field === null && isAmbiguousSource(c.header)) at(`列${AMBIGUOUS_REASON}`, c.header);
  return out;
}

export function parseRows(data: readonly GridRow[], h: SheetHeader): ParsedRows {
  const col = new Map<SheetField, SheetColumn>();
  for (const c of h.columns) if (c.field && c.field !== 'ignored' && !col.has(c.field)) col.set(c.field, c);
  // Amount parts: per source, per kind, or per kind × source; each non-empty cell is one line.
  const partCols = h.columns.filter((c) => sourceOfField(c.field) !== null || kindOfField(c.field) !== null);
  // 小计 under a kind group: checked against that kind's parts of the row.
  const partTotals = h.columns.filter((c) => c.field === 'ignored' && c.kind && isAmountField(fieldOfHeader(c.header) ?? 'rowTotal'));
  const amountCols = h.columns.filter((c) => isAmountField(c.field) || partTotals.includes(c));
  const amountAt: boolean[] = [];
  for (const c of amountCols) amountAt[c.index] = true;
  const memoAt = col.get('memo')?.index ?? -1;
  const cell = (r: GridRow, f: SheetField) => {
    const c = col.get(f);
    return c ? (r.cells[c.index] ?? null) : null;
  };
  const text = (r: GridRow, f: SheetField) => cellText(cell(r, f));
  const codeName = (r: GridRow, codeF: SheetField, nameF: SheetField): CodeName | null => {
    if (!col.has(codeF)) return null;
    const cn = splitCodeName(cell(r, codeF));
    if (cn.name === '' && col.has(nameF)) cn.name = text(r, nameF);
    return cn;
  };
  const codeFields: SheetField[] = ['unit', 'unitName', 'function', 'functionClass', 'functionSection', 'functionItem', 'economic', 'project', 'projectName'];
  // Columns not read that hold amounts: named in a warning (a kind column: refused, its lines would be misread).
  const unread = h.columns.filter(
    (c) =>
      !c.hidden &&
      (c.field === null || (c.field === 'ignored' && !partTotals.includes(c))) &&
      (isAmountField(fieldOfHeader(c.header)) || AMOUNT_HEADER.test(c.header)),
  );
  const unreadFen = new Map<number, Fen>();

  const problems: SheetProblem[] = [];
  const rows: ParsedRow[] = [];
  const skipped: SkippedRow[] = [];
  const sums = new Map<number, Fen>();
  const totals: GridRow[] = [];
  let subtotalRows = 0;
  let amountsUnreadable = false;
  const add = (c: SheetColumn, fen: Fen) => sums.set(c.index, (sums.get(c.index) ?? 0n) + fen);
  const rowText = (r: GridRow) =>
    r.cells
      .map(cellText)
      .filter((t) => t !== '')
      .slice(0, 3)
      .join(' ');

  // Which labels a text is (SUBTOTAL, TOTAL, FOOTER), tested once per distinct text: cells repeat over the rows.
  const labels = new Map<string, number>();
  const labelsOf = (t: string): number => {
    let l = labels.get(t);
    if (l === undefined) {
      l = (SUBTOTAL_RAW.test(t) ? SUBTOTAL : 0) | (TOTAL_RAW.test(t) ? TOTAL : 0) | (FOOTER_RAW.test(t) ? FOOTER : 0);
      labels.set(t, l);
    }
    return l;
  };

  for (const r of data) {
    if (!r.cells.some((c) => c !== null)) continue;
    // Subtotal labels (合计, 总 计, 小计…) stand in a text column; tested raw first, as most rows have none.
    const label = (which: number) => r.cells.some((c, i) => typeof c === 'string' && !amountAt[i] && i !== memoAt && (labelsOf(c) & which) !== 0);
    if (label(SUBTOTAL)) {
      subtotalRows++;
      skipped.push({ row: r.number, text: rowText(r), why: 'subtotal' });
      if (label(TOTAL)) totals.push(r);
      continue;
    }
    const codeOf = (f: SheetField) => (col.has(f) ? splitCodeName(cell(r, f)).code : '');
    if (label(FOOTER) && codeOf('function') === '' && codeOf('economic') === '') {
      skipped.push({ row: r.number, text: rowText(r), why: 'footer' });
      continue;
    }
    const noCode = codeFields.every((f) => text(r, f) === '');
    const classOnly = col.has('functionClass') && text(r, 'functionItem') === '' && text(r, 'economic') === '';
    // A 类/款 row (3 or 5 digits, no economic code) sums the rows under it.
    const rollup = col.has('function') && /^\d{3}(\d{2})?$/.test(codeOf('function')) && text(r, 'economic') === '';
    if (noCode || classOnly || rollup) {
      subtotalRows++;
      skipped.push({ row: r.number, text: rowText(r), why: 'subtotal' });
      continue;
    }

    const bad = (c: SheetColumn | undefined, message: string) => problems.push({ row: r.number, column: c?.header ?? null, message });
    let fn: CodeName | null;
    if (col.has('function')) fn = codeName(r, 'function', 'functionName');
    else if (col.has('functionClass')) {
      const item = partCode(cell(r, 'functionItem'), 2);
      fn = {
        code: item.length === 7 ? item : `${partCode(cell(r, 'functionClass'), 3)}${partCode(cell(r, 'functionSection'), 2).slice(-2)}${item.slice(-2)}`,
        name: splitCodeName(cell(r, 'functionItem')).name || text(r, 'functionName'),
      };
    } else fn = null;

    let unit: CodeName | null = null;
    if (col.has('unit')) {
      unit = splitCodeName(cell(r, 'unit'));
      if (unit.name === '' && col.has('unitName')) unit.name = text(r, 'unitName');
    } else if (col.has('unitName')) unit = splitCodeName(cell(r, 'unitName'));

    let kind: ParsedRow['kind'] = null;
    if (col.has('kind')) {
      const k = text(r, 'kind');
      kind = k === '' ? null : kindOfText(k);
      if (!kind)
        bad(
          col.get('kind'),
          k === ''
            ? '缺少支出类型'
            : `“${k}”不是可识别的支出类型（基本支出、项目支出、经营支出、上解上级支出、对附属单位补助支出，或人员类、运转类、特定目标类项目）`,
        );
    }

    let carry = false;
    if (col.has('carryover')) {
      const y = readYesNo(cell(r, 'carryover'));
      if (y === null) bad(col.get('carryover'), `“${text(r, 'carryover')}”应为“是”或“否”`);
      else carry = y;
    }

    // The row's source column, read once and only when an amount needs it.
    let rowSource: { source: Source; carryover: boolean } | null | undefined;
    const sourceOfRow = () => {
      if (rowSource !== undefined) return rowSource;
      const st = text(r, 'source');
      rowSource = st === '' || isAmbiguousSource(st) ? null : sourceOfText(st);
      if (st === '') bad(col.get('source'), '缺少资金来源');
      else if (isAmbiguousSource(st)) bad(col.get('source'), AMBIGUOUS_REASON);
      else if (!rowSource) bad(col.get('source'), `“${st}”不是可识别的资金来源（如一般公共预算拨款、政府性基金预算拨款、事业收入、其他收入）`);
      return rowSource;
    };

    const amounts: SheetAmount[] = [];
    if (partCols.length) {
      let sum = 0n;
      let okRow = true;
      const byKind = new Map<LineKind, Fen>();
      for (const c of partCols) {
        const a = readAmount(r.cells[c.index] ?? null, h.wan);
        if (!a.ok) {
          bad(c, a.reason);
          okRow = false;
          amountsUnreadable = true;
          continue;
        }
        if (a.fen === null) continue;
        add(c, a.fen);
        sum += a.fen;
        const k = kindOfField(c.field) ?? c.kind;
        if (k) byKind.set(k, (byKind.get(k) ?? 0n) + a.fen);
        const fixed = sourceOfField(c.field);
        const src = fixed ? { source: fixed, carryover: false } : sourceOfRow();
        if (!src) continue;
        amounts.push({ source: src.source, carryover: carry || src.carryover, fen: a.fen, column: c.header, ...(k ? { kind: k } : {}) });
      }
      const tc = col.get('rowTotal');
      if (tc) {
        const t = readAmount(r.cells[tc.index] ?? null, h.wan);
        if (!t.ok) {
          bad(tc, t.reason);
          amountsUnreadable = true;
        } else {
          add(tc, t.fen ?? 0n);
          if (okRow && (t.fen ?? 0n) !== sum) bad(tc, `合计 ${formatYuanGrouped(t.fen ?? 0n)} 元与各分列之和 ${formatYuanGrouped(sum)} 元不符`);
        }
      }
      for (const pc of partTotals) {
        const t = readAmount(r.cells[pc.index] ?? null, h.wan);
        if (!t.ok) {
          bad(pc, t.reason);
          amountsUnreadable = true;
          continue;
        }
        add(pc, t.fen ?? 0n);
        const want = byKind.get(pc.kind!) ?? 0n;
        if (okRow && (t.fen ?? 0n) !== want) {
          bad(pc, `${LINE_KIND_NAMES[pc.kind!]}小计 ${formatYuanGrouped(t.fen ?? 0n)} 元与其各分列之和 ${formatYuanGrouped(want)} 元不符`);
        }
      }
      if (okRow && sum === 0n) bad(partCols[0], partCols.some((c) => sourceOfField(c.field)) ? '各资金来源的金额都为空' : '各支出类型的金额都为空');
    } else if (col.has('amount')) {
      const ac = col.get('amount')!;
      const a = readAmount(cell(r, 'amount'), h.wan);
      const src = sourceOfRow();
      if (!a.ok) {
        bad(ac, a.reason);
        amountsUnreadable = true;
      } else if (a.fen === null) bad(ac, '缺少金额（金额必须大于 0）');
      if (a.ok && a.fen !== null) {
        add(ac, a.fen);
        if (src) amounts.push({ source: src.source, carryover: carry || src.carryover, fen: a.fen, column: ac.header });
      }
    }
    for (const c of unread) {
      const a = readAmount(r.cells[c.index] ?? null, h.wan);
      if (a.ok && a.fen) unreadFen.set(c.index, (unreadFen.get(c.index) ?? 0n) + a.fen);
    }
    rows.push({
      row: r.number,
      unit,
      function: fn,
      economic: codeName(r, 'economic', 'economicName'),
      kind,
      project: col.has('project') || col.has('projectName') ? projectOf(r) : null,
      amounts,
      memo: text(r, 'memo'),
    });
  }

  function projectOf(r: GridRow): CodeName {
    if (!col.has('project')) return { code: '', name: text(r, 'projectName') };
    return codeName(r, 'project', 'projectName')!;
  }

  // One 合计/总计 row is the sheet's total: it must equal the data rows, column by column.
  if (totals.length === 1 && !amountsUnreadable) {
    const t = totals[0]!;
    for (const c of amountCols) {
      const a = readAmount(t.cells[c.index] ?? null, h.wan);
      if (!a.ok) {
        problems.push({ row: t.number, column: c.header, message: a.reason });
        continue;
      }
      const want = sums.get(c.index) ?? 0n;
      if ((a.fen ?? 0n) !== want) {
        problems.push({
          row: t.number,
          column: c.header,
          message: `合计行 ${formatYuanGrouped(a.fen ?? 0n)} 元与各明细行之和 ${formatYuanGrouped(want)} 元不符`,
        });
      }
    }
  }

  const warnings: string[] = [];
  for (const c of unread) {
    const fen = unreadFen.get(c.index);
    if (!fen) continue;
    const k = kindOfField(fieldOfHeader(c.header));
    const what = `${c.letter} 列“${c.header}”有金额（共 ${formatYuanGrouped(fen)} 元）但未导入`;
    if (k)
      problems.push({
        row: h.row,
        column: c.header,
        message: `${what}，明细会被记成别的支出类型；请在预览中把该列设为“${SHEET_FIELD_LABELS[kindAmountField(k)]}”`,
      });
    else warnings.push(what);
  }
  return { rows, problems, subtotalRows, skipped, warnings };
}

export { SHEET_FIELD_LABELS };
