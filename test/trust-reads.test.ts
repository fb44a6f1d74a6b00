// issue 19 (holes 5, 6, 7, 8, 10 and the GBK memo of 12), through the real `budget` CLI process, browser mode
// as a real server and real files: every workbook or CSV passes the one guard of core/files — refused by rows,
// columns, over-long text and parts of any name while reading, in Chinese, the parser's English in the error
// log — and the narrative limits hold at import as they do for 情况说明's own saving.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeBundle } from './helpers/build';
import { runCli } from './helpers/cli';
import { dumpDatabase, tempDir } from './helpers/db';
import { FIXTURE_PATH, fixtureDoc } from './helpers/fixture';
import { isServed, serve, stopAll } from './helpers/serve';
import { zip } from './helpers/xlsx-bytes';

let tmp: ReturnType<typeof tempDir>;
let cli = '';
beforeAll(async () => {
  tmp = tempDir();
  cli = await nodeBundle('cli/budget.ts');
});
afterEach(stopAll);
afterAll(() => tmp.cleanup());

const env = (): NodeJS.ProcessEnv => ({ ...process.env, BUDGETDESK_NO_OPEN: '1', BUDGETDESK_DATA_DIR: tmp.file('data'), XDG_RUNTIME_DIR: tmp.file('run') });
const budget = (...args: string[]) => runCli(cli, args, { cwd: tmp.dir, env: env() });
const budgetRef = { dept: '711', year: 2025 };

/** One Chinese line on stderr, non-zero exit, no English from a parser. */
function refused(r: { code: number | null; err: string }, why: RegExp): void {
  expect(r.code, r.err).not.toBe(0);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(why);
  expect(r.err).not.toMatch(/Error|entity|undefined|Cannot|properties|\bat \w/);
}

async function importedDb(name: string): Promise<string> {
  const db = tmp.file(name);
  const r = await budget('import', FIXTURE_PATH, '--db', db);
  expect(r.code, r.err).toBe(0);
  return db;
}
const sheetArgs = (file: string, db: string) => ['import-sheet', file, '--db', db, '--year', '2025', '--dept', '711'];

const enc = (t: string) => new Uint8Array(Buffer.from(t, 'utf8'));
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const BOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
/** A minimal workbook of one sheet (`sheet1.xml`), plus any further parts. */
function workbook(sheet: string, extra: { name: string; data: Uint8Array }[] = [], shared?: string): Uint8Array {
  const types =
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${BOOK_TYPE}"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${SHEET_TYPE}"/>`;
  const rel = (type: string, target: string) =>
    `${XML}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/${type}" Target="${target}"/></Relationships>`;
  return zip([
    { name: '[Content_Types].xml', data: enc(`${XML}<Types xmlns="${PKG}/content-types">${types}</Types>`) },
    { name: '_rels/.rels', data: enc(rel('officeDocument', 'xl/workbook.xml')) },
    {
      name: 'xl/workbook.xml',
      data: enc(`${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: enc(rel('worksheet', 'worksheets/sheet1.xml')) },
    ...(shared === undefined ? [] : [{ name: 'xl/sharedStrings.xml', data: enc(`${XML}<sst xmlns="${NS}" count="1"><si><t>${shared}</t></si></sst>`) }]),
    { name: 'xl/worksheets/sheet1.xml', data: enc(sheet) },
    ...extra,
  ]);
}
const sheetXml = (rows: string) => `${XML}<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;
describe('hole 5: a CSV is refused by rows, columns and field length while it is read', () => {
  it('a header, one row and 24,000,000 lines of x (48 MB): refused by the CLI and by sheets.preview, the server still answering', async () => {
    const file = tmp.file('junk.csv');
    const fd = openSync(file, 'w');
    writeSync(fd, '预算单位,功能分类科目,经济分类科目,金额\n711001 工会,2012901,30201,100.00\n');
    const block = Buffer.from('x\n'.repeat(1 << 20));
    for (let i = 0; i < 24_000_000 / (1 << 20); i++) writeSync(fd, block);
    closeSync(fd);
    const db = await importedDb('junk.sqlite');
    const before = dumpDatabase(db);
    refused(await budget(...sheetArgs(file, db)), /行数过多（超过 500020 行）.*已停止读取/);
    expect(dumpDatabase(db)).toBe(before);

    const s = await serve(['--db', db], env());
    if (!isServed(s)) throw new Error(s.err);
    const r = await s.call('sheets.preview', { budget: budgetRef, fileName: 'junk.csv', data: readFileSync(file).toString('base64') });
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/行数过多/);
    expect((await s.call('budget.totals', { budget: budgetRef })).ok).toBe(true);
  }, 600_000); // a 48 MB file through a CLI process and a server: generous on a loaded machine, not a timing assertion

  it('ten million columns and a 20 MB field are refused at their limit', async () => {
    const db = await importedDb('wide.sqlite');
    const wide = tmp.file('wide.csv');
    writeFileSync(wide, `${'x,'.repeat(10_000_000)}x\n`);
    refused(await budget(...sheetArgs(wide, db)), /第 1 行的列数过多（超过 16384 列）/);
    const long = tmp.file('long.csv');
    writeFileSync(long, `预算单位,功能分类科目,经济分类科目,金额,备注\n711001,2012901,30201,1.00,${'长'.repeat(7_000_000)}\n`);
    refused(await budget(...sheetArgs(long, db)), /第 2 行有一格超过 32767 个字符/);
  }, 600_000);
});

describe('hole 12: invalid GBK bytes in a memo', () => {
  it('name their row instead of becoming U+FFFD silently', async () => {
    const db = await importedDb('gbk.sqlite');
    const head = iconv.encode(
      '预算单位,功能分类科目,经济分类科目,支出类型,资金性质,金额,备注\n711001,2012901,30201,基本支出,一般公共预算,1.00,正常\n711001,2012901,30201,基本支出,一般公共预算,2.00,坏',
      'gbk',
    );
    const file = tmp.file('gbk.csv');
    writeFileSync(file, Buffer.concat([head, Buffer.from([0xff, 0xff, 0x0a])]));
    const before = dumpDatabase(db);
    refused(await budget(...sheetArgs(file, db)), /第 3 行有无法识别的字符/);
    expect(dumpDatabase(db)).toBe(before);
  });
});

describe('holes 6 and 7: every workbook passes the guard, every part of it', () => {
  it('prior-import and compare.importPrior refuse a small workbook that unpacks to hundreds of MB', async () => {
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'a'.repeat(1000)}</t></is></c></row>`.repeat(80_000);
    const bomb = workbook(sheetXml(rows));
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const file = tmp.file('bomb.xlsx');
    writeFileSync(file, bomb);
    const db = await importedDb('prior.sqlite');
    refused(await budget('prior-import', db, file, '--year', '2025'), /压缩炸弹|解压后过大|压缩比异常/);
    const s = await serve(['--db', db], env());
    if (!isServed(s)) throw new Error(s.err);
    const r = await s.call('compare.importPrior', { budget: budgetRef, fileName: 'bomb.xlsx', data: Buffer.from(bomb).toString('base64') });
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/压缩炸弹|解压后过大|压缩比异常/);
    expect((await s.call('budget.totals', { budget: budgetRef })).ok).toBe(true);
  }, 600_000);

  it('a sheet part renamed sheet1.xml.bak is counted as the parser would read it: the sheet and the catalog reader refuse it by rows', async () => {
    // Rows that do not compress away (a random attribute each), so the part passes the ratio check.
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}" x="${randomBytes(6).toString('hex')}"/>`).join('');
    const bak = (n: number) => ({ name: 'xl/worksheets/sheet1.xml.bak', data: enc(sheetXml(rows(n))) });
    const book = (n: number) => workbook(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'), [bak(n)]);
    const file = tmp.file('renamed.xlsx');
    writeFileSync(file, book(600_000));
    const db = await importedDb('renamed.sqlite');
    refused(await budget(...sheetArgs(file, db)), /“xl\/worksheets\/sheet1\.xml\.bak”中工作表行数过多（超过 500020 行）/);
    const s = await serve(['--db', db], env());
    if (!isServed(s)) throw new Error(s.err);
    const r = await s.call('catalog.import', { year: 2025, kind: 'function', fileName: 'renamed.xlsx', data: Buffer.from(book(30_000)).toString('base64') });
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/“xl\/worksheets\/sheet1\.xml\.bak”中工作表行数过多（超过 20010 行）/);
  }, 600_000);

  it('a shared string of 1 MB (a cell holds at most 32,767 characters) is refused', async () => {
    const db = await importedDb('shared.sqlite');
    const file = tmp.file('shared.xlsx');
    writeFileSync(file, workbook(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), [], randomBytes(768 * 1024).toString('base64')));
    refused(await budget(...sheetArgs(file, db)), /超长的文字/);
  });
});

describe("hole 8: a parser's English never reaches the clerk", () => {
  it('an undefined entity in a sheet is refused in Chinese; the detail is in the error log', async () => {
    const db = await importedDb('entity.sqlite');
    const file = tmp.file('坏.xlsx');
    writeFileSync(file, workbook(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&nosuch;</t></is></c></row>')));
    const r = await budget(...sheetArgs(file, db));
    refused(r, /不是有效的 \.xlsx 工作簿.*详细信息已记入错误日志/);
    expect(readFileSync(tmp.file('data/logs/errors.log'), 'utf8')).toMatch(/entity/i);
  });
});

describe('hole 10: the narrative limits hold at import', () => {
  it('a budget file whose 其他需要说明的事项 holds 10,000,000 characters is refused; one within the limit imports and saves again', async () => {
    const doc = fixtureDoc();
    const long = tmp.file('long-narrative.budget.json');
    writeFileSync(long, JSON.stringify({ ...doc, narrative: { ...doc.narrative, other: '说'.repeat(10_000_000) } }));
    const r = await budget('import', long, '--db', tmp.file('long-narrative.sqlite'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/情况说明的其他需要说明的事项.*文字过长（最多 20000 字）/);
    const db = await importedDb('narr.sqlite');
    const s = await serve(['--db', db], env());
    if (!isServed(s)) throw new Error(s.err);
    const n = (await s.call('narrative.get', { budget: budgetRef })).value;
    expect((await s.call('narrative.set', { budget: budgetRef, narrative: { ...n, other: '说'.repeat(20_000) } })).ok).toBe(true);
    // Nested keys the app does not keep are refused as the top-level ones are, not dropped.
    const nested = await s.call('narrative.set', { budget: budgetRef, narrative: { ...n, changeReasons: { ...n.changeReasons, extra: '悄悄' } } });
    expect(nested.ok).toBe(false);
    expect(nested.error.message).toMatch(/不认识的内容“changeReasons\.extra”/);
    const duty = await s.call('narrative.set', { budget: budgetRef, narrative: { ...n, duties: [{ title: '职责', text: '内容', note: '悄悄' }] } });
    expect(duty.ok).toBe(false);
  });
});
