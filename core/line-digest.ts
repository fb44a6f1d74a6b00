// What the tables, the checks and the 控制数 view need to know about a budget's lines, without the lines:
// their sums at a few coarse grains. A 300,000-line budget has tens of thousands of groups at most, so a
// view that reads the digest does not grow with the lines. The database keeps the same sums by trigger
// (db/line-aggregates.ts); digestOf computes them from lines in memory (budget files, tests) — one
// definition of each grain, LINE_GRAINS, for both.
import type { Fen } from './money';
import { FISCAL_SOURCES, PERSONNEL_CLASSES, type Line, type LineKind, type Source } from './model';
import { ExactSum } from './tables/derive/slots';

/** The line fields a grain can group by; `project` is '' for a line of no project. */
export type DigestField = 'function' | 'economic' | 'unit' | 'project' | 'kind' | 'source' | 'carryover';

/** The grains: which fields each groups by, and which lines it holds. */
export const LINE_GRAINS = {
  /** 支出功能分类 tables: per function code and slot. */
  byFunction: { fields: ['function', 'kind', 'source', 'carryover'] },
  /** 经济分类 tables, 三公, 人员/公用: per economic code and slot. */
  byEconomic: { fields: ['economic', 'kind', 'source', 'carryover'] },
  /** The function–economic pairs of budget policy. */
  pairs: { fields: ['function', 'economic'] },
  /** Projects, units and 控制数 cells: per unit, project and slot. */
  cells: { fields: ['unit', 'project', 'kind', 'source', 'carryover'] },
  /** 机关运行经费 (which depends on the unit's nature, so per unit): 基本支出 of 财政拨款 outside 人员经费. */
  admin: { fields: ['unit', 'economic'], onlyKind: 'basic', fiscalOnly: true, publicUseOnly: true },
} as const satisfies Record<string, GrainSpec>;

/** A grain: the fields it groups by, and which lines it holds (all, unless narrowed). */
export interface GrainSpec {
  fields: readonly DigestField[];
  onlyKind?: LineKind;
  /** Only 财政拨款 (FISCAL_SOURCES). */
  fiscalOnly?: boolean;
  /** Only economic codes outside 人员经费 (PERSONNEL_CLASSES). */
  publicUseOnly?: boolean;
}

/** Whether a grain holds the line. */
export function inGrain(g: GrainSpec, l: Pick<Line, 'kind' | 'source' | 'economic'>): boolean {
  return (
    (!g.onlyKind || l.kind === g.onlyKind) &&
    (!g.fiscalOnly || FISCAL_SOURCES.includes(l.source)) &&
    (!g.publicUseOnly || !PERSONNEL_CLASSES.some((c) => l.economic.startsWith(c)))
  );
}

export type GrainName = keyof typeof LINE_GRAINS;
export const GRAIN_NAMES = Object.keys(LINE_GRAINS) as GrainName[];

/** One group of lines at a grain: its key fields by name (fields the grain does not group by are '', and kind
 *  is the grain's only kind if it has one), the lines' sum, their count and how many are ≤ 0. */
export interface Group {
  unit: string;
  function: string;
  economic: string;
  /** '' when the lines name no project. */
  project: string;
  kind: LineKind;
  source: Source;
  carryover: boolean;
  amount: Fen;
  n: number;
  /** Lines of amount ≤ 0 (line.amount-not-positive; the database stores none below 0). */
  zeros: number;
}

/** Per grain, its groups: only groups that hold lines (n ≥ 1), whether computed or read from the database. */
export type LineDigest = Record<GrainName, Group[]>;

/** A field of a line (or group) as a grain stores it. */
export function fieldOf(l: Pick<Line, 'unit' | 'function' | 'economic' | 'kind' | 'source' | 'carryover' | 'project'>, f: DigestField): string | number {
  switch (f) {
    case 'project':
      return l.project ?? '';
    case 'carryover':
      return l.carryover ? 1 : 0;
    default:
      return l[f];
  }
}

const SEP = '\u0001';
/** One string for a tuple of field values (a Map key, and the key the database matches lines by). */
export const tupleKey = (values: readonly (string | number)[]): string => values.join(SEP);
/** The text values of a tupleKey (LineMatch fields are text fields). */
export const splitKey = (key: string): string[] => key.split(SEP);

/** An empty group of a grain, its key fields to be set. */
export function blankGroup(grain: GrainName): Group {
  const g: GrainSpec = LINE_GRAINS[grain];
  return {
    unit: '',
    function: '',
    economic: '',
    project: '',
    kind: g.onlyKind ?? ('' as LineKind),
    source: '' as Source,
    carryover: false,
    amount: 0n,
    n: 0,
    zeros: 0,
  };
}

/** Groups lines at each grain: the same groups as the database's aggregates hold (in first-seen order). Each
 *  field's values are numbered once (their strings' hashes are cached, so that is cheap); a group's key is
 *  then one number made from its fields' numbers, and sums are exact numbers with no bigint per line — a
 *  300,000-line import runs this for all five grains. */
export function digestOf(lines: readonly Line[]): LineDigest {
  const n = lines.length;
  const fieldIds = {} as Record<DigestField, { at: Int32Array; count: number }>;
  for (const f of ['function', 'economic', 'unit', 'project', 'kind', 'source', 'carryover'] as const) {
    const ids = new Map<string | number, number>();
    const at = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = fieldOf(lines[i]!, f);
      let id = ids.get(v);
      if (id === undefined) ids.set(v, (id = ids.size));
      at[i] = id;
    }
    fieldIds[f] = { at, count: ids.size };
  }
  // Each amount converted once (the parser caps a line far below 2^53 分; a larger one goes the bigint way).
  const amounts = new Float64Array(n);
  const big: (bigint | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const a = lines[i]!.amount;
    if (a <= MAX_SAFE_FEN && a >= -MAX_SAFE_FEN) amounts[i] = Number(a);
    else big[i] = a;
  }
  const out = {} as LineDigest;
  for (const name of GRAIN_NAMES) {
    const g: GrainSpec = LINE_GRAINS[name];
    const cols = g.fields.map((f) => fieldIds[f]);
    // Mixed radix over the fields' value counts: exact below 2^53 (always, for budgets the parser accepts).
    const radix = cols.reduce((p, c) => p * Math.max(1, c.count), 1);
    if (radix > Number.MAX_SAFE_INTEGER) throw new Error('digestOf: too many distinct values to key');
    const groups = new Map<number, { group: Group; sum: ExactSum }>();
    for (let i = 0; i < n; i++) {
      const l = lines[i]!;
      if (!inGrain(g, l)) continue;
      let k = 0;
      for (const c of cols) k = k * c.count + c.at[i]!;
      let r = groups.get(k);
      if (!r) {
        const group = blankGroup(name);
        for (const f of g.fields) (group as unknown as Record<string, unknown>)[f] = f === 'project' ? (l.project ?? '') : l[f];
        groups.set(k, (r = { group, sum: new ExactSum() }));
      }
      const b = big[i];
      if (b === undefined) r.sum.addNumber(amounts[i]!);
      else r.sum.add(b);
      r.group.n++;
      if (b === undefined ? amounts[i]! <= 0 : b <= 0n) r.group.zeros++;
    }
    out[name] = [...groups.values()].map(({ group, sum }) => ((group.amount = sum.value), group));
  }
  return out;
}
const MAX_SAFE_FEN = BigInt(Number.MAX_SAFE_INTEGER);

const inGrainAll = (g: GrainSpec): boolean => !g.onlyKind && !g.fiscalOnly && !g.publicUseOnly;

/** The distinct value tuples of `fields` among the lines, from the first grain that holds them all. */
export function distinctTuples(d: LineDigest, fields: readonly DigestField[]): (string | number)[][] {
  // Several rules ask for the same fields of the same digest: made once.
  let memo = tupleMemo.get(d);
  if (!memo) tupleMemo.set(d, (memo = new Map()));
  const k = fields.join(',');
  let t = memo.get(k);
  if (!t) memo.set(k, (t = tuplesOf(d, fields)));
  return t;
}
const tupleMemo = new WeakMap<LineDigest, Map<string, (string | number)[][]>>();

function tuplesOf(d: LineDigest, fields: readonly DigestField[]): (string | number)[][] {
  const holds = GRAIN_NAMES.filter((n) => inGrainAll(LINE_GRAINS[n]) && fields.every((f) => (LINE_GRAINS[n].fields as readonly string[]).includes(f)));
  // A grain of exactly these fields has one group per tuple already.
  const exact = holds.find((n) => LINE_GRAINS[n].fields.length === fields.length);
  if (exact) return d[exact].map((g) => fields.map((f) => fieldOf(g, f)));
  const grain = holds[0];
  if (!grain) throw new Error(`no line grain holds ${fields.join(', ')}`);
  const seen = new Map<string, (string | number)[]>();
  for (const g of d[grain]) {
    const t = fields.map((f) => fieldOf(g, f));
    const k = tupleKey(t);
    if (!seen.has(k)) seen.set(k, t);
  }
  return [...seen.values()];
}

/** Lines a rule names, found by the values of some fields. */
export interface LineMatch {
  /** Text fields only (a key's values come back as text). */
  fields: readonly Exclude<DigestField, 'carryover'>[];
  /** tupleKey of each wanted tuple of `fields`. */
  keys: ReadonlySet<string>;
  /** Only lines of this year's money (not 上年结转). */
  currentOnly?: boolean;
}

/** The lines of a budget as the rules reach them: the digest, and the few lines a finding names. */
export interface LineSource {
  digest: LineDigest;
  /** True when the digest is kept by the database (cheap to read); false: computed from lines in memory. */
  stored: boolean;
  lineCount: number;
  /** The matching lines with their 0-based position in the budget's line order, in that order. */
  matching(m: LineMatch): { line: Line; index: number }[];
  /** The lines of amount ≤ 0, with their positions. */
  zeroAmount(): { line: Line; index: number }[];
}

/** A LineSource over lines in memory (a budget file, a test): the digest computed once, matches filtered. */
export function linesInMemory(lines: readonly Line[]): LineSource {
  let digest: LineDigest | undefined;
  const pick = (keep: (l: Line) => boolean) => {
    const out: { line: Line; index: number }[] = [];
    for (let i = 0; i < lines.length; i++) if (keep(lines[i]!)) out.push({ line: lines[i]!, index: i });
    return out;
  };
  return {
    get digest() {
      return (digest ??= digestOf(lines));
    },
    stored: false,
    lineCount: lines.length,
    matching: (m) => pick((l) => !(m.currentOnly && l.carryover) && m.keys.has(tupleKey(m.fields.map((f) => fieldOf(l, f))))),
    zeroAmount: () => pick((l) => l.amount <= 0n),
  };
}
