// Browser mode as a real process for the trust tests: server/serve.ts bundled for this test process
// (nodeBundle, so dist/ is never rebuilt under other test files), the API called over HTTP with its token.
import { spawn, type ChildProcess } from 'node:child_process';
import { nodeBundle } from './build';

export interface Served {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  out: string;
  call(channel: string, args?: unknown): Promise<any>;
}
export interface Refused {
  code: number | null;
  err: string;
}

const running = new Set<ChildProcess>();

/** Starts serve.ts with `args`; resolves once it prints its address, or with the refusal when it exits first. */
export async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<Served | Refused> {
  const bundle = await nodeBundle('server/serve.ts');
  const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((ok) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))/.exec(out);
      if (!m) return;
      const [, url, port, token] = m;
      const call = async (channel: string, a: unknown = {}) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-BudgetDesk-Token': token! },
          body: JSON.stringify(a),
        });
        return res.json();
      };
      ok({ child, url: url!, port: Number(port), token: token!, out, call });
    });
    child.once('exit', (code) => ok({ code, err }));
  });
}

export function isServed(s: Served | Refused): s is Served {
  return 'call' in s;
}

/** Stops every server this test file started (SIGTERM: the server closes its database and releases its lock). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (c) =>
        new Promise<void>((ok) => {
          if (c.exitCode !== null || c.signalCode !== null) return ok();
          c.once('exit', () => ok());
          c.kill('SIGTERM');
        }),
    ),
  );
}
