// One API call to an in-process browser-mode server (server/http.ts startServer) over real HTTP, with its
// token and Host header; the answer is the parsed JSON Result.
import { request } from 'node:http';
import { createEngine, type Engine } from '../../api/handlers';
import { startServer, type RunningServer } from '../../server/http';

export function postApi(srv: RunningServer, channel: string, args: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: srv.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'Content-Type': 'application/json', 'X-BudgetDesk-Token': srv.token, Host: `127.0.0.1:${srv.port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}

/** The value of a successful call; a refused one fails the test with the channel and the message. */
export async function apiValue(srv: RunningServer, channel: string, args: unknown): Promise<any> {
  const r = await postApi(srv, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

/** An engine over a new database file in `tmp`, served over real HTTP (browser mode's server). */
export async function serveNewDatabase(
  tmp: { dir: string; file(name: string): string },
  name: string,
  bodyLimit = 4 * 1024 * 1024,
): Promise<{ engine: Engine; srv: RunningServer }> {
  const engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file(name), { create: true });
  return { engine, srv: await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit }) };
}
