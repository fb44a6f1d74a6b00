// Imports under bad input, through the real handlers and a real database: the budget file (random
// mutations of the reference fixture, at the JSON level and the text level) and the catalog import
// (malformed CSV/XLSX, byte-flipped workbooks, an oversized file, zip bombs). Every outcome is a valid result
// or a Chinese refusal; a refusal leaves the database unchanged; an accepted file round-trips.
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CATALOG_FILE_BYTES, MAX_XLSX_UNCOMPRESSED_BYTES } from '../core/catalogs/import';
import type { ArgsIn, Result, ResultTypes } from '../api/contract';
import { dumpDatabase } from './helpers/db';
import { useTestEngine } from './helpers/engine';
import { fixtureDoc, fixtureText } from './helpers/fixture';
import { garbage } from './helpers/fuzz-args';
import { xlsxBytes, zip } from './helpers/xlsx-bytes';
import { lineSheet, type SheetDoc } from './helpers/line-sheets';

let dbPath: string;
const { call } = useTestEngine({
  scope: 'all',
  defaultDb: 'data/default.sqlite',
  setup: async ({ tmp, value }) => {
    dbPath = tmp.file('imports.sqlite');
    await value('db.create', { path: dbPath });
    await value('import.budgetFile', { fileName: 'fixture.budget.json', text: fixtureText() });
  },
});

const dump = () => dumpDatabase(dbPath);

/** One import attempt: a refusal must be Chinese and change nothing. */
async function attempt<K extends 'import.budgetFile' | 'catalog.import' | 'sheets.preview'>(channel: K, args: ArgsIn<K>): Promise<Result<ResultTypes[K]>> {
  const before = dump();
  const r = await call(channel, args);
  if (!r.ok) {
    expect(['validation', 'invalid_args', 'conflict', 'io'], r.error.message).toContain(r.error.code);
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.error.message, "a parser's English reached the clerk").not.toMatch(/undefined|Cannot|entity|Error|propert|Unexpected|Invalid/);
    expect(dump(), `refused ${channel} changed the database: ${r.error.message}`).toBe(before);
  }
  return r;
}

// ------------------------------------------------------------------------------------------ budget file

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path into a JSON document. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((c, i) => paths(c, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) paths(c, [...prefix, k], out);
  return out;
}

const mutation = fc.record({
  pick: fc.nat(),
  how: fc.constantFrom('replace', 'delete', 'duplicate', 'stringify', 'negate', 'huge'),
  junk: fc.oneof(garbage, fc.constantFrom('-100.00', '1e3', '100.001', '100000000000.00', '', '<img src=x onerror=alert(1)>', 'abc', 0, -1, 2.5, null, [], {})),
});

function mutate(doc: Json, muts: { pick: number; how: string; junk: unknown }[]): Json {
  const copy = structuredClone(doc) as Json;
  for (const m of muts) {
    const all = paths(copy).filter((p) => p.length > 0);
    const path = all[m.pick % all.length]!;
    let parent = copy as Record<string | number, Json>;
    for (const k of path.slice(0, -1)) parent = parent[k] as unknown as Record<string | number, Json>;
    const key = path[path.length - 1]!;
    const cur = parent[key];
    const junk = (m.junk === undefined ? null : JSON.parse(JSON.stringify(m.junk) ?? 'null')) as Json;
    if (m.how === 'replace') parent[key] = junk;
    else if (m.how === 'delete') {
      if (Array.isArray(parent)) (parent as Json[]).splice(key as number, 1);
      else delete parent[key];
    } else if (m.how === 'duplicate' && Array.isArray(parent)) (parent as Json[]).push(structuredClone(cur as Json));
    else if (m.how === 'stringify') parent[key] = JSON.stringify(cur);
    else if (m.how === 'negate' && typeof cur === 'string' && /^\d/.test(cur)) parent[key] = `-${cur}`;
    else if (m.how === 'huge' && typeof cur === 'string') parent[key] = cur.repeat(500);
    else parent[key] = junk;
  }
  return copy;
}

describe('budget file import under random mutations of the reference file', () => {
  const doc = fixtureDoc() as Json;

  it('JSON-level mutations: refused in Chinese with nothing changed, or accepted and round-tripping', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (muts) => {
        const text = JSON.stringify(mutate(doc, muts), null, 2);
        const r = await attempt('import.budgetFile', { fileName: 'm.budget.json', text, replace: true });
        if (!r.ok) {
          refused++;
          return;
        }
        accepted++;
        // Accepted: exporting and importing again changes nothing (the stored budget is what the file says).
        const exp = await call('export.budgetFile', { budget: r.value.budget });
        expect(exp.ok).toBe(true);
        if (!exp.ok) return;
        const again = Buffer.from(exp.value.data, 'base64').toString('utf8');
        const before = dump();
        const r2 = await call('import.budgetFile', { fileName: 'again.budget.json', text: again, replace: true });
        expect(r2.ok, !r2.ok ? r2.error.message : '').toBe(true);
        expect(dump().replace(/"\d{4}-\d\d-\d\dT[\d:]+Z"/g, 'T')).toBe(before.replace(/"\d{4}-\d\d-\d\dT[\d:]+Z"/g, 'T'));
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeGreaterThan(0);
    console.log(`budget-file mutations: ${accepted} accepted, ${refused} refused`);
  }, 180_000);

  it('text-level damage (cut, spliced, bytes replaced, BOM, deep nesting) is refused in Chinese', async () => {
    const text = fixtureText();
    const damaged = fc.oneof(
      fc.nat({ max: text.length - 2 }).map((n) => text.slice(0, n + 1)),
      fc.tuple(fc.nat({ max: text.length }), fc.string({ minLength: 1, maxLength: 8 })).map(([n, s]) => text.slice(0, n) + s + text.slice(n)),
      fc
        .tuple(fc.nat({ max: text.length - 1 }), fc.constantFrom('\u0000', '"', '{', ']', ',', '\\', '\uFFFD'))
        .map(([n, c]) => text.slice(0, n) + c + text.slice(n + 1)),
      fc.constantFrom('\uFEFF' + text, '', ' ', 'null', '[]', '"text"', '{}', '['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(50_000)),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (t) => {
        const r = await attempt('import.budgetFile', { fileName: 'd.budget.json', text: t, replace: true });
        // A cut after the final brace or whitespace insertions may leave a valid file; everything else is refused.
        if (r.ok) expect(JSON.parse(t.replace(/^\uFEFF/, ''))).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it('a file over the size limit is refused by the argument check', async () => {
    const r = await attempt('import.budgetFile', { fileName: 'big.budget.json', text: ' '.repeat(60_000_001) });
    expect(r.ok === false && r.error.code).toBe('invalid_args');
  });
});

// ------------------------------------------------------------------------------------------ catalogs

const b64 = (u: Uint8Array | string) => Buffer.from(u).toString('base64');
const VALID_CSV = '编码,名称\n201,一般公共服务支出\n20101,人大事务\n2010101,行政运行\n';

describe('catalog import under malformed files', () => {
  let validXlsx: Uint8Array;
  beforeAll(async () => {
    validXlsx = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('功能分类');
      ws.addRow(['编码', '名称']);
      ws.addRow(['201', '一般公共服务支出']);
      ws.addRow(['20101', '人大事务']);
      ws.addRow(['2010101', '行政运行']);
    });
  });

  it('random CSV text and mutated CSV: a result or a Chinese refusal, nothing half-imported', async () => {
    const csv = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .array(
          fc.tuple(
            fc.oneof(fc.stringMatching(/^\d{1,8}$/), fc.string({ maxLength: 8 })),
            fc.oneof(fc.string({ maxLength: 12 }), fc.constant('<img src=x onerror=alert(1)>')),
          ),
          { maxLength: 30 },
        )
        .map((rows) => ['编码,名称', ...rows.map(([c, n]) => `${c},"${n.replace(/"/g, '""')}"`)].join('\r\n')),
      fc.tuple(fc.nat({ max: VALID_CSV.length }), fc.string({ maxLength: 5 })).map(([n, s]) => VALID_CSV.slice(0, n) + s + VALID_CSV.slice(n)),
    );
    await fc.assert(
      fc.asyncProperty(
        csv,
        fc.constantFrom('a.csv', 'b.tsv', 'c.txt', 'd.xlsx', 'e', 'f.xls'),
        fc.constantFrom('function', 'economic'),
        async (text, name, kind) => {
          await attempt('catalog.import', { year: 2025, kind: kind as 'function', fileName: name, data: b64(text) });
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);

  it('byte-damaged workbooks: a result or a Chinese refusal', async () => {
    const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(damage, fc.option(fc.nat(), { nil: undefined }), async (flips, cut) => {
        let bytes = Uint8Array.from(validXlsx);
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        if (cut !== undefined) bytes = bytes.subarray(0, cut % bytes.length);
        await attempt('catalog.import', { year: 2025, kind: 'function', fileName: 'damaged.xlsx', data: b64(bytes) });
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it(`a file over ${MAX_CATALOG_FILE_BYTES / 1024 / 1024} MB is refused before it is read`, async () => {
    const big = Buffer.alloc(MAX_CATALOG_FILE_BYTES + 1, 0x31);
    const r = await attempt('catalog.import', { year: 2025, kind: 'function', fileName: 'big.csv', data: b64(big) });
    expect(r.ok === false && r.error.message).toContain('文件过大');
  });

  it('zip bombs are refused from the declared sizes, or capped at the declared size when the directory lies', async () => {
    const types = new TextEncoder().encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    // 200 MB of zeros deflates to ~200 KB: an honest directory declares 200 MB.
    const zeros = new Uint8Array(200 * 1024 * 1024);
    const honest = zip([
      { name: '[Content_Types].xml', data: types },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]);
    expect(honest.byteLength).toBeLessThan(MAX_CATALOG_FILE_BYTES);
    const r1 = await attempt('catalog.import', { year: 2025, kind: 'function', fileName: 'bomb.xlsx', data: b64(honest) });
    expect(r1.ok === false && r1.error.message).toMatch(/压缩炸弹|解压后过大/);
    expect(MAX_XLSX_UNCOMPRESSED_BYTES).toBeLessThan(zeros.byteLength);

    // The same payload with a directory that claims 1 KB: inflation stops at 1 KB.
    const payload = deflateRawSync(zeros);
    const liar = zip([
      { name: '[Content_Types].xml', data: types },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(1024), declaredSize: 1024, payload },
    ]);
    const r2 = await attempt('catalog.import', { year: 2025, kind: 'function', fileName: 'liar.xlsx', data: b64(liar) });
    expect(r2.ok === false && r2.error.message).toMatch(/压缩炸弹|声明/);
  }, 60_000);
});

// The sheet reader (导入明细表) behind the same guard: random and damaged CSV (any bytes, so GBK and invalid
// encodings too) and byte-damaged workbooks through sheets.preview, which writes nothing.
describe('sheet reader under malformed files', () => {
  let xlsx: Uint8Array;
  let csv: Uint8Array;
  beforeAll(async () => {
    xlsx = (await lineSheet(fixtureDoc() as SheetDoc, 'titles-code-name')).bytes;
    csv = (await lineSheet(fixtureDoc() as SheetDoc, 'wan-csv-gbk')).bytes;
  });
  const preview = (fileName: string, bytes: Uint8Array | string) =>
    attempt('sheets.preview', { budget: { dept: '711', year: 2025 }, fileName, data: b64(bytes) });

  it('random and damaged CSV: a preview or a Chinese refusal', async () => {
    const damaged = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }).map((flips) => {
      const bytes = Uint8Array.from(csv);
      for (const [at, v] of flips) bytes[at % bytes.length] = v;
      return bytes;
    });
    const text = fc.oneof(fc.string({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(damaged, text), fc.constantFrom('a.csv', 'b.tsv', 'c.txt'), async (bytes, name) => {
        await preview(name, bytes);
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it('byte-damaged workbooks: a preview or a Chinese refusal', async () => {
    const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(damage, fc.option(fc.nat(), { nil: undefined }), async (flips, cut) => {
        let bytes = Uint8Array.from(xlsx);
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        if (cut !== undefined) bytes = bytes.subarray(0, cut % bytes.length);
        await preview('damaged.xlsx', bytes);
      }),
      { numRuns: 120 },
    );
  }, 300_000);
});
