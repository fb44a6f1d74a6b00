// What a line-item sheet's columns mean, as data (spec import-sheets.md): each field the reader fills,
// the clerk's label for it, and the header names it is read from; source and kind names as the
// 一体化 system and clerks print them. One fact in one place: the reader, the preview's drop-downs
// and the CLI's report all read these tables.
import { LINE_KINDS, LINE_KIND_NAMES, SOURCE_NAMES, SOURCES, type LineKind, type Source } from '../model';

export type SourceAmountField = `amount:${Source}`;
/** One amount column per kind (the wide 支出预算明细表): each non-zero cell is one line of that kind. */
export type KindAmountField = `amount-kind:${LineKind}`;
export type SheetField =
  | 'unit'
  | 'unitName'
  | 'function'
  | 'functionName'
  | 'functionClass'
  | 'functionSection'
  | 'functionItem'
  | 'economic'
  | 'economicName'
  | 'kind'
  | 'project'
  | 'projectName'
  | 'source'
  | 'carryover'
  | 'amount'
  | 'rowTotal'
  | 'memo'
  | 'ignored'
  | SourceAmountField
  | KindAmountField;

export const sourceAmountField = (s: Source): SourceAmountField => `amount:${s}`;
export function sourceOfField(f: SheetField | null): Source | null {
  return f && f.startsWith('amount:') ? (f.slice(7) as Source) : null;
}
export const kindAmountField = (k: LineKind): KindAmountField => `amount-kind:${k}`;
export function kindOfField(f: SheetField | null): LineKind | null {
  return f && f.startsWith('amount-kind:') ? (f.slice(12) as LineKind) : null;
}
/** A column whose cells are amounts of lines (one amount column, per source, per kind) or the row's 合计. */
export const isAmountField = (f: SheetField | null): boolean => f === 'amount' || f === 'rowTotal' || sourceOfField(f) !== null || kindOfField(f) !== null;

/** Header names (normalized form, see normalizeHeader) each field is read from. */
const HEADER_NAMES: Record<Exclude<SheetField, SourceAmountField | KindAmountField>, readonly string[]> = {
  unit: ['预算单位', '单位', '单位编码', '单位代码', '预算单位编码', '预算单位代码', 'AGENCY_CODE'],
  unitName: ['单位名称', '预算单位名称', 'AGENCY_NAME'],
  function: [
    '支出功能分类',
    '支出功能分类科目',
    '功能分类科目',
    '功能分类科目编码',
    '功能科目',
    '功能科目编码',
    '科目编码',
    '支出功能分类科目编码',
    '功能分类',
    'EXP_FUNC_CODE',
  ],
  functionName: ['功能分类科目名称', '功能科目名称', '支出功能分类科目名称', '科目名称', 'EXP_FUNC_NAME'],
  functionClass: ['类'],
  functionSection: ['款'],
  functionItem: ['项'],
  economic: [
    '部门预算经济分类',
    '部门预算支出经济分类',
    '部门经济分类',
    '经济分类科目',
    '经济科目',
    '部门预算支出经济分类科目',
    '部门预算经济分类科目',
    '经济分类科目编码',
    '经济科目编码',
    '部门经济分类科目',
    'DEP_BGT_ECO_CODE',
  ],
  economicName: ['经济分类科目名称', '经济科目名称', '部门预算支出经济分类科目名称', '部门经济分类科目名称', 'DEP_BGT_ECO_NAME'],
  kind: ['支出类型', '支出类别', '项目类别', '项目类型'],
  project: ['项目编码', '项目代码', 'PRO_CODE'],
  projectName: ['项目名称', 'PRO_NAME'],
  source: ['资金性质', '资金来源', '经费来源'],
  carryover: ['是否上年结转'],
  amount: ['金额', '预算数', '预算金额', '本年预算', '合计', 'CUR_AMT'],
  rowTotal: [],
  memo: ['备注', '摘要', '用途'],
  // A different classification (政府预算支出经济分类, 501xx–599xx): recognised so it is never read as 经济分类.
  ignored: [
    '政府预算经济分类',
    '政府预算支出经济分类',
    '政府经济分类',
    '政府预算经济分类科目',
    '政府预算支出经济分类科目',
    'GOV_BGT_ECO_CODE',
    'GOV_BGT_ECO_NAME',
  ],
};

/** Kind columns of the wide 支出预算明细表 (spec "One column per kind"): 人员经费 and 公用经费 are both 基本支出. */
const KIND_COLUMN_NAMES: Record<LineKind, readonly string[]> = {
  basic: [
    '基本支出',
    '人员经费',
    '公用经费',
    '工资福利支出',
    '商品和服务支出',
    '对个人和家庭的补助',
    '对个人和家庭的补助支出',
    '人员支出',
    '公用支出',
    '日常公用经费',
  ],
  project: ['项目支出'],
  operating: ['经营支出'],
  remit: ['上解上级支出'],
  subsidy: ['对附属单位补助支出'],
};

/** Group cells of a two-row header: the sub-header under them is read instead. */
export const GROUP_HEADERS: ReadonlySet<string> = new Set(['资金来源', '本年预算', '资金性质', '经费来源', '预算数', '本年预算数']);

/** Source names (normalized) → source. 单位资金 is ambiguous and handled apart (AMBIGUOUS_SOURCE). */
const SOURCE_ALIASES: Record<Source, readonly string[]> = {
  general: ['一般公共预算', '一般公共预算拨款', '一般公共预算资金', '一般公共预算财政拨款'],
  fund: ['政府性基金预算', '政府性基金预算拨款', '政府性基金预算资金', '政府性基金', '政府性基金预算财政拨款'],
  soe: ['国有资本经营预算', '国有资本经营预算拨款', '国有资本经营预算资金', '国有资本经营预算财政拨款'],
  special: ['财政专户管理资金', '财政专户管理资金收入'],
  business: ['事业收入'],
  operating: ['事业单位经营收入', '经营收入'],
  superior: ['上级补助收入'],
  affiliate: ['附属单位上缴收入'],
  other: ['其他收入', '其他资金'],
};
export const AMBIGUOUS_SOURCE = '单位资金';
export const CARRYOVER_MARK = '上年结转';

/** kind names, including the 一体化 project classes; `dropsProject`: the class's project codes are not disclosure projects. */
const KIND_ALIASES: readonly { names: readonly string[]; kind: LineKind; dropsProject?: boolean }[] = [
  { names: ['基本支出', '基本'], kind: 'basic' },
  { names: ['项目支出', '项目'], kind: 'project' },
  { names: ['经营支出'], kind: 'operating' },
  { names: ['上解上级支出'], kind: 'remit' },
  { names: ['对附属单位补助支出'], kind: 'subsidy' },
  {
    names: ['人员类项目', '人员类', '人员经费', '运转类项目', '运转类', '公用经费', '公用经费运转类项目', '运转类公用经费项目', '运转类项目公用经费'],
    kind: 'basic',
    dropsProject: true,
  },
  { names: ['其他运转类项目', '其他运转类', '特定目标类项目', '特定目标类'], kind: 'project' },
];

/** Header text as matched: NFKC (full-width → half-width), no spaces, no bracketed remarks, latin upper-case. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toUpperCase();
}

const FIELD_BY_NAME = new Map<string, SheetField>();
for (const [field, names] of Object.entries(HEADER_NAMES)) for (const n of names) FIELD_BY_NAME.set(normalizeHeader(n), field as SheetField);
const SOURCE_BY_NAME = new Map<string, Source>();
for (const s of SOURCES) for (const n of [...SOURCE_ALIASES[s], SOURCE_NAMES[s]]) SOURCE_BY_NAME.set(normalizeHeader(n), s);
for (const k of LINE_KINDS) for (const n of KIND_COLUMN_NAMES[k]) FIELD_BY_NAME.set(normalizeHeader(n), kindAmountField(k));
const KIND_BY_NAME = new Map<string, { kind: LineKind; dropsProject: boolean }>();
for (const a of KIND_ALIASES) for (const n of a.names) KIND_BY_NAME.set(normalizeHeader(n), { kind: a.kind, dropsProject: !!a.dropsProject });

/** The field a header names by itself (no context), or null. Source and kind names answer their per-source / per-kind amount field. */
export function fieldOfHeader(text: string): SheetField | null {
  const n = normalizeHeader(text);
  if (n === '') return null;
  const f = FIELD_BY_NAME.get(n);
  if (f) return f;
  const s = SOURCE_BY_NAME.get(n);
  return s ? sourceAmountField(s) : null;
}

/** Memoised: asked of every row's source cell. */
export const isAmbiguousSource = memo((text: string): boolean => normalizeHeader(text) === AMBIGUOUS_SOURCE);

/** Memoised by text: a sheet repeats a handful of source and kind names over thousands of rows. */
function memo<T>(f: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined && !cache.has(text)) {
      v = f(text);
      if (cache.size < 1000) cache.set(text, v);
    }
    return v as T;
  };
}

/** A source cell: source and whether it names 上年结转; null when unknown. */
export const sourceOfText = memo(sourceOfTextRaw);
function sourceOfTextRaw(text: string): { source: Source; carryover: boolean } | null {
  const raw = text.normalize('NFKC');
  const carryover = raw.includes(CARRYOVER_MARK);
  const bare = normalizeHeader(raw.replace(CARRYOVER_MARK, '').replace(/[()]/g, ' ')).replace(/^\d+/, '');
  const s = SOURCE_BY_NAME.get(bare);
  return s ? { source: s, carryover } : null;
}

/** A kind cell ("基本支出", "3 特定目标类项目", "[1]人员类项目"): kind, or null when unknown. */
export const kindOfText = memo(kindOfTextRaw);
function kindOfTextRaw(text: string): { kind: LineKind; dropsProject: boolean } | null {
  const bare = normalizeHeader(text.replace(/^\s*[[【(（]?\s*\d+\s*[\]】)）.、]?\s*/, ''));
  return KIND_BY_NAME.get(bare) ?? null;
}

/** The clerk's name for each field (drop-downs, reports, messages). */
export const SHEET_FIELD_LABELS: Record<SheetField, string> = {
  unit: '预算单位',
  unitName: '单位名称',
  function: '支出功能分类科目',
  functionName: '功能分类科目名称',
  functionClass: '功能分类（类）',
  functionSection: '功能分类（款）',
  functionItem: '功能分类（项）',
  economic: '部门预算支出经济分类科目',
  economicName: '经济分类科目名称',
  kind: '支出类型',
  project: '项目编码',
  projectName: '项目名称',
  source: '资金来源',
  carryover: '是否上年结转',
  amount: '金额',
  rowTotal: '合计（核对各分列之和）',
  memo: '备注',
  ignored: '不导入',
  ...(Object.fromEntries(SOURCES.map((s) => [sourceAmountField(s), `金额（${SOURCE_NAMES[s]}）`])) as Record<SourceAmountField, string>),
  ...(Object.fromEntries(LINE_KINDS.map((k) => [kindAmountField(k), `金额（${LINE_KIND_NAMES[k]}）`])) as Record<KindAmountField, string>),
};

/** Every field in drop-down order. */
export const SHEET_FIELDS: readonly SheetField[] = [
  'unit',
  'unitName',
  'function',
  'functionName',
  'functionClass',
  'functionSection',
  'functionItem',
  'economic',
  'economicName',
  'kind',
  'project',
  'projectName',
  'source',
  'carryover',
  'amount',
  ...LINE_KINDS.map(kindAmountField),
  ...SOURCES.map(sourceAmountField),
  'rowTotal',
  'memo',
  'ignored',
];

export const isSheetField = (v: unknown): v is SheetField => typeof v === 'string' && (SHEET_FIELDS as readonly string[]).includes(v);

/** The kinds' and sources' Chinese names, re-exported for reports. */
export { LINE_KIND_NAMES, SOURCE_NAMES };
