// One API call to an in-process browser-mode server (server/http.ts startServer) over real HTTP, with its
// token and Host header; the answer is the parsed JSON Result.
import { request } from 'node:http';
import type { RunningServer } from '../../server/http';

export function postApi(srv: RunningServer, channel: string, args: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: srv.port, method: 'POST', path: `/api/${channel}`,
      headers: { 'Content-Type': 'application/json', 'X-BudgetDesk-Token': srv.token, Host: `127.0.0.1:${srv.port}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}

/** The value of a call that must succeed; a refusal fails the test with its channel and message. */
export async function postApiValue(srv: RunningServer, channel: string, args: unknown): Promise<any> {
  const r = await postApi(srv, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}
