// How the 预算明细 grid shows and reads each field of a line.
import { LINE_KIND_NAMES, LINE_KINDS, SOURCE_NAMES, SOURCES, type LineKind, type Source } from '../../core/model';
import type { LineDto, LineInput, ProjectDto, UnitDto } from '../../api/contract';
import type { LineField } from '../../core/validate-line';
import { lineMatchKey } from '../../core/compare/line-match';
import { formatYuanGrouped } from '../../core/money';
import { fenOf } from './format';

export interface ColDef {
  key: LineField;
  label: string;
  width: string;
  editor: 'unit' | 'catalog' | 'kind' | 'source' | 'toggle' | 'text' | 'project';
  num?: boolean;
  /** A pasted block without a header row may leave this column out (上年结转: most blocks have no such column). */
  optionalInPaste?: boolean;
}

/** The grid's columns, left to right. The one column-order declaration: the grid shows them in this
 *  order, copy writes them in this order, and a pasted block without a header row is read in it. */
export const COLS: ColDef[] = [
  { key: 'unit', label: '单位', width: '124px', editor: 'unit' },
  { key: 'function', label: '功能科目', width: '190px', editor: 'catalog' },
  { key: 'economic', label: '经济科目', width: '170px', editor: 'catalog' },
  { key: 'kind', label: '支出类型', width: '76px', editor: 'kind' },
  { key: 'source', label: '资金来源', width: '122px', editor: 'source' },
  { key: 'carryover', label: '上年结转', width: '60px', editor: 'toggle', optionalInPaste: true },
  { key: 'amount', label: '金额(元)', width: '116px', editor: 'text', num: true },
  { key: 'project', label: '项目', width: '140px', editor: 'project' },
  { key: 'memo', label: '备注', width: 'minmax(90px, 1fr)', editor: 'text' },
];

/** Read-only columns after COLS: last year's amount of the same unit × function × economic × kind × project
 *  (years.priorLineAmounts) and the change. Not in copy or paste, not reached by the cursor. */
export const PRIOR_COLS = [
  { key: 'prior', label: '上年数(元)', width: '116px' },
  { key: 'change', label: '比上年增减', width: '116px' },
] as const;

/** A line's 上年数 and change as the grid shows them ('—' when last year had no such line). */
export function priorCells(line: LineDto, prior: Record<string, string> | null | undefined): Record<(typeof PRIOR_COLS)[number]['key'], string> {
  const p = prior?.[lineMatchKey(line)];
  if (p === undefined) return { prior: '—', change: '—' };
  const d = fenOf(line.amount) - fenOf(p);
  return { prior: formatYuanGrouped(fenOf(p)), change: `${d > 0n ? '+' : ''}${formatYuanGrouped(d)}` };
}

export const ROWNUM_WIDTH = '52px';
export const GRID_TEMPLATE = [ROWNUM_WIDTH, ...COLS.map((c) => c.width), ...PRIOR_COLS.map((c) => c.width)].join(' ');

export interface Lookup {
  units: UnitDto[];
  projects: ProjectDto[];
  names: { function: Map<string, string>; economic: Map<string, string> };
}

/** The text a cell shows (also what the column filter matches). */
export function cellText(field: LineField, v: string | boolean | null, look: Lookup): string {
  if (v === null || v === '') return '';
  switch (field) {
    case 'unit': {
      const u = look.units.find((x) => x.code === v);
      return u ? `${u.code} ${u.name}` : String(v);
    }
    case 'function':
    case 'economic': {
      const n = look.names[field].get(String(v));
      return n ? `${v} ${n}` : String(v);
    }
    case 'kind':
      return LINE_KIND_NAMES[v as LineKind] ?? String(v);
    case 'source':
      return SOURCE_NAMES[v as Source] ?? String(v);
    case 'carryover':
      return v === true ? '是' : '';
    case 'project': {
      const p = look.projects.find((x) => x.code === v);
      return p ? `${p.code} ${p.name}` : String(v);
    }
    default:
      return String(v);
  }
}

const HEADER_ALIASES: Record<string, LineField> = {
  单位: 'unit',
  预算单位: 'unit',
  单位编码: 'unit',
  单位名称: 'unit',
  功能科目: 'function',
  功能分类: 'function',
  功能分类科目: 'function',
  支出功能分类: 'function',
  支出功能分类科目: 'function',
  经济科目: 'economic',
  经济分类: 'economic',
  经济分类科目: 'economic',
  支出经济分类: 'economic',
  部门预算支出经济分类科目: 'economic',
  支出类型: 'kind',
  类型: 'kind',
  资金来源: 'source',
  来源: 'source',
  上年结转: 'carryover',
  是否上年结转: 'carryover',
  金额: 'amount',
  '金额(元)': 'amount',
  '金额（元）': 'amount',
  项目: 'project',
  项目编码: 'project',
  备注: 'memo',
};

/** Column order of copy and of a pasted block without a header: the grid's own (COLS). */
export const PASTE_ORDER: readonly LineField[] = COLS.map((c) => c.key);

/** Values a 上年结转 cell holds (is / is not carried over, or blank). */
const FLAG_VALUES = new Set(['', '是', '否', '√', '×', 'y', 'n', 'yes', 'no', 'true', 'false']);

/**
 * Which field each pasted column holds, and whether the first row was a header. Without a header the
 * columns follow PASTE_ORDER (the grid's); an optional column (上年结转) counts only when every row holds
 * a flag there — a block copied from elsewhere usually has the amount in that place.
 */
export function pasteColumns(first: string[], rows: string[][] = [first]): { fields: (LineField | null)[]; header: boolean } {
  const mapped = first.map((c) => HEADER_ALIASES[c.trim().replace(/\s/g, '')] ?? null);
  if (mapped.filter(Boolean).length >= 2) return { fields: mapped, header: true };
  const order = PASTE_ORDER.filter((f, i) => {
    if (!COLS[i]!.optionalInPaste) return true;
    return rows.every((r) => FLAG_VALUES.has((r[i] ?? '').trim().toLowerCase()));
  });
  return { fields: first.map((_, i) => order[i] ?? null), header: false };
}

/** Lines as a tab-separated block (PASTE_ORDER), as Excel and this grid's paste read it back. */
export function copyText(lines: readonly LineDto[], look: Lookup): string {
  return lines
    .map((l) =>
      PASTE_ORDER.map((f) => {
        const v = (l as unknown as Record<LineField, string | boolean | null>)[f];
        if (f === 'kind' || f === 'source' || f === 'carryover') return cellText(f, v, look);
        return v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' ');
      }).join('\t'),
    )
    .join('\r\n');
}

function byNameOrCode<T extends { code: string; name: string }>(list: T[], v: string): string {
  const t = v.trim();
  if (list.some((x) => x.code === t)) return t;
  const m = /^(\S+)\s+(.+)$/.exec(t);
  if (m && list.some((x) => x.code === m[1])) return m[1]!;
  const byName = list.filter((x) => x.name === t);
  return byName.length === 1 ? byName[0]!.code : t;
}

function enumValue<T extends string>(keys: readonly T[], names: Record<T, string>, v: string): string {
  const t = v.trim();
  if ((keys as readonly string[]).includes(t)) return t;
  const exact = keys.find((k) => names[k] === t);
  if (exact) return exact;
  // Short forms as clerks type them: 基本 → 基本支出, 一般公共预算 → 一般公共预算拨款.
  const pre = t ? keys.filter((k) => names[k].startsWith(t)) : [];
  return pre.length === 1 ? pre[0]! : t;
}

/** One pasted row as a line input; the engine validates it and names any bad field. */
export function pastedLine(cells: string[], fields: (LineField | null)[], look: Lookup): LineInput {
  const line: LineInput = { unit: '', function: '', economic: '', kind: '', source: '', amount: '', carryover: false, project: null, memo: null };
  fields.forEach((f, i) => {
    const raw = (cells[i] ?? '').trim();
    if (!f) return;
    switch (f) {
      case 'unit':
        line.unit = byNameOrCode(look.units, raw);
        break;
      case 'function':
      case 'economic':
        line[f] = /^\d+/.exec(raw)?.[0] ?? raw;
        break;
      case 'kind':
        line.kind = enumValue(LINE_KINDS, LINE_KIND_NAMES, raw);
        break;
      case 'source':
        line.source = enumValue(SOURCES, SOURCE_NAMES, raw);
        break;
      case 'carryover':
        line.carryover = ['是', 'true', '1', 'y', 'yes', '√'].includes(raw.toLowerCase());
        break;
      case 'amount':
        line.amount = raw;
        break; // the engine reads separators and full-width digits (core/money)
      case 'project':
        line.project = raw === '' ? null : byNameOrCode(look.projects, raw);
        break;
      case 'memo':
        line.memo = raw === '' ? null : raw;
        break;
    }
  });
  // A single unit is the obvious default when the block leaves the unit out.
  if (line.unit === '' && look.units.length === 1) line.unit = look.units[0]!.code;
  return line;
}
