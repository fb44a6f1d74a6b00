// The export module's channels over a real SQLite file: export.pdf prints the disclosure with the system
// Chromium (a Chinese refusal when none is found), export.databaseCopy is a real SQLite database,
// shell.showExportFolder is refused outside the desktop app, and catalog.import reports row-level reasons.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { importedBudgetFile, useTestEngine } from './helpers/engine';

const fx = useTestEngine({ setup: importedBudgetFile() });
const { call, value } = fx;
const budget = { dept: '711', year: 2025 };

describe('export.pdf', () => {
  it('returns the disclosure PDF; its text has the reference total and a 目录 with page numbers', async () => {
    const f = await value('export.pdf', { budget });
    expect(f.fileName).toBe('711工会部门2025年部门预算公开.pdf');
    expect(f.mime).toBe('application/pdf');
    const bytes = Buffer.from(f.data, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = fx.tmp.file('d.pdf');
    writeFileSync(pdf, bytes);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('55.33');
    expect(text).toMatch(/名词解释[ .…·]*\d+/);
  }, 60_000);

  it('says in Chinese where it looked when no Chromium is found', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = fx.tmp.file('no-such-chromium');
    try {
      const r = await call('export.pdf', { budget });
      expect(r.ok === false && r.error.code).toBe('io');
      expect(r.ok === false && r.error.message).toContain('CHROMIUM_PATH 指向的浏览器不存在');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it('refuses an unknown budget', async () => {
    const r = await call('export.pdf', { budget: { dept: '999', year: 2025 } });
    expect(r.ok).toBe(false);
  });
});

describe('export.databaseCopy and shell.showExportFolder', () => {
  it('is a complete SQLite copy of the open database', async () => {
    const f = await value('export.databaseCopy', {});
    expect(f.fileName).toMatch(/^b-备份-\d{4}-\d{2}-\d{2}\.sqlite$/);
    const copy = fx.tmp.file('copy.sqlite');
    writeFileSync(copy, Buffer.from(f.data, 'base64'));
    const db = new Database(copy, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM lines').pluck().get()).toBe(10);
    } finally {
      db.close();
    }
  });

  it('shell.showExportFolder is desktop-only', async () => {
    const r = await call('shell.showExportFolder', { path: fx.tmp.file('x.pdf') });
    expect(r.ok === false && r.error.message).toContain('仅在桌面版中可用');
  });
});

describe('catalog.import row-level reasons', () => {
  it('lists each bad row with its place and reason, and imports nothing', async () => {
    const csv = '编码,名称\n2012988,职工书屋建设\n30201,办公费\n2012987,\n';
    const r = await call('catalog.import', { year: 2025, kind: 'function', fileName: 'a.csv', data: Buffer.from(csv).toString('base64') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.rows?.map((x) => x.field)).toEqual(['第 3 行', '第 4 行']);
    expect(r.error.rows?.[1]?.message).toContain('名称为空');
    expect(await value('catalog.search', { year: 2025, kind: 'function', query: '2012988' })).toEqual([]);
  });
});
