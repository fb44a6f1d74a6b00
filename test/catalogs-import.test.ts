import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../core/catalogs/builtin';
import {
  MAX_CATALOG_FILE_BYTES,
  MAX_CATALOG_ROWS,
  MAX_REPORTED_PROBLEMS,
  MAX_XLSX_COMPRESSION_RATIO,
  MAX_XLSX_UNCOMPRESSED_BYTES,
  inspectZip,
  parseCatalogFile,
  type CatalogImportResult,
} from '../core/catalogs/import';
import { xlsxBytes, zip, type ZipPart } from './helpers/xlsx-bytes';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const withBom = (s: string): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);

function ok(r: CatalogImportResult) {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}\n${r.problems.map((p) => `${p.place}：${p.reason}`).join('\n')}`);
  return r;
}
function refused(r: CatalogImportResult) {
  if (r.ok) throw new Error(`expected refusal, got ${r.entries.length} entries`);
  expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  for (const p of r.problems) {
    expect(p.place).not.toBe('');
    expect(p.reason).toMatch(/[\u4e00-\u9fff]/);
  }
  return r;
}

/** GBK bytes for a string, found by asking the platform's GB18030 decoder (no encoder library needed). */
function gbk(s: string): Uint8Array {
  const dec = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !map.has(ch)) map.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const b = map.get(ch);
      if (!b) throw new Error(`no GBK for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

const CONTENT_TYPES = utf8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

describe('catalog import: csv', () => {
  it('reads UTF-8 with BOM, a header row, quotes, CRLF and blank lines', async () => {
    const csv = '科目编码,科目名称\r\n201,一般公共服务支出\r\n\r\n20101,人大事务\r\n"2010101"," 行政运行 "\r\n2010102,"一般行政管理事务"\r\n';
    const r = ok(await parseCatalogFile(withBom(csv), '功能科目.csv', 'function'));
    expect(r.entries).toEqual([
      { code: '201', name: '一般公共服务支出', origin: 'import' },
      { code: '20101', name: '人大事务', origin: 'import' },
      { code: '2010101', name: '行政运行', origin: 'import' },
      { code: '2010102', name: '一般行政管理事务', origin: 'import' },
    ]);
    expect(r.warnings.join()).toContain('表头');
  });

  it('reads plain UTF-8 without header, tab-separated .tsv and a name holding commas or quotes', async () => {
    const r = ok(await parseCatalogFile(utf8('302,商品和服务支出\n30201,"办公费, ""含""印刷"\n'), 'e.csv', 'economic'));
    expect(r.entries.map((e) => e.name)).toEqual(['商品和服务支出', '办公费, "含"印刷']);
    const t = ok(await parseCatalogFile(utf8('编码\t名称\n301\t工资福利支出\n30101\t基本工资\n'), 'e.tsv', 'economic'));
    expect(t.entries.map((e) => e.code)).toEqual(['301', '30101']);
  });

  it('reads GBK (Excel on Chinese Windows) and UTF-16 and says so', async () => {
    const text = '编码,名称\n221,住房保障支出\n22102,住房改革支出\n2210201,住房公积金\n';
    const r = ok(await parseCatalogFile(gbk(text), 'gbk.csv', 'function'));
    expect(r.entries.map((e) => e.name)).toEqual(['住房保障支出', '住房改革支出', '住房公积金']);
    expect(r.warnings.join()).toContain('GBK');
    const u16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text.replace(/,/g, '\t'), 'utf16le'))]);
    expect(ok(await parseCatalogFile(u16, 'u16.txt', 'function')).entries).toHaveLength(3);
  });

  it('skips a title above the header and splits "[code]name" written in one cell', async () => {
    const csv = '2025年支出功能分类科目\n科目编码,科目名称,级次\n[208]社会保障和就业支出,,1\n20805 行政事业单位养老支出,,2\n2080501,行政单位离退休,3\n';
    const r = ok(await parseCatalogFile(utf8(csv), 'f.csv', 'function'));
    expect(r.entries.map((e) => [e.code, e.name])).toEqual([
      ['208', '社会保障和就业支出'],
      ['20805', '行政事业单位养老支出'],
      ['2080501', '行政单位离退休'],
    ]);
    expect(r.warnings.some((w) => w.includes('第 1 行'))).toBe(true);
  });

  it('without a header, skips a one-cell title but not a first row with a bad code', async () => {
    const r = ok(await parseCatalogFile(utf8('2025年支出功能分类科目\n229,其他支出\n'), 't.csv', 'function'));
    expect(r.entries.map((e) => e.code)).toEqual(['229']);
    expect(r.warnings).toContain('第 1 行不是科目行（标题或表头），已跳过');
    const bad = refused(await parseCatalogFile(utf8('2x9,其他支出\n229,其他支出\n'), 't.csv', 'function'));
    expect(bad.problems).toEqual([{ place: '第 1 行', reason: '编码“2x9”不是 3/5/7 位数字' }]);
  });

  it('round-trips the whole built-in catalog', async () => {
    const all = builtinCatalog(2025, 'function')!;
    const csv = ['编码,名称', ...all.map((e) => `${e.code},"${e.name}"`)].join('\n');
    const r = ok(await parseCatalogFile(withBom(csv), 'all.csv', 'function'));
    expect(r.entries.map(({ code, name }) => ({ code, name }))).toEqual(all.map(({ code, name }) => ({ code, name })));
  });

  it('refuses bad rows, naming each row and the reason in Chinese', async () => {
    const csv = [
      '编码,名称', // 1
      '201,一般公共服务支出', // 2
      '20101,人大事务', // 3
      '2010x01,行政运行', // 4: not digits
      '2010,人大会议', // 5: wrong length
      '2010102,', // 6: empty name
      '20101,人大事物', // 7: duplicate, different name
      '2010203,机关服务', // 8: parent 20102 missing
      '101,税收收入', // 9: revenue code, not 支出功能分类
      '201,一般公共服务支出', // 10: identical duplicate → warning only
    ].join('\n');
    const r = refused(await parseCatalogFile(utf8(csv), '坏.csv', 'function'));
    const at = (n: number) => r.problems.find((p) => p.place === `第 ${n} 行`)?.reason ?? '';
    expect(at(4)).toMatch(/编码“2010x01”不是 3\/5\/7 位数字/);
    expect(at(5)).toMatch(/不是 3\/5\/7 位数字/);
    expect(at(6)).toMatch(/2010102 的名称为空/);
    expect(at(7)).toMatch(/重复编码 20101/);
    expect(at(8)).toMatch(/上级科目 20102 不存在/);
    expect(at(9)).toMatch(/应以 2 开头/);
    expect(at(10)).toBe('');
    expect(r.problems).toHaveLength(6);
    expect(r.message).toContain('坏.csv');
    expect(r.message).toContain('共 6 处问题');
  });

  it('accepts parents that the year already has (knownCodes)', async () => {
    const r = ok(await parseCatalogFile(utf8('2012999,其他群众团体事务支出\n'), 'add.csv', 'function', { knownCodes: ['201', '20129'] }));
    expect(r.entries).toHaveLength(1);
    expect(refused(await parseCatalogFile(utf8('2012999,其他群众团体事务支出\n'), 'add.csv', 'function')).problems[0]!.reason).toContain('上级科目 20129');
  });

  it('economic codes are 3/5 digits and start with 3', async () => {
    const r = refused(await parseCatalogFile(utf8('301,工资福利支出\n3010101,基本工资\n50101,工资奖金津补贴\n'), 'e.csv', 'economic'));
    expect(r.problems.map((p) => p.reason)).toEqual([expect.stringContaining('不是 3/5 位数字'), expect.stringContaining('应以 3 开头')]);
  });

  it('lists at most MAX_REPORTED_PROBLEMS problems and counts the rest', async () => {
    const lines = ['201,一般公共服务支出', ...Array.from({ length: MAX_REPORTED_PROBLEMS + 20 }, (_, i) => `x${i},坏行`)];
    const r = refused(await parseCatalogFile(utf8(lines.join('\n')), 'many.csv', 'function'));
    expect(r.problems).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(r.problems.at(-1)!.reason).toContain('另有 20 处问题');
    expect(r.message).toContain(`共 ${MAX_REPORTED_PROBLEMS + 20} 处问题`);
  });

  it('refuses empty, unknown, .xls and undecodable files', async () => {
    expect(refused(await parseCatalogFile(new Uint8Array(), 'a.csv', 'function')).message).toContain('文件为空');
    expect(refused(await parseCatalogFile(utf8('\n\n'), 'a.csv', 'function')).message).toContain('没有任何科目行');
    expect(refused(await parseCatalogFile(utf8('201,x'), 'a.pdf', 'function')).message).toContain('不支持的文件类型');
    expect(refused(await parseCatalogFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'a.xls', 'function')).message).toContain('.xls');
    expect(refused(await parseCatalogFile(new Uint8Array([0x32, 0x30, 0x31, 0x2c, 0xff, 0xff, 0xff]), 'a.csv', 'function')).message).toContain('编码无法识别');
    expect(refused(await parseCatalogFile(utf8('201,一般公共服务支出'), 'a.xlsx', 'function')).message).toContain('不是有效的 .xlsx');
  });

  it('refuses an oversized file and too many rows', async () => {
    const big = new Uint8Array(MAX_CATALOG_FILE_BYTES + 1).fill(0x31);
    expect(refused(await parseCatalogFile(big, 'big.csv', 'function')).message).toMatch(/文件过大.*最大 5\.0 MB/);
    expect(refused(await parseCatalogFile(big, 'big.xlsx', 'function')).message).toContain('文件过大');
    const rows = Array.from({ length: MAX_CATALOG_ROWS + 20 }, () => '201,一般公共服务支出').join('\n');
    expect(refused(await parseCatalogFile(utf8(rows), 'rows.csv', 'function')).message).toContain(`最多 ${MAX_CATALOG_ROWS} 行`);
  });
});

describe('catalog import: xlsx', () => {
  it('reads a real workbook: title row, header, codes stored as numbers, rich text, formulas', async () => {
    const data = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('支出功能分类');
      ws.addRow(['2025年支出功能分类科目']);
      ws.addRow(['序号', '科目编码', '科目名称']);
      ws.addRow([1, 210, '卫生健康支出']);
      ws.addRow([2, 21011, { richText: [{ text: '行政事业' }, { text: '单位医疗', font: { bold: true } }] }]);
      ws.addRow([3, '2101101', '  行政单位医疗 ']);
      ws.addRow([4, { formula: '2101100+2', result: 2101102 }, '事业单位医疗']);
      ws.addRow([]);
      ws.addRow([5, 2101103, '公务员医疗补助']);
    });
    const r = ok(await parseCatalogFile(data, '财政局科目.xlsx', 'function'));
    expect(r.entries.map((e) => [e.code, e.name])).toEqual([
      ['210', '卫生健康支出'],
      ['21011', '行政事业单位医疗'],
      ['2101101', '行政单位医疗'],
      ['2101102', '事业单位医疗'],
      ['2101103', '公务员医疗补助'],
    ]);
    expect(r.entries.every((e) => e.origin === 'import')).toBe(true);
  });

  it('picks the sheet named for the catalog kind and names the sheet and row of a bad row', async () => {
    const data = await xlsxBytes((wb) => {
      const f = wb.addWorksheet('功能分类');
      f.addRow(['201', '一般公共服务支出']);
      const e = wb.addWorksheet('经济分类');
      e.addRow(['编码', '名称']);
      e.addRow([301, '工资福利支出']);
      e.addRow([30101, '']);
      e.addRow([30199, '其他工资福利支出']);
    });
    const fn = ok(await parseCatalogFile(data, 'both.xlsx', 'function'));
    expect(fn.entries.map((e) => e.code)).toEqual(['201']);
    expect(fn.warnings.join()).toContain('只读取了“功能分类”');
    const ec = refused(await parseCatalogFile(data, 'both.xlsx', 'economic'));
    expect(ec.problems).toEqual([{ place: '工作表“经济分类”第 3 行', reason: '编码 30101 的名称为空' }]);
  });

  it('round-trips the whole built-in catalog through a workbook', async () => {
    const all = builtinCatalog(2025, 'function')!;
    const data = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['code', 'name']);
      for (const e of all) ws.addRow([Number(e.code), e.name]);
    });
    expect(inspectZip(data).ok).toBe(true);
    const r = ok(await parseCatalogFile(data, 'all.xlsx', 'function'));
    expect(r.entries.map(({ code, name }) => ({ code, name }))).toEqual(all.map(({ code, name }) => ({ code, name })));
  });
});

describe('catalog import: zip bombs are refused before anything expands', () => {
  it('an entry whose highly compressible payload expands past the ratio limit', async () => {
    const sheet = new Uint8Array(16 * 1024 * 1024).fill(0x20); // 16 MB of spaces deflate to ~16 KB
    const bomb = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const inspected = inspectZip(bomb);
    expect(inspected.ok).toBe(false);
    const r = refused(await parseCatalogFile(bomb, 'bomb.xlsx', 'function'));
    expect(r.message).toMatch(new RegExp(`压缩比异常.*最多 ${MAX_XLSX_COMPRESSION_RATIO} 倍.*压缩炸弹`));
  });

  it('an entry declaring a huge uncompressed size, refused from the directory alone', async () => {
    // The payload is not even valid deflate data: any attempt to inflate it would fail differently.
    const bomb = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(0), declaredSize: 0xfffffff0, payload: Buffer.from('not deflate data') },
    ]);
    const inspected = inspectZip(bomb);
    expect(inspected).toEqual({ ok: false, reason: expect.stringContaining('解压后过大') });
    const r = refused(await parseCatalogFile(bomb, 'bomb.xlsx', 'function'));
    expect(r.message).toContain(`最多 ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024}.0 MB`);
    expect(r.message).toContain('压缩炸弹');
  });

  it('many entries that together exceed the total limit', async () => {
    const part = new Uint8Array(900 * 1024).fill(0x41); // under the per-entry ratio exemption, but 80 of them add up
    const body = deflateRawSync(part);
    const parts: ZipPart[] = Array.from({ length: 80 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: part, payload: body }));
    const r = refused(await parseCatalogFile(zip(parts), 'many.xlsx', 'function'));
    expect(r.message).toMatch(/解压后过大|整体压缩比异常/);
  });

  it('an entry that lies: declares a small size but inflates to much more', async () => {
    const real = new Uint8Array(8 * 1024 * 1024).fill(0x20);
    const liar = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/worksheets/sheet1.xml', data: real, declaredSize: 1000 },
    ]);
    expect(inspectZip(liar).ok).toBe(true); // the directory alone looks harmless…
    const r = refused(await parseCatalogFile(liar, 'liar.xlsx', 'function'));
    expect(r.message).toContain('超过其声明的大小'); // …but inflation stops at the declared size.
  });

  it('ZIP64 archives are refused', () => {
    const z = zip([{ name: 'a.xml', data: utf8('<a/>') }]);
    const view = new DataView(z.buffer);
    view.setUint32(z.byteLength - 22 + 16, 0xffffffff, true);
    expect(inspectZip(z)).toEqual({ ok: false, reason: expect.stringContaining('ZIP64') });
  });
});
