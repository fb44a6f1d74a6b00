// Issue 21 point 9: .xls (Excel 97–2003) sheets are read — by SheetJS (@e965/xlsx) inside a bounded worker
// thread — through the real CLI with every figure right; crafted files are refused in Chinese, neither hang
// the reader (the time bound terminates the worker) nor reach this process's prototypes.
import * as X from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLineSheet } from '../core/sheets';
import { readXls } from '../core/sheets/xls';
import { useCli } from './helpers/cli';
import { clerkSheet, docFigures, storedFigures } from './helpers/clerk-sheets';
import { FIXTURE_PATH } from './helpers/fixture';

const fx = useCli();
const LIMITS = { rows: 1000, columns: 200, timeoutMs: 30_000, heapMb: 256 };
const toXls = (xlsx: Uint8Array): Buffer => X.write(X.read(xlsx, { type: 'array', cellStyles: true }), { type: 'buffer', bookType: 'biff8' });

describe('.xls sheets', () => {
  it.each(['reordered', 'wide-wan'] as const)(
    '%s saved as .xls imports through the CLI with every figure right',
    async (layout) => {
      const doc = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
      const noLines = fx.tmp.file(`xls-${layout}.json`);
      writeFileSync(noLines, JSON.stringify({ ...doc, lines: [] }));
      const db = fx.tmp.file(`xls-${layout}.db`);
      fx.ok('import', noLines, '--db', db);
      const sheet = fx.tmp.file(`${layout}.xls`);
      writeFileSync(sheet, toXls((await clerkSheet(doc, layout)).bytes));
      fx.ok('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711');
      expect(storedFigures(db)).toEqual(docFigures(doc.lines));
    },
    120_000,
  );

  it('the data sheet after 填报说明 is found in an .xls too', async () => {
    const wb = X.utils.book_new();
    X.utils.book_append_sheet(wb, X.utils.aoa_to_sheet([['填报说明'], ['金额单位：元']]), '填报说明');
    X.utils.book_append_sheet(
      wb,
      X.utils.aoa_to_sheet([
        ['单位', '功能科目', '经济科目', '资金性质', '金额'],
        ['901001 本级', '2012901 行政运行', '30201 办公费', '一般公共预算拨款', 12.5],
      ]),
      '明细',
    );
    const r = await readLineSheet(new Uint8Array(X.write(wb, { type: 'buffer', bookType: 'biff8' })), 'a.xls');
    expect(r.ok && r.sheetName).toBe('明细');
    expect(r.ok && r.rows[0]!.amounts[0]!.fen).toBe(1250n);
  });

  it('a truncated or forged .xls is refused in Chinese', async () => {
    const good = toXls((await clerkSheet(JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')), 'reordered')).bytes);
    for (const bytes of [good.subarray(0, 600), Buffer.concat([good.subarray(0, 8), Buffer.alloc(4000, 0xff)])]) {
      const r = await readLineSheet(new Uint8Array(bytes), 'bad.xls');
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain('文件“bad.xls”不是有效的 .xls 工作簿');
      expect(!r.ok && r.reason).not.toMatch(/Error|undefined|Cannot|property/);
    }
  });

  it("names such as __proto__ in a crafted .xls stay data: this process's prototypes are untouched", async () => {
    const wb = X.utils.book_new();
    X.utils.book_append_sheet(
      wb,
      X.utils.aoa_to_sheet([
        ['__proto__', 'constructor', 'prototype'],
        ['polluted', '{"polluted":1}', 'toString'],
      ]),
      '__proto__',
    );
    const r = await readXls(new Uint8Array(X.write(wb, { type: 'buffer', bookType: 'biff8' })), LIMITS);
    expect(r.ok && r.grids[0]!.rows[0]!.cells).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('a read that outlasts its time bound is stopped, with a Chinese message', async () => {
    const wb = X.utils.book_new();
    X.utils.book_append_sheet(wb, X.utils.aoa_to_sheet([['a']]), 'S');
    const r = await readXls(new Uint8Array(X.write(wb, { type: 'buffer', bookType: 'biff8' })), { ...LIMITS, timeoutMs: 1 });
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('读取超时') });
  });
});
