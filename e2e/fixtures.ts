// The injected-bridge fixture: the built renderer (dist/renderer) served by a tiny local static server,
// and the real handler map (dist/server/handlers.cjs, a Node bundle — Playwright's TS loader cannot
// import the .tsv catalog data) over a real SQLite file in a temp dir, exposed to the page as
// window.budgetdesk. The tests thus cover everything but Electron's own IPC transport.
import { test as base, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ExportFile, RawHandlers, Result } from '../electron/ipc/contract';

const ROOT = resolve(import.meta.dirname, '..');
const RENDERER_DIR = join(ROOT, 'dist/renderer');
const HANDLERS_BUNDLE = process.env.BUDGETDESK_HANDLERS_BUNDLE ?? join(ROOT, 'dist/server/handlers.cjs');
export const SCREENS = join(ROOT, 'test-results/screens');

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

function startStatic(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^[/\\]+/, '');
    const file = join(RENDERER_DIR, rel);
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export interface Engine {
  handlers: RawHandlers;
  dir: string;
  dbPath: string;
  /** Where exports land (the test bridge plays Electron's save dialog). */
  exportDir: string;
  call<T = unknown>(channel: string, args: unknown): Promise<T>;
}

function createEngine(): Engine {
  if (!existsSync(HANDLERS_BUNDLE)) throw new Error(`${HANDLERS_BUNDLE} is missing: run npm run build first`);
  const require = createRequire(import.meta.url);
  const mod = require(HANDLERS_BUNDLE) as { createHandlers(o: { mode: 'test'; defaultDbPath: string; version: string }): RawHandlers };
  const dir = mkdtempSync(join(tmpdir(), 'budgetdesk-e2e-'));
  const exportDir = join(dir, 'exports');
  mkdirSync(exportDir);
  const dbPath = join(dir, 'budget.sqlite');
  const handlers = mod.createHandlers({ mode: 'test', defaultDbPath: dbPath, version: 'e2e' });
  return {
    handlers, dir, dbPath, exportDir,
    async call<T>(channel: string, args: unknown): Promise<T> {
      const r = await (handlers as unknown as Record<string, (a: unknown) => Promise<Result<T>>>)[channel]!(args);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value;
    },
  };
}

type Fixtures = { engine: Engine; app: Page };
let staticServer: Server | null = null;
let baseUrl = '';

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  engine: async ({}, use) => {
    const engine = createEngine();
    await use(engine);
    const close = (engine.handlers as unknown as Record<string, unknown>)['db.close'];
    if (typeof close === 'function') await (close as (a: unknown) => Promise<unknown>)({});
    rmSync(engine.dir, { recursive: true, force: true });
  },
  app: async ({ page, engine }, use) => {
    if (!staticServer) {
      staticServer = await startStatic();
      baseUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
    }
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.exposeFunction('__budgetdeskInvoke', async (channel: string, args: unknown) => {
      const h = (engine.handlers as unknown as Record<string, (a: unknown) => Promise<Result<unknown>>>)[channel];
      if (!h) return { ok: false, error: { code: 'forbidden', message: `未知的调用通道“${channel}”` } };
      const r = await h(args);
      // Exports: play the desktop app's save dialog — write the file, report where.
      if (r.ok && channel.startsWith('export.')) {
        const f = r.value as ExportFile;
        const path = join(engine.exportDir, f.fileName);
        writeFileSync(path, Buffer.from(f.data, 'base64'));
        return { ok: true, value: { kind: 'saved', path } };
      }
      return r;
    });
    await page.addInitScript(() => {
      const w = window as unknown as { budgetdesk: unknown; __budgetdeskInvoke(c: string, a: unknown): Promise<unknown> };
      w.budgetdesk = { mode: 'test', invoke: (c: string, a: unknown) => w.__budgetdeskInvoke(c, a), onMenu: () => () => {} };
    });
    await page.goto(baseUrl);
    await use(page);
    // The page never logs an error (a CSP violation would show up here too).
    expect(errors, 'browser console errors').toEqual([]);
  },
});

export { expect };

export async function screen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: false });
}

/** Opens (creates) the test database from the start screen, as the clerk does. */
export async function openDatabase(page: Page): Promise<void> {
  const create = page.getByRole('button', { name: '新建', exact: true });
  await expect(page.getByText('数据库').first()).toBeVisible();
  if (await create.isVisible()) await create.click();
  await expect(page.getByTestId('db-path')).toBeVisible();
}

export async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: label, exact: true }).click();
  await expect(page.locator('.topbar h1')).toHaveText(label);
}
