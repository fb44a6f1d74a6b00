// The exported workbook must open in a second, independent spreadsheet engine: the reference budget is
// imported with the `budget` CLI, exported, converted to PDF by headless LibreOffice and read back with
// pdftotext. Catches workbooks that exceljs reads back but real office software rejects or garbles.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './helpers/cli';
import { FIXTURE_PATH } from './helpers/fixture';

// The twelve tables' titles as the reference disclosure prints them.
const TITLES = [
  '部门预算收支总表',
  '部门预算收入总表',
  '部门预算支出总表',
  '部门预算财政拨款收支总表',
  '部门预算一般公共预算财政拨款支出表',
  '部门预算一般公共预算财政拨款基本支出表',
  '部门预算政府性基金预算财政拨款支出表',
  '部门预算国有资本经营预算财政拨款支出表',
  '部门预算财政拨款“三公”经费支出表',
  '项目支出绩效目标表',
  '部门政府采购预算表',
  '部门固定资产占用情况表',
];

// The CLI bundled for this test process (test/helpers/cli.ts): parallel test files never read a
// half-written dist/cli/budget.cjs, and this file never rebuilds dist/ under them. useCli's hooks run
// first (registered first), so the bundle and the temp dir exist in the beforeAll below.
const fx = useCli();
let pdf: string;
let lo: { code: number | null; err: string };
let text: string;

function budget(...args: string[]): void {
  const r = fx.budget(...args);
  if (r.code !== 0) throw new Error(`budget ${args[0]} failed (${r.code}): ${r.err}`);
}

beforeAll(() => {
  const tmp = fx.tmp;
  const db = tmp.file('budget.db');
  budget('import', FIXTURE_PATH, '--db', db);
  const xlsx = tmp.file('711-2025.xlsx');
  budget('export', db, '--year', '2025', '--xlsx', xlsx);
  // A private profile per run: two LibreOffice instances sharing one profile block each other.
  const profile = pathToFileURL(tmp.file('lo-profile')).href;
  const r = spawnSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp.dir, xlsx], {
    cwd: tmp.dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  // r.error: not installed (ENOENT) or killed by the timeout — shown as an error line below.
  lo = { code: r.status, err: `${r.stderr ?? ''}${r.error ? `\nerror: ${r.error.message}` : ''}` };
  pdf = tmp.file('711-2025.pdf');
  text = existsSync(pdf) ? execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }) : '';
}, 150_000);

describe('the exported workbook in LibreOffice', () => {
  it('converts to PDF without errors', () => {
    expect(lo.code).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(0);
    expect(lo.err.split('\n').filter((l) => /error/i.test(l))).toEqual([]);
  });

  it('prints every table title, the key figures and the empty-table note', () => {
    const flat = text.replace(/\s+/g, ''); // -layout pads columns with spaces; compare spacing aside
    for (const t of TITLES) expect(flat, t).toContain(t);
    for (const figure of ['55.33', '47.23', '43.95', '3.29', '8.10']) expect(text, figure).toContain(figure);
    expect(flat).toContain('注：无政府性基金预算财政拨款预算，空表列示。');
  });
});
