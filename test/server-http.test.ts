// Browser-mode transport: real node:http server on 127.0.0.1 over the real handler map and a temp SQLite
// file. Token, Host/Origin (DNS rebinding), body limit, loopback-only bind, no CORS, a real round trip.
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../api/contract';
import { createEngine, type Engine } from '../api/handlers';
import { startServer, type RunningServer } from '../server/http';
import { tempDir } from './helpers/db';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: any;
}

function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          /* static files */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;

const api = (channel: string, args: unknown, headers: Record<string, string> = {}) =>
  send(srv.port, {
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', 'X-BudgetDesk-Token': srv.token, Host: `127.0.0.1:${srv.port}`, ...headers },
    body: JSON.stringify(args),
  });

beforeEach(async () => {
  tmp = tempDir();
  writeFileSync(tmp.file('index.html'), '<!doctype html><title>部门预算编制台</title>');
  writeFileSync(tmp.file('app.js'), 'console.log(1)');
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('s.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 64 * 1024 });
});
afterEach(async () => {
  await srv.close();
  engine.close();
  tmp.cleanup();
});

describe('browser-mode server', () => {
  it('prints a loopback URL with the token in the fragment', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/#token=${srv.token}`);
    expect(srv.token.length).toBeGreaterThanOrEqual(32);
  });

  it('does a real round trip through the handler map', async () => {
    const c = await api('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 });
    expect(c.status).toBe(200);
    expect(c.json).toEqual({ ok: true, value: expect.objectContaining({ dept: '901', year: 2025, total: '0.00' }) });
    const budget = { dept: '901', year: 2025 };
    expect((await api('units.add', { budget, unit: { code: '901001', name: '本级' } })).json.ok).toBe(true);
    const add = await api('lines.add', {
      budget,
      lines: [{ unit: '901001', function: '2012901', economic: '30101', kind: 'basic', source: 'general', amount: '10.10' }],
    });
    expect(add.json.ok).toBe(true);
    const t = await api('budget.totals', { budget });
    expect(t.json.value.total).toBe('10.10');
    // Same validation as everywhere: a refused argument is a 200 with a Result error.
    const bad = await api('lines.add', { budget, lines: [] });
    expect(bad.status).toBe(200);
    expect(bad.json.ok).toBe(false);
    expect(bad.json.error.code).toBe('invalid_args');
  });

  it('requires the token on every API call (401 without or with a wrong one)', async () => {
    const none = await send(srv.port, { path: '/api/db.status', headers: { 'Content-Type': 'application/json', Host: `127.0.0.1:${srv.port}` }, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.json.error.message).toMatch(/令牌/);
    const wrong = await api('db.status', {}, { 'X-BudgetDesk-Token': 'x'.repeat(srv.token.length) });
    expect(wrong.status).toBe(401);
    const right = await api('db.status', {});
    expect(right.status).toBe(200);
  });

  it('refuses foreign Host (DNS rebinding) and foreign Origin with 403; accepts localhost and same origin', async () => {
    const evilHost = await api('db.status', {}, { Host: `evil.example:${srv.port}` });
    expect(evilHost.status).toBe(403);
    const otherPort = await api('db.status', {}, { Host: `127.0.0.1:${srv.port + 1}` });
    expect(otherPort.status).toBe(403);
    const staticEvil = await send(srv.port, { method: 'GET', path: '/', headers: { Host: `rebind.attacker.test:${srv.port}` } });
    expect(staticEvil.status).toBe(403);
    const evilOrigin = await api('db.status', {}, { Origin: 'http://evil.example' });
    expect(evilOrigin.status).toBe(403);
    const nullOrigin = await api('db.status', {}, { Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect((await api('db.status', {}, { Host: `localhost:${srv.port}` })).status).toBe(200);
    expect((await api('db.status', {}, { Origin: `http://127.0.0.1:${srv.port}` })).status).toBe(200);
  });

  it('sends no CORS headers, answers preflights with 405, and accepts JSON bodies only', async () => {
    const pre = await send(srv.port, {
      method: 'OPTIONS',
      path: '/api/db.status',
      headers: { Host: `127.0.0.1:${srv.port}`, Origin: `http://127.0.0.1:${srv.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(405);
    const ok = await api('db.status', {});
    for (const r of [pre, ok]) expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const form = await send(srv.port, {
      path: '/api/db.status',
      headers: { 'Content-Type': 'text/plain', 'X-BudgetDesk-Token': srv.token, Host: `127.0.0.1:${srv.port}` },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('limits the body size (413) and answers unknown channels with 404', async () => {
    const big = await api('lines.add', { pad: 'x'.repeat(100 * 1024) });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toMatch(/请求体超过上限/);
    const unknown = await api('fs.readFile', {});
    expect(unknown.status).toBe(404);
  });

  it('serves the renderer with the CSP header, falls back to index.html, and never leaves the folder', async () => {
    const home = await send(srv.port, { method: 'GET', path: '/', headers: { Host: `127.0.0.1:${srv.port}` } });
    expect(home.status).toBe(200);
    expect(home.headers['content-security-policy']).toBe(CSP_HEADER);
    expect(home.body).toMatch(/部门预算编制台/);
    const route = await send(srv.port, { method: 'GET', path: '/budgets/901/2025', headers: { Host: `127.0.0.1:${srv.port}` } });
    expect(route.body).toMatch(/部门预算编制台/);
    const js = await send(srv.port, { method: 'GET', path: '/app.js', headers: { Host: `127.0.0.1:${srv.port}` } });
    expect(js.headers['content-type']).toMatch(/javascript/);
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/missing.js']) {
      const r = await send(srv.port, { method: 'GET', path, headers: { Host: `127.0.0.1:${srv.port}` } });
      expect(r.status === 403 || r.status === 404).toBe(true);
      expect(r.body).not.toMatch(/root:/);
    }
  });

  it('refuses to bind anywhere but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', 'localhost', '192.168.1.10']) {
      await expect(startServer({ handlers: engine.handlers, rendererDir: null, host })).rejects.toThrow(/只能绑定本机地址 127\.0\.0\.1/);
    }
  });
});
