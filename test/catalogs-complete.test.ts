// Issue 12 §2: the codes real budgets use. Every 款 a department books to has a 项; the codes confirmed
// in published disclosures are built in; a budget using them imports without `names` and without a
// warning (real CLI process); an existing database picks up new built-in codes and keeps the clerk's own.
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { builtinCatalog } from '../core/catalogs/builtin';
import { getCatalogs } from '../db/catalogs';
import { openDatabase } from '../db/open';
import { useCli } from './helpers/cli';
import { fixtureDoc } from './helpers/fixture';

const fx = useCli();
const CONFIRMED: Record<string, string> = {
  '2013901': '行政运行',
  '2013950': '事业运行',
  '2013999': '其他社会工作事务支出',
  '2049999': '其他公共安全支出',
  '2089999': '其他社会保障和就业支出',
  '2109999': '其他卫生健康支出',
  '2290804': '福利彩票销售机构的业务费支出',
  '22006': '耕地保护考核奖惩基金支出',
};
// 转移性支出, 债务还本/付息/发行费用 and 抗疫特别国债 are booked by the finance bureau's 总预算, not by a department.
const NOT_DEPARTMENTAL = ['230', '231', '232', '233', '234'];

describe('the 2025 function catalog', () => {
  const entries = builtinCatalog(2025, 'function')!;
  const byCode = new Map(entries.map((e) => [e.code, e]));

  test('every 款 a department can book to has at least one 项', () => {
    const kuan = entries.filter((e) => e.code.length === 5 && !NOT_DEPARTMENTAL.includes(e.code.slice(0, 3)));
    const bare = kuan.filter((k) => !entries.some((e) => e.code.length === 7 && e.code.startsWith(k.code))).map((k) => `${k.code} ${k.name}`);
    expect(bare).toEqual([]);
    expect(kuan.length).toBeGreaterThan(200);
  });

  test('holds the codes confirmed in published disclosures, under their names, not marked 待核实', () => {
    for (const [code, name] of Object.entries(CONFIRMED)) {
      expect(byCode.get(code), code).toMatchObject({ code, name });
      expect(byCode.get(code)!.unconfirmed, code).toBeUndefined();
    }
    expect(byCode.get('220')?.name).toBe('自然资源海洋气象等支出');
    expect(entries.some((e) => e.code.length === 7 && e.code.startsWith('22006'))).toBe(true);
  });

  test('the catch-all 项 of a 款: <款>99; under a “其他…” 款 (ending 99) it repeats the 款 name', () => {
    for (const e of entries.filter((x) => x.code.length === 7 && x.code.endsWith('99'))) {
      const k = byCode.get(e.code.slice(0, 5))!;
      if (k.code.endsWith('99')) expect(e.name, e.code).toBe(k.name);
      // Official exceptions exist (2082699 财政对其他基本养老保险基金的补助); the ones we filled in follow the pattern.
      else if (e.unconfirmed) expect(e.name, e.code).toMatch(/^其他.*支出$/);
    }
  });

  test('names not confirmed are marked in the data file and read as such', () => {
    expect(byCode.get('2014004')).toMatchObject({ name: '信访业务', unconfirmed: true });
    expect(byCode.get('2010101')!.unconfirmed).toBeUndefined();
    expect(entries.filter((e) => e.unconfirmed).length).toBeGreaterThan(50);
  });
});

describe('a budget that uses them', () => {
  test('imports through the CLI without `names` and without any warning', () => {
    const doc = fixtureDoc();
    delete doc.names;
    const codes = ['2013901', '2013950', '2013999', '2049999', '2089999', '2109999', '2290804'];
    doc.lines = codes.map((fn, i) => ({
      unit: '711001',
      function: fn,
      economic: '30201',
      kind: 'basic',
      source: i === 6 ? 'fund' : 'general',
      amount: `${100 + i}.00`,
    }));
    const file = fx.tmp.file('codes.budget.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = fx.budget('import', file, '--db', fx.tmp.file('codes.db'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('警告');
    expect(r.out).toContain('7 条明细');
  });
});

describe('an existing database', () => {
  test('gets the new built-in codes when opened; codes the clerk added keep their name and origin', () => {
    const path = fx.tmp.file('old.db');
    let db = openDatabase(path);
    // As a database seeded by an earlier build: without the new codes, with the clerk's own 2013950.
    db.sqlite.prepare(`DELETE FROM catalogs WHERE year = 2025 AND kind = 'function' AND code IN ('2089999', '2013950', '2014004')`).run();
    db.sqlite.prepare(`INSERT INTO catalogs (year, kind, code, name, origin) VALUES (2025, 'function', '2013950', '社会工作事业运行（本地）', 'manual')`).run();
    db.sqlite.prepare(`UPDATE settings SET value = 'old' WHERE key = 'builtin-catalog:2025:function'`).run();
    db.close();

    db = openDatabase(path);
    try {
      const fn = getCatalogs(db, 2025).function;
      expect(fn.get('2089999')).toMatchObject({ name: '其他社会保障和就业支出', origin: 'builtin' });
      expect(fn.get('2014004')).toMatchObject({ name: '信访业务', origin: 'builtin', unconfirmed: true });
      expect(fn.get('2013950')).toEqual({ code: '2013950', name: '社会工作事业运行（本地）', origin: 'manual' });
    } finally {
      db.close();
    }
  });
});
