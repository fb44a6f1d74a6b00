// The desktop app's PDF printing (electron/print-window.ts) run under Node: the `electron` module is a
// stand-in whose hidden window prints with the system Chromium (playwright-core) exactly as
// webContents.printToPDF would, over the real engine. Checks the two passes (the 目录 gets real page
// numbers, not the placeholder), the print options, and that each print window is script-less and sandboxed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createEngine, type Engine } from '../api/handlers';
import type { Channel, Result } from '../api/contract';
import { FIXTURE_PATH } from './helpers/fixture';
import { tempDir } from './helpers/db';

const h = vi.hoisted(() => ({ browser: null as Browser | null, windows: [] as { options: any; loaded: string[]; printOptions: any[]; destroyed: boolean }[] }));

vi.mock('electron', () => {
  class BrowserWindow {
    private page: Page | null = null;
    private rec: (typeof h.windows)[number];
    webContents: { printToPDF(o: any): Promise<Buffer> };
    constructor(options: any) {
      this.rec = { options, loaded: [], printOptions: [], destroyed: false };
      h.windows.push(this.rec);
      this.webContents = {
        printToPDF: async (o: any) => {
          this.rec.printOptions.push(o);
          const { pageSize, ...rest } = o;
          return this.page!.pdf({ ...rest, format: pageSize });
        },
      };
    }
    async loadFile(file: string) {
      this.rec.loaded.push(file);
      const ctx = await h.browser!.newContext({ javaScriptEnabled: this.rec.options.webPreferences?.javascript !== false });
      this.page = await ctx.newPage();
      await this.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    }
    destroy() {
      this.rec.destroyed = true;
      void this.page?.context().close();
    }
  }
  return { app: { getPath: () => tmpdir() }, BrowserWindow };
});

const { printDisclosurePdf } = await import('../electron/print-window');

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
const budget = { dept: '711', year: 2025 };

beforeAll(async () => {
  h.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  tmp = tempDir();
  engine = createEngine({ mode: 'test', defaultDbPath: tmp.file('default.sqlite'), version: 'test' });
  engine.open(tmp.file('b.sqlite'), { create: true });
  const r = await engine.handlers['import.budgetFile']({ fileName: 'f.json', text: readFileSync(FIXTURE_PATH, 'utf8') });
  expect(r.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  engine?.close();
  tmp?.cleanup();
  await h.browser?.close();
});

describe("printDisclosurePdf (Electron main's PDF export)", () => {
  it('prints twice and fills the 目录 with the pages the first print found', async () => {
    const call = (c: Channel, a: unknown) => engine.handlers[c](a) as Promise<Result<unknown>>;
    const r = await printDisclosurePdf(call, budget);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fileName).toBe('711工会部门2025年部门预算公开.pdf');
    const bytes = Buffer.from(r.value.data, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = tmp.file('e.pdf');
    writeFileSync(pdf, bytes);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('55.33');
    const at = text.search(/目\s*录\n/);
    expect(at).toBeGreaterThan(0);
    const toc = text.slice(at, text.indexOf('第一部分', text.indexOf('第二部分', at)));
    expect(toc).not.toContain('888');
    expect(toc).toMatch(/十、名词解释\s+\d+\n/);
    expect(toc).toMatch(/1\. 部门预算收支总表\s+\d+\n/);

    // Two hidden windows (one per pass), script-less and sandboxed, each destroyed; A4 with the shared options.
    expect(h.windows).toHaveLength(2);
    for (const w of h.windows) {
      expect(w.options.show).toBe(false);
      expect(w.options.webPreferences).toMatchObject({
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        partition: 'budgetdesk-print',
      });
      expect(w.options.webPreferences.preload).toBeUndefined();
      expect(w.destroyed).toBe(true);
      expect(w.printOptions[0]).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true });
    }
  }, 60_000);

  it("passes the engine's refusal through", async () => {
    const call = (c: Channel, a: unknown) => engine.handlers[c](a) as Promise<Result<unknown>>;
    const r = await printDisclosurePdf(call, { dept: '999', year: 2025 });
    expect(r.ok).toBe(false);
  });
});
