import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_LEVELS, type CatalogKind } from '../core/catalog';
import { builtinCatalog, builtinCatalogYears, functionClassOrder, nearestBuiltinYear, parseCatalogTsv } from '../core/catalogs/builtin';

const SHARED = resolve(__dirname, 'shared');
const referenceText = (): string => {
  const dir = resolve(SHARED, 'reference');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(resolve(dir, f), 'utf8'))
    .join('\n');
};
const fixture = JSON.parse(readFileSync(resolve(SHARED, 'fixtures/711-2025.budget.json'), 'utf8')) as { lines: { function: string; economic: string }[] };

describe('built-in catalogs', () => {
  it('bundles 2025 and nothing it cannot load', () => {
    expect(builtinCatalogYears()).toContain(2025);
    for (const y of builtinCatalogYears()) {
      expect(builtinCatalog(y, 'function')!.length).toBeGreaterThan(0);
      expect(builtinCatalog(y, 'economic')!.length).toBeGreaterThan(0);
      expect(functionClassOrder(y)!.length).toBeGreaterThan(0);
    }
    expect(builtinCatalog(1999, 'function')).toBeNull();
    expect(functionClassOrder(1999)).toBeNull();
    expect(nearestBuiltinYear(2031)).toBe(Math.max(...builtinCatalogYears()));
    expect(nearestBuiltinYear(1999)).toBe(Math.min(...builtinCatalogYears()));
  });

  for (const kind of ['function', 'economic'] as CatalogKind[]) {
    it(`${kind} 2025 is well-formed: unique digit codes of the right lengths, every parent present, clean names`, () => {
      const entries = builtinCatalog(2025, kind)!;
      const codes = new Set<string>();
      const levels = CODE_LEVELS[kind];
      for (const e of entries) {
        expect(e.origin).toBe('builtin');
        expect(e.code).toMatch(/^\d+$/);
        expect(levels).toContain(e.code.length);
        expect(e.code[0]).toBe(kind === 'function' ? '2' : '3');
        expect(codes.has(e.code), `duplicate ${e.code}`).toBe(false);
        codes.add(e.code);
        expect(e.name, e.code).toBe(e.name.trim());
        expect(e.name, e.code).not.toMatch(/[\t\r\n]|^$/);
        // Official names use full-width brackets.
        expect(e.name, e.code).not.toMatch(/[()]/);
      }
      for (const e of entries) {
        const i = levels.indexOf(e.code.length);
        if (i > 0) expect(codes.has(e.code.slice(0, levels[i - 1])), `parent of ${e.code} ${e.name}`).toBe(true);
      }
      const sorted = entries.map((e) => e.code);
      expect(sorted).toEqual([...sorted].sort());
    });
  }

  it('function 2025 has every 类 of 收支总表, their 款, and at least 400 项', () => {
    const entries = builtinCatalog(2025, 'function')!;
    const classes = entries.filter((e) => e.code.length === 3);
    const kuan = entries.filter((e) => e.code.length === 5);
    const xiang = entries.filter((e) => e.code.length === 7);
    const order = functionClassOrder(2025)!;
    expect(order).toHaveLength(30);
    expect(order.map((c) => c.code)).toEqual([...order.map((c) => c.code)].sort());
    expect(classes.map((c) => [c.code, c.name])).toEqual(order.map((c) => [c.code, c.name]));
    // The shared list is the source of the print order; ours must not drift from it.
    const shared = parseCatalogTsv(readFileSync(resolve(SHARED, 'catalog/function-classes.tsv'), 'utf8'));
    expect(order).toEqual(shared);
    // Every 类 except 预备费 is divided into 款.
    for (const c of classes) {
      if (c.code === '227') continue;
      expect(
        kuan.some((k) => k.code.startsWith(c.code)),
        `${c.code} ${c.name} has no 款`,
      ).toBe(true);
    }
    expect(kuan.length).toBeGreaterThanOrEqual(150);
    expect(xiang.length).toBeGreaterThanOrEqual(400);
  });

  it('economic 2025 equals the shared 部门预算支出经济分类 list', () => {
    const shared = parseCatalogTsv(readFileSync(resolve(SHARED, 'catalog/economic-dept.tsv'), 'utf8'));
    expect(builtinCatalog(2025, 'economic')!.map(({ code, name }) => ({ code, name }))).toEqual(shared.sort((a, b) => (a.code < b.code ? -1 : 1)));
  });

  it('holds every code of the reference budget, under the names the reference disclosure prints', () => {
    const fn = new Map(builtinCatalog(2025, 'function')!.map((e) => [e.code, e.name]));
    const ec = new Map(builtinCatalog(2025, 'economic')!.map((e) => [e.code, e.name]));
    for (const l of fixture.lines) {
      expect(fn.has(l.function), `function ${l.function}`).toBe(true);
      expect(ec.has(l.economic), `economic ${l.economic}`).toBe(true);
    }
    // Table rows of the disclosure: "<row> <code> <name> <amounts…>".
    const printed = new Map<string, string>();
    for (const m of referenceText().matchAll(/^\d+ (\d{3}|\d{5}|\d{7}) ([^\s\d]+)/gm)) printed.set(m[1]!, m[2]!);
    expect(printed.size).toBeGreaterThan(10);
    for (const [code, name] of printed) {
      const catalog = code.startsWith('2') ? fn : ec;
      expect(catalog.get(code), code).toBe(name);
    }
    // 收支总表 prints the 类 as "一、一般公共服务支出" … "三十、抗疫特别国债安排的支出": same names, same order.
    const digits = '一二三四五六七八九';
    const numeral = (n: number): string =>
      n < 10 ? digits[n - 1]! : `${n >= 20 ? digits[Math.floor(n / 10) - 1] : ''}十${n % 10 ? digits[(n % 10) - 1] : ''}`;
    functionClassOrder(2025)!.forEach((c, i) => expect(referenceText(), c.name).toContain(`${numeral(i + 1)}、${c.name}`));
    expect(referenceText()).toContain('三十一、人行科目');
  });

  it('spot-checks official names departments use every year', () => {
    const fn = new Map(builtinCatalog(2025, 'function')!.map((e) => [e.code, e.name]));
    const expected: Record<string, string> = {
      '2010101': '行政运行',
      '2010102': '一般行政管理事务',
      '2010103': '机关服务',
      '2010150': '事业运行',
      '2010199': '其他人大事务支出',
      '2012901': '行政运行',
      '2012902': '一般行政管理事务',
      '2080501': '行政单位离退休',
      '2080505': '机关事业单位基本养老保险缴费支出',
      '2080506': '机关事业单位职业年金缴费支出',
      '2101101': '行政单位医疗',
      '2101102': '事业单位医疗',
      '2101103': '公务员医疗补助',
      '2210201': '住房公积金',
      '2210202': '提租补贴',
      '2210203': '购房补贴',
      '227': '预备费',
      '229': '其他支出',
      '230': '转移性支出',
      '2050201': '学前教育',
      '2050202': '小学教育',
      '2050203': '初中教育',
      '2050204': '高中教育',
    };
    for (const [code, name] of Object.entries(expected)) expect(fn.get(code), code).toBe(name);
  });

  it('hands out copies: a caller mutating its list does not change the next one', () => {
    const a = builtinCatalog(2025, 'function')!;
    a[0]!.name = 'changed';
    a.pop();
    const b = builtinCatalog(2025, 'function')!;
    expect(b[0]!.name).not.toBe('changed');
    expect(b.length).toBe(a.length + 1);
  });

  it('refuses a malformed data line (a packaging bug, not user input)', () => {
    expect(() => parseCatalogTsv('201\t一般公共服务支出\n20101 人大事务\n', 'x.tsv')).toThrow(/line 2/);
    expect(parseCatalogTsv('\uFEFF# comment\n\n201\t一般公共服务支出\r\n')).toEqual([{ code: '201', name: '一般公共服务支出' }]);
  });
});
