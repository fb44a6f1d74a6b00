// Reading one object of a budget file: problems gathered with their Chinese places (spec/budget-file.md).
import type { Fen } from '../money';
import { parseYuan } from '../money';
import type { Source } from '../model';
import { SOURCES } from '../model';
import { SOURCE_LIST, describe, isPlainObject } from '../validate-line';

/** One problem of a rejected file: `place` as the clerk reads it ("第 4 条明细的金额"); `path` the JSON path (lines[3].amount), for tools only. */
/** `rule`: problems breaking the same rule share it (its text, said once) and name their `item`, so a message
 *  lists 23 bad codes as one rule with a count and the first few items. */
export interface Problem {
  place: string;
  reason: string;
  path: string;
  rule?: { text: string; item: string };
}

export type Obj = Record<string, unknown>;

export const BUDGET_FILE_FORMAT = 'dept-budget/1';

/** The top-level keys of the format; any other key is kept as it is (Budget.extra). */
/** How the clerk calls the top-level keys. */
export const TOP_LABELS: Record<string, string> = {
  year: '预算年度',
  department: '部门',
  units: '预算单位列表',
  lines: '明细列表',
  projects: '项目列表',
  procurement: '政府采购列表',
  assets: '固定资产列表',
  assetsAsOf: '资产统计日期',
  priorYear: '上年数',
  names: '科目名称',
  narrative: '情况说明',
  control: '控制数',
};

export const KNOWN_KEYS = [
  'format',
  'year',
  'department',
  'units',
  'lines',
  'projects',
  'procurement',
  'assets',
  'assetsAsOf',
  'priorYear',
  'names',
  'narrative',
  'control',
] as const;

/** Codes given more than once in a list (units, projects), each reported once at its second place. */
export function reportDuplicates(P: Problems, indexByCode: Map<string, number[]>, list: string, placeOf: (rows: string) => string, label: string): void {
  for (const [code, idx] of indexByCode) {
    if (idx.length > 1) P.add(`${list}[${idx[1]}].code`, placeOf(idx.map((i) => i + 1).join('、')), `${label} ${code} 重复`);
  }
}

/** Plain assignment of "__proto__" would change the prototype instead of keeping the key. */
export function setOwn(o: object, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

export class Problems {
  readonly list: Problem[] = [];
  add(path: string, place: string, reason: string, rule?: Problem['rule']): void {
    this.list.push(rule ? { path, place, reason, rule } : { path, place, reason });
  }
}

/** Reads fields of one object of the file, recording problems with Chinese places. */
export class Reader {
  constructor(
    private readonly p: Problems,
    private readonly obj: Obj,
    private readonly path: string,
    private readonly placeZh: string,
    private readonly labels: Record<string, string>,
  ) {}
  private at(key: string): [string, string] {
    const label = this.labels[key] ?? key;
    // "部门编码", not "部门的部门编码".
    const place = this.placeZh && !label.startsWith(this.placeZh) ? `${this.placeZh}的${label}` : label;
    return [this.path ? `${this.path}.${key}` : key, place];
  }
  bad(key: string, reason: string, rule?: Problem['rule']): void {
    const [p, z] = this.at(key);
    this.p.add(p, z, reason, rule);
  }
  /** Keys not in `labels` are refused: they would be lost on export. */
  noUnknownKeys(): void {
    for (const k of Object.keys(this.obj)) if (!Object.hasOwn(this.labels, k)) this.p.add(`${this.path}.${k}`, this.placeZh, `未知字段“${k}”`);
  }
  str(key: string, opts: { required?: boolean; numberOk?: boolean } = {}): string {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.bad(key, '不能为空');
      return '';
    }
    if (typeof v === 'number' && opts.numberOk && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') {
      this.bad(key, `必须是文本，实际是${describe(v)}`);
      return '';
    }
    if (opts.required && v.trim() === '') this.bad(key, '不能为空');
    return v;
  }
  code(key: string): string {
    const v = this.obj[key];
    if (typeof v === 'number') {
      this.bad(key, `编码必须写成文本（如 "${v}"），不能是数字`);
      return '';
    }
    const s = this.str(key, { required: true });
    if (s && s.trim() !== s) this.bad(key, `编码“${s}”前后不能有空格`);
    return s;
  }
  amount(key: string, opts: { nullable?: boolean; allowZero?: boolean } = {}): Fen | null {
    const v = this.obj[key];
    if (v === undefined || v === null || (opts.nullable && v === '')) {
      if (!opts.nullable) this.bad(key, '缺少金额');
      return null;
    }
    if (typeof v === 'number') {
      this.bad(key, `金额必须写成文本（如 "41650.50"），不能是数字 ${v}`);
      return null;
    }
    const r = parseYuan(v, { allowZero: opts.allowZero });
    if (!r.ok) {
      this.bad(key, r.reason);
      return null;
    }
    return r.fen;
  }
  bool(key: string): boolean {
    const v = this.obj[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') {
      this.bad(key, `必须是 true 或 false，实际是${describe(v)}`);
      return false;
    }
    return v;
  }
  int(key: string, min: number, max: number): number | null {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      this.bad(key, '不能为空');
      return null;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.bad(key, `必须是 ${min}–${max} 之间的整数年份，实际是${describe(v)}`);
      return null;
    }
    return v;
  }
  source(key: string): Source {
    const v = this.obj[key];
    if (v === undefined || v === null || v === '') return 'general';
    if (!(SOURCES as readonly unknown[]).includes(v)) {
      this.bad(key, `${describe(v)} 不是有效的资金来源，应为${SOURCE_LIST}之一`);
      return 'general';
    }
    return v as Source;
  }
  /** An array field; absent → []. */
  arr(key: string, required = false): unknown[] {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (required) this.bad(key, '缺少此项（应为数组）');
      return [];
    }
    if (!Array.isArray(v)) {
      this.bad(key, `必须是数组，实际是${describe(v)}`);
      return [];
    }
    return v;
  }
  /**
   * Each element of an array of objects, read by its own Reader (unknown keys refused); an element that is
   * not an object is reported at its place (`shape` says what it should be) and skipped.
   */
  eachObject(
    key: string,
    opts: { required?: boolean; shape?: string; placeOf: (i: number) => string; labels: Record<string, string> },
    read: (r: Reader, raw: Obj, i: number, path: string, place: string) => void,
  ): void {
    this.arr(key, opts.required).forEach((raw, i) => {
      const path = `${this.path ? `${this.path}.` : ''}${key}[${i}]`;
      const place = opts.placeOf(i);
      if (!isPlainObject(raw)) {
        this.p.add(path, place, `必须是${opts.shape ?? '对象'}，实际是${describe(raw)}`);
        return;
      }
      const r = new Reader(this.p, raw, path, place, opts.labels);
      r.noUnknownKeys();
      read(r, raw, i, path, place);
    });
  }
  strList(key: string): string[] {
    const out: string[] = [];
    this.arr(key).forEach((v, i) => {
      if (typeof v === 'string') out.push(v);
      else {
        const [p, z] = this.at(key);
        this.p.add(`${p}[${i}]`, `${z}第 ${i + 1} 项`, `必须是文本，实际是${describe(v)}`);
      }
    });
    return out;
  }
}
