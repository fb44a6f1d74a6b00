// Browser mode in a real browser (Debian chromium): the built renderer served by dist/server/serve.cjs under
// its CSP, the token taken from the URL fragment (and removed from the address bar), and a page of another
// origin unable to call the API (no CORS: the browser's preflight fails).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/build';
import { tempDir } from './helpers/db';

const ROOT = resolve(__dirname, '..');
let child: ChildProcess;
let browser: Browser;
let url = '';
let port = 0;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  // The renderer is built only when missing (npm test builds everything first).
  ensureBuilt(['dist/server/serve.cjs'], { renderer: !existsSync(resolve(ROOT, 'dist/renderer/index.html')) });
  tmp = tempDir();
  child = spawn(process.execPath, ['dist/server/serve.cjs', '--db', tmp.file('b.sqlite'), '--no-open'], {
    cwd: ROOT,
    env: { ...process.env, BUDGETDESK_DATA_DIR: tmp.dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`serve.cjs exited ${code}: ${out}`)));
  });
  port = Number(new URL(url).port);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  tmp?.cleanup();
});

it('runs the app under its CSP with the token from the fragment, then strips it from the address bar', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(url);
  expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
  // The renderer asked the engine for the database status through the token-checked API and shows the path.
  await expect.poll(() => page.locator('body').innerText()).toContain(tmp.file('b.sqlite'));
  expect(await page.evaluate(() => window.location.hash)).toBe('');
  // A reload keeps working (token kept in sessionStorage), still without the token in the URL.
  await page.reload();
  await expect.poll(() => page.locator('body').innerText()).toContain(tmp.file('b.sqlite'));
  // The page's own API call without the token is refused.
  const status = await page.evaluate(
    async () => (await fetch('/api/db.status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status,
  );
  expect(status).toBe(401);
  expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
  await page.close();
});

it('a page of another origin cannot call the API', async () => {
  const other: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>evil</title>');
  });
  await new Promise<void>((ok) => other.listen(0, '127.0.0.1', () => ok()));
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const outcome = await page.evaluate(async (apiPort) => {
      try {
        const r = await fetch(`http://127.0.0.1:${apiPort}/api/budgets.list`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-BudgetDesk-Token': 'guess' },
          body: '{}',
        });
        return `status ${r.status}`;
      } catch (e) {
        return `blocked: ${(e as Error).name}`;
      }
    }, port);
    expect(outcome).toBe('blocked: TypeError');
    await page.close();
  } finally {
    await new Promise((r) => other.close(r));
  }
});
