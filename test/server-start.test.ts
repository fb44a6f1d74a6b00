// `npm start` where Electron cannot run: scripts/start.mjs prints its one fallback line and serves the
// app in browser mode. Electron is made unavailable through electron's own ELECTRON_OVERRIDE_DIST_PATH
// (pointing at an empty folder), so the test means the same on machines that do have the binary.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/build';
import { tempDir } from './helpers/db';

const ROOT = resolve(__dirname, '..');

beforeAll(() => ensureBuilt(['dist/server/serve.cjs']));

let child: ChildProcess | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  child = null;
  tmp?.cleanup();
});

/** Collects stdout until `re` matches; resolves with everything read so far. */
function waitFor(c: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((resolveOut, reject) => {
    let out = '';
    let err = '';
    c.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (re.test(out)) resolveOut(out);
    });
    c.stderr!.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    c.once('exit', (code) => reject(new Error(`start.mjs exited (${code}) before serving:\n${out}\n${err}`)));
  });
}

describe('npm start fallback', () => {
  it('prints one line that Electron is unavailable, then serves the API with its token', async () => {
    tmp = tempDir();
    child = spawn(process.execPath, ['scripts/start.mjs', '--db', tmp.file('start.sqlite')], {
      cwd: ROOT,
      env: { ...process.env, BUDGETDESK_NO_OPEN: '1', BUDGETDESK_DATA_DIR: tmp.dir, ELECTRON_OVERRIDE_DIST_PATH: tmp.file('no-electron-here') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = await waitFor(child, /#token=[A-Za-z0-9_-]+/);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/Electron 不可用，改用浏览器模式 \(Electron is unavailable; starting browser mode\)/);
    expect(lines.filter((l) => /Electron/.test(l))).toHaveLength(1);

    const m = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/.exec(out)!;
    const [, port, token] = m;
    const res = await fetch(`http://127.0.0.1:${port}/api/db.status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-BudgetDesk-Token': token! },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: expect.objectContaining({ open: true, path: tmp.file('start.sqlite') }) });
    const noToken = await fetch(`http://127.0.0.1:${port}/api/db.status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
  });

  it('serve.cjs refuses a non-loopback host', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['dist/server/serve.cjs', '--host', '0.0.0.0', '--no-open'], {
        cwd: ROOT,
        stdio: 'pipe',
        env: { ...process.env, BUDGETDESK_DATA_DIR: '/nonexistent-budgetdesk' },
      });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/拒绝监听 0\.0\.0\.0/);
  });
});
