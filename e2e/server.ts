// Browser mode for the tests: the real server process (dist/server/serve.cjs) over a real database file,
// started the way a clerk starts it. One place for every spec that needs it (the `browser` transport of
// the fixture, and the specs that drive the server by hand).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SERVE = join(ROOT, 'dist/server/serve.cjs');

export interface BrowserServer {
  /** The printed address, with its #token=… fragment. */
  url: string;
  /** The token alone (for calls from the test itself). */
  token: string;
  /** The server's http://127.0.0.1:<port> origin. */
  origin: string;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then waits for the exit: the server closes its database first. Idempotent. */
  stop(): Promise<void>;
}

/** Spawns `serve.cjs --db <dbPath> --port 0 --no-open` and resolves once it printed its address. */
export async function startBrowserServer(dbPath: string): Promise<BrowserServer> {
  if (!existsSync(SERVE)) throw new Error(`${SERVE} is missing: run node scripts/build.mjs first`);
  const child: ChildProcess = spawn(process.execPath, [SERVE, '--db', dbPath, '--port', '0', '--no-open'], {
    cwd: ROOT,
    env: { ...process.env, BUDGETDESK_NO_OPEN: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*#token=\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`serve.cjs exited (${code}) before printing its address:\n${out}`)));
    child.once('error', fail);
  });
  const u = new URL(url);
  const token = /token=([A-Za-z0-9_-]+)/.exec(u.hash)![1]!;
  return {
    url,
    token,
    origin: u.origin,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
