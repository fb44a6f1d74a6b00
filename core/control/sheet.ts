// The bureau's 控制数 sheet (spec control-figures.md "The bureau's sheet"), read with the 导入明细表 reader's
// parts (core/sheets: the guarded file reader, exact 万元 amounts, code–name cells, source and kind names):
// header among the first 15 rows, one- or two-row header, a source (and kind) per amount column or per row.
// Pure: the department-year's units and projects come in; cells with their sheet rows, or every problem, go out.
import { cellText, readAmount, splitCodeName } from '../sheets/cells';
import { kindOfText, normalizeHeader, sourceOfText } from '../sheets/fields';
import type { Cell, Grid, GridRow } from '../sheets/grid';
import { columnLetter, HEADER_SEARCH_ROWS } from '../sheets/header';
import type { SheetProblem } from '../sheets/rows';
import type { ControlCell, ControlKind, ControlSource } from '../model';
import { CONTROL_KINDS, CONTROL_SOURCES, LINE_KIND_NAMES, SOURCE_NAMES } from '../model';
import { cellKey } from './cells';

type Role = 'unit' | 'unitName' | 'source' | 'kind' | 'project' | 'projectName' | 'amount';
/** Header names (normalized) of the columns that are not amounts per source or kind. */
const ROLE_NAMES: Record<Role, readonly string[]> = {
  unit: ['单位', '预算单位', '单位编码', '单位代码', '预算单位编码', '预算单位代码', 'AGENCY_CODE'],
  unitName: ['单位名称', '预算单位名称', 'AGENCY_NAME'],
  source: ['资金来源', '资金性质', '经费来源'],
  kind: ['支出类型', '支出类别', '项目类别'],
  project: ['项目', '项目编码', '项目代码', 'PRO_CODE'],
  projectName: ['项目名称', 'PRO_NAME'],
  amount: ['控制数', '金额', '预算控制数', '控制数金额', '财政拨款控制数', '控制数合计'],
};
const ROLE_BY_NAME = new Map<string, Role>();
for (const [role, names] of Object.entries(ROLE_NAMES)) for (const n of names) ROLE_BY_NAME.set(normalizeHeader(n), role as Role);

/** What one column gives: a role, or an amount with a fixed source and/or kind (两行表头: group above, sub-header below). */
interface Column {
  index: number;
  header: string;
  role: Role | null;
  source?: string;
  kind?: string;
}

const isControlSource = (s: string): s is ControlSource => (CONTROL_SOURCES as readonly string[]).includes(s);
const isControlKind = (k: string): k is ControlKind => (CONTROL_KINDS as readonly string[]).includes(k);

function meaning(text: string): Omit<Column, 'index' | 'header'> | null {
  const n = normalizeHeader(text);
  if (n === '' || n === '合计' || n === '小计') return null;
  const role = ROLE_BY_NAME.get(n);
  if (role) return { role };
  const s = sourceOfText(text);
  if (s && !s.carryover) return { role: 'amount', source: s.source };
  const k = kindOfText(text);
  if (k && !k.dropsProject) return { role: 'amount', kind: k.kind };
  return null;
}

export interface ControlSheetHeader {
  row: number;
  rows: number;
  wan: boolean;
  columns: Column[];
}

/** The header: the first of the first 15 rows with two known columns, one of them an amount; a sub-header row merged in. */
function findControlHeader(rows: readonly GridRow[]): ControlSheetHeader | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const top = rows[i]!.cells.map(cellText);
    const next = (rows[i + 1]?.cells ?? []).map(cellText);
    const width = Math.max(top.length, next.length);
    const known = top.map(meaning);
    const sub = next.map(meaning);
    // A sub-header row: known names under a group (a merge repeats its text) or under blank cells; never a data row.
    const dataBelow = (rows[i + 1]?.cells ?? []).some((c) => typeof c === 'number' || (typeof c === 'string' && /^\s*[-+]?[\d,]+(\.\d+)?\s*$|\d{3}/.test(c)));
    const hasSub = !dataBelow && sub.some((m, c) => m !== null && m.role === 'amount' && (top[c] === '' || known[c]?.role !== undefined));
    const columns: Column[] = [];
    for (let c = 0; c < width; c++) {
      // A merged group cell repeats its text across the columns it spans; an empty top cell belongs to the group on its left.
      let group = top[c] ?? '';
      for (let j = c; group === '' && j > 0 && hasSub; j--) group = top[j - 1] ?? '';
      const a = known[c] ?? (hasSub ? meaning(group) : null);
      const b = hasSub ? (sub[c] ?? null) : null;
      if (b && b.role === 'amount' && (a === null || a.role === 'amount' || a.role === 'source' || a.role === 'kind')) {
        columns.push({ index: c, header: [group, next[c]].filter(Boolean).join('/'), role: 'amount', source: b.source ?? a?.source, kind: b.kind ?? a?.kind });
      } else if (a) columns.push({ index: c, header: top[c] || group, ...a });
    }
    const amounts = columns.filter((c) => c.role === 'amount').length;
    if (columns.length >= 2 && amounts > 0) {
      const titles = rows
        .slice(0, i + (hasSub ? 2 : 1))
        .flatMap((r) => r.cells.map(cellText))
        .join(' ');
      return { row: rows[i]!.number, rows: hasSub ? 2 : 1, wan: /万元/.test(titles), columns };
    }
  }
  return null;
}

interface ControlSheetContext {
  units: readonly { code: string; name: string }[];
  projects: readonly { code: string; name: string; unit: string }[];
}
export interface SheetCell extends ControlCell {
  row: number;
}
interface ControlSheet {
  header: ControlSheetHeader | null;
  cells: SheetCell[];
  problems: SheetProblem[];
  rows: number;
}

const TOTAL_ROW = /^[\s\u3000]*[合总小][\s\u3000]*计/;
const SOURCE_LIST = CONTROL_SOURCES.map((s) => SOURCE_NAMES[s]).join('、');

/** The sheet's 控制数 against the department-year: all rows read, every problem named by its row. */
export function readControlGrid(grid: Grid, ctx: ControlSheetContext): ControlSheet {
  const header = findControlHeader(grid.rows);
  if (!header) {
    return {
      header,
      cells: [],
      rows: 0,
      problems: [
        {
          row: null,
          column: null,
          message: '前 15 行中找不到控制数表的表头：表头应有“单位”“资金来源”“支出类型”“项目”和“控制数”（或“金额”，或按资金来源、支出类型分列的金额）等列',
        },
      ],
    };
  }
  const problems: SheetProblem[] = [];
  const col = (r: Role) => header.columns.find((c) => c.role === r);
  const amountCols = header.columns.filter((c) => c.role === 'amount');
  const perColumn = amountCols.some((c) => c.source !== undefined || c.kind !== undefined);
  const sourceCol = col('source');
  if (!sourceCol && amountCols.some((c) => c.source === undefined)) {
    problems.push({ row: header.row, column: null, message: `找不到资金来源：表头应有“资金来源”列，或按资金来源（${SOURCE_LIST}）分列的金额` });
    return { header, cells: [], rows: 0, problems };
  }
  const unitByCode = new Map(ctx.units.map((u) => [u.code, u.code]));
  const unitByName = new Map(ctx.units.map((u) => [u.name, u.code]));
  const projByCode = new Map(ctx.projects.map((p) => [p.code, p]));
  const projByName = new Map(ctx.projects.map((p) => [p.name, p]));
  const cells: SheetCell[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for (const r of grid.rows) {
    if (r.number < header.row + header.rows) continue;
    const at = (c: Column | undefined): Cell => (c ? (r.cells[c.index] ?? null) : null);
    const texts = r.cells.map(cellText);
    if (texts.every((t) => t === '')) continue;
    if (TOTAL_ROW.test(texts.find((t) => t !== '') ?? '')) continue;
    rows++;
    const bad = (column: Column | undefined, message: string) => problems.push({ row: r.number, column: column?.header ?? null, message });
    // 单位: by code, else by name; blank: the department as a whole.
    let unit: string | undefined;
    const uc = col('unit') ?? col('unitName');
    const u = splitCodeName(at(uc));
    const uName = u.name || splitCodeName(at(col('unitName'))).name;
    if (u.code || uName) {
      unit = (u.code ? unitByCode.get(u.code) : undefined) ?? unitByName.get(uName);
      if (!unit) {
        bad(uc, `预算单位“${[u.code, uName].filter(Boolean).join(' ')}”不在本部门的预算单位中`);
        continue;
      }
    }
    // 项目: by code, else by name (of that unit when one is given).
    let project: string | undefined;
    const pc = col('project') ?? col('projectName');
    const p = splitCodeName(at(pc));
    const pName = p.name || splitCodeName(at(col('projectName'))).name;
    if (p.code || pName) {
      const found = (p.code ? projByCode.get(p.code) : undefined) ?? projByName.get(pName);
      if (!found) {
        bad(pc, `项目“${[p.code, pName].filter(Boolean).join(' ')}”不在本部门的项目中`);
        continue;
      }
      if (unit !== undefined && found.unit !== unit) {
        bad(pc, `项目“${found.code} ${found.name}”不属于预算单位 ${unit}`);
        continue;
      }
      project = found.code;
    }
    let rowKind: ControlKind | undefined;
    const kc = col('kind');
    const kText = cellText(at(kc));
    if (kText) {
      const k = kindOfText(kText);
      if (!k || !isControlKind(k.kind)) {
        bad(kc, `支出类型“${kText}”无法识别，控制数的支出类型应为${CONTROL_KINDS.map((x) => LINE_KIND_NAMES[x]).join('或')}`);
        continue;
      }
      rowKind = k.kind;
    }
    let rowSource: string | undefined;
    const sText = cellText(at(sourceCol));
    if (sText) {
      const s = sourceOfText(sText);
      if (!s) {
        bad(sourceCol, `资金来源“${sText}”无法识别，应为${SOURCE_LIST}之一`);
        continue;
      }
      rowSource = s.source;
    }
    let any = false;
    for (const c of amountCols) {
      const a = readAmount(at(c), header.wan);
      if (!a.ok) {
        bad(c, a.reason);
        continue;
      }
      if (a.fen === null) continue;
      any = true;
      const source = c.source ?? rowSource;
      const kind = (c.kind ?? rowKind ?? (project !== undefined ? 'project' : undefined)) as string | undefined;
      if (source === undefined) {
        bad(sourceCol, '缺少资金来源');
        continue;
      }
      if (!isControlSource(source)) {
        bad(c.source ? c : sourceCol, `资金来源“${SOURCE_NAMES[source as keyof typeof SOURCE_NAMES]}”不是财政拨款，控制数只能给出${SOURCE_LIST}`);
        continue;
      }
      if (kind !== undefined && !isControlKind(kind)) {
        bad(c, '控制数的支出类型应为基本支出或项目支出');
        continue;
      }
      if (project !== undefined && kind !== 'project') {
        bad(kc ?? c, '按项目给出的控制数，支出类型应为项目支出');
        continue;
      }
      const cell: SheetCell = { source, amount: a.fen, row: r.number };
      if (unit !== undefined) cell.unit = unit;
      if (kind !== undefined) cell.kind = kind;
      if (project !== undefined) cell.project = project;
      const key = cellKey(cell);
      const first = seen.get(key);
      if (first !== undefined) {
        bad(c, `与第 ${first} 行是同一项控制数（同一单位、资金来源、支出类型和项目），同一项只能给出一次`);
        continue;
      }
      seen.set(key, r.number);
      cells.push(cell);
    }
    if (!any && !perColumn && !problems.some((x) => x.row === r.number)) bad(amountCols[0], '缺少控制数金额');
  }
  return { header, cells, problems, rows };
}

/** The columns as read, for the preview and the CLI report: “B 单位 → 预算单位”. */
export function controlColumnReport(h: ControlSheetHeader): string[] {
  const what = (c: Column): string => {
    if (c.role !== 'amount')
      return { unit: '预算单位', unitName: '预算单位名称', source: '资金来源', kind: '支出类型', project: '项目', projectName: '项目名称' }[c.role!];
    const parts = [
      c.source ? (SOURCE_NAMES[c.source as ControlSource] ?? c.source) : '',
      c.kind ? (LINE_KIND_NAMES[c.kind as ControlKind] ?? c.kind) : '',
    ].filter(Boolean);
    return `控制数${parts.length ? `（${parts.join('·')}）` : ''}`;
  };
  return [
    `表头：第 ${h.row} 行${h.rows === 2 ? `–第 ${h.row + 1} 行` : ''}，金额单位：${h.wan ? '万元' : '元'}`,
    ...h.columns.map((c) => `  ${columnLetter(c.index)} ${c.header} → ${what(c)}`),
  ];
}
