// The app under test, over one of two transports (the fixture option `transport`):
// - 'injected' (default): the built renderer (dist/renderer) served by a tiny local static server, and the
//   real handler map (dist/server/handlers.cjs, a Node bundle — Playwright's TS loader cannot import the
//   .tsv catalog data) over a real SQLite file in a temp dir, exposed to the page as window.budgetdesk.
//   Covers everything but Electron's own IPC transport; exports land where the bridge "saved" them.
// - 'browser': browser mode for real — the server process (dist/server/serve.cjs) over a real database
//   file, opened at its printed address (#token=…); the renderer uses its HTTP client, exports arrive as
//   browser downloads. See e2e/server.ts.
// Specs pick the transport with test.use({ transport }); helpers below (openDatabase, exportFile,
// storedLineCount) work the same over both.
import { test as base, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RawHandlers, Result } from '../api/contract';
import type { TestTransport } from '../server/handlers-bundle';
import { startBrowserServer } from './server';

const ROOT = resolve(import.meta.dirname, '..');
const RENDERER_DIR = join(ROOT, 'dist/renderer');
const HANDLERS_BUNDLE = process.env.BUDGETDESK_HANDLERS_BUNDLE ?? join(ROOT, 'dist/server/handlers.cjs');
export const SCREENS = join(ROOT, 'test-results/screens');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function startStatic(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^[/\\]+/, '');
    const file = join(RENDERER_DIR, rel);
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export type Transport = 'injected' | 'browser';

export interface Engine {
  transport: Transport;
  /** The handler map in this process (injected transport only; browser mode has it in the server). */
  handlers: RawHandlers | null;
  /** What the page's injected bridge calls (injected transport only): the handler map, exports saved into exportDir. */
  invoke: TestTransport['invoke'] | null;
  dir: string;
  dbPath: string;
  /** Where exports land: the injected bridge plays Electron's save dialog there; browser mode saves its downloads there. */
  exportDir: string;
  /** Browser mode: the address the server printed, with #token=…; '' for the injected transport. */
  url: string;
  /** A channel called from the test (injected: the handler map; browser: POST /api/<channel> with the token). */
  call<T = unknown>(channel: string, args: unknown): Promise<T>;
  /** Ends the backend: injected closes the database, browser mode stops the server (which closes it). Idempotent. */
  stop(): Promise<void>;
}

function tempDirs(prefix: string): { dir: string; exportDir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const exportDir = join(dir, 'exports');
  mkdirSync(exportDir);
  return { dir, exportDir, dbPath: join(dir, 'budget.sqlite') };
}

function unwrap<T>(channel: string, r: Result<T>): T {
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

function createInjectedEngine(): Engine {
  if (!existsSync(HANDLERS_BUNDLE)) throw new Error(`${HANDLERS_BUNDLE} is missing: run npm run build first`);
  const require = createRequire(import.meta.url);
  const mod = require(HANDLERS_BUNDLE) as { createTestTransport(o: { defaultDbPath: string; exportDir: string }): TestTransport };
  const { dir, exportDir, dbPath } = tempDirs('budgetdesk-e2e-');
  // The bundle's transport plays Electron's: export channels write their file into exportDir and report the path.
  const transport = mod.createTestTransport({ defaultDbPath: dbPath, exportDir });
  const handlers = transport.engine.handlers;
  const map = handlers as unknown as Record<string, (a: unknown) => Promise<Result<unknown>>>;
  let stopped = false;
  return {
    transport: 'injected',
    handlers,
    invoke: transport.invoke,
    dir,
    dbPath,
    exportDir,
    url: '',
    async call<T>(channel: string, args: unknown): Promise<T> {
      return unwrap(channel, (await map[channel]!(args)) as Result<T>);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (typeof map['db.close'] === 'function') await map['db.close']({});
    },
  };
}

async function createBrowserEngine(): Promise<Engine> {
  const { dir, exportDir, dbPath } = tempDirs('budgetdesk-e2e-browser-');
  const server = await startBrowserServer(dbPath);
  return {
    transport: 'browser',
    handlers: null,
    invoke: null,
    dir,
    dbPath,
    exportDir,
    url: server.url,
    async call<T>(channel: string, args: unknown): Promise<T> {
      const res = await fetch(`${server.origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-BudgetDesk-Token': server.token },
        body: JSON.stringify(args ?? {}),
      });
      return unwrap(channel, (await res.json()) as Result<T>);
    },
    stop: () => server.stop(),
  };
}

type Fixtures = { engine: Engine; app: Page };
type Options = { transport: Transport };
let staticServer: Server | null = null;
let baseUrl = '';
// Which pages run in browser mode: their screenshots are named browser-*.png.
const browserPages = new WeakSet<Page>();

export const test = base.extend<Fixtures & Options>({
  transport: ['injected', { option: true }],
  engine: async ({ transport }, use) => {
    const engine = transport === 'browser' ? await createBrowserEngine() : createInjectedEngine();
    try {
      await use(engine);
    } finally {
      await engine.stop();
      rmSync(engine.dir, { recursive: true, force: true });
    }
  },
  app: async ({ page, engine }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    if (engine.transport === 'browser') {
      browserPages.add(page);
      await page.goto(engine.url);
      await expect(page.getByText('浏览器模式')).toBeVisible();
      // The token left the address bar at once (it stays in sessionStorage for reloads).
      expect(page.url()).not.toContain('token=');
    } else {
      if (!staticServer) {
        staticServer = await startStatic();
        baseUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/`;
      }
      await page.exposeFunction('__budgetdeskInvoke', engine.invoke!);
      await page.addInitScript(() => {
        const w = window as unknown as { budgetdesk: unknown; __budgetdeskInvoke(c: string, a: unknown): Promise<unknown> };
        w.budgetdesk = { mode: 'test', invoke: (c: string, a: unknown) => w.__budgetdeskInvoke(c, a), onMenu: () => () => {} };
      });
      await page.goto(baseUrl);
    }
    await use(page);
    // The page never logs an error (a CSP violation would show up here too).
    expect(errors, 'browser console errors').toEqual([]);
  },
});

export { expect };

export async function screen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  const file = browserPages.has(page) && !name.startsWith('browser-') ? `browser-${name}` : name;
  await page.screenshot({ path: join(SCREENS, `${file}.png`), fullPage: false });
}

/** Opens the database from the start screen, as the clerk does: the injected transport starts without one
 *  (the clerk clicks 新建), browser mode's server opened its --db file at start. */
export async function openDatabase(page: Page): Promise<void> {
  const current = page.getByTestId('db-path');
  const pathInput = page.getByLabel('数据库文件路径');
  // Until db.status answers, the panel shows an empty path field: wait for one of the two real states.
  // 30 s: on a loaded machine browser mode's first answers (db.status, db.recent) have once taken over 15 s.
  await expect
    .poll(async () => (await current.isVisible()) || ((await pathInput.isVisible()) && (await pathInput.inputValue()) !== ''), { timeout: 30_000 })
    .toBe(true);
  if (!(await current.isVisible())) {
    await page.locator('section.panel').filter({ has: pathInput }).getByRole('button', { name: '新建', exact: true }).click();
  }
  await expect(current).toBeVisible();
}

/** Clicks an export button on 导出 and returns the file on disk: the path the injected bridge "saved" to,
 *  or — browser mode — the browser download, saved into engine.exportDir. */
export async function exportFile(page: Page, engine: Engine, button: RegExp): Promise<string> {
  const btn = page.getByRole('button', { name: button });
  const outcome = page.locator('section.panel').filter({ has: btn }).getByTestId('export-outcome');
  if (engine.transport === 'browser') {
    const download = page.waitForEvent('download');
    await btn.click();
    const d = await download;
    await expect(outcome).toContainText(`已下载：${d.suggestedFilename()}`);
    const path = join(engine.exportDir, d.suggestedFilename());
    await d.saveAs(path);
    return path;
  }
  await btn.click();
  await expect(outcome).toContainText('已保存到');
  return (await outcome.getByTestId('export-path').textContent())!;
}

/** Budget lines stored in a database file, read with the app's own opener, read-only. */
export function storedLineCount(dbPath: string, dept: string, year: number): number {
  const require = createRequire(import.meta.url);
  const mod = require(HANDLERS_BUNDLE) as {
    openDatabase(path: string, o: { readonly: boolean }): { sqlite: { prepare(sql: string): { get(...a: unknown[]): unknown } }; close(): void };
  };
  const db = mod.openDatabase(dbPath, { readonly: true });
  try {
    const row = db.sqlite
      .prepare(
        'SELECT count(*) AS n FROM lines JOIN budgets b ON b.id = lines.budget_id JOIN departments d ON d.id = b.department_id WHERE d.code = ? AND b.year = ?',
      )
      .get(dept, year) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** The reference budget file (711 工会 2025), the input most specs start from. */
export const FIXTURE_711 = join(ROOT, 'test/shared/fixtures/711-2025.budget.json');

/** A new database holding the reference budget file (or `text`, a variant of it), imported through the handler map. */
export async function seedReference(engine: Engine, text: string = readFileSync(FIXTURE_711, 'utf8')): Promise<void> {
  await engine.call('db.create', { path: engine.dbPath });
  await engine.call('import.budgetFile', { fileName: '711-2025.budget.json', text });
}

/** Reloads the page so that it sees what the test seeded, then opens the first budget of the start page's list.
 *  (A reload keeps the open budget and page, so the helper goes to 开始 first.) */
export async function openFirstBudget(page: Page): Promise<void> {
  await page.reload();
  await nav(page, '开始');
  await page.getByTestId('budget-list').getByRole('button', { name: '打开' }).click();
}

export async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: label, exact: true }).click();
  await expect(page.locator('.topbar h1')).toHaveText(label);
}
