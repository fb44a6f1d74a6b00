// Browser mode transport: a small node:http server on 127.0.0.1 only, serving the built renderer and
// `POST /api/<channel>` → the same handler map (each handler validates its argument with the contract's
// zod schema). Other people's web pages and other local users must not reach the budget:
// - bound to 127.0.0.1 only (any other host is refused at start);
// - a random token, generated at start, required on every API call (header X-BudgetDesk-Token);
// - Host must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding) and Origin, when sent, the same;
// - no CORS headers at all, JSON bodies only, bounded body size.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { internalFailureMessage } from '../db/error-log';
import type { RawHandlers } from '../api/api';
import { isChannel, TOKEN_HEADER } from '../api/channels';
import { CSP_HEADER } from '../api/csp';
import type { AppError, Result } from '../api/result';

/** Node lower-cases incoming header names. */
const TOKEN_HEADER_IN = TOKEN_HEADER.toLowerCase();
/** A 30,000-line budget file is ~6 MB as JSON; catalog workbooks travel base64. */
export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;

export interface ServerOptions {
  handlers: RawHandlers;
  /** dist/renderer; static files are not served when it is null. */
  rendererDir: string | null;
  host?: string;
  /** 0 = a free port chosen by the OS. */
  port?: number;
  token?: string;
  bodyLimit?: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  /** The address to open, token in the fragment. */
  url: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Only the IPv4 loopback address: "localhost" may resolve elsewhere and ::1 is not always present. */
export function assertLoopbackHost(host: string): void {
  if (host !== '127.0.0.1') throw new Error(`拒绝监听 ${host}：浏览器模式只能绑定本机地址 127.0.0.1（refusing to bind to a non-loopback address）`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: AppError['code'], message: string): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

function tokenMatches(expected: Buffer, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

/** Reads the body up to `limit` bytes; null when it is larger (the request is then answered 413). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolveBody(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const rendererDir = opts.rendererDir ? resolve(opts.rendererDir) : null;
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'forbidden', '接口只接受 POST 请求');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return sendError(res, 403, 'forbidden', `拒绝来自 ${origin} 的请求：只接受本机页面的调用`);
    if (!tokenMatches(tokenBuf, req.headers[TOKEN_HEADER_IN]))
      return sendError(res, 401, 'forbidden', '访问令牌缺失或错误：请使用启动时打印的完整地址打开本页');
    // JSON only: a cross-site form can send only "simple" content types.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return sendError(res, 415, 'invalid_args', '请求体必须是 JSON（Content-Type: application/json）');
    if (!isChannel(channel)) return sendError(res, 404, 'invalid_args', `未知的调用通道“${channel}”`);
    const body = await readBody(req, limit);
    if (body === null) return sendError(res, 413, 'invalid_args', `请求体超过上限 ${Math.round(limit / 1024 / 1024)} MB`);
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, 'invalid_args', '请求体不是有效的 JSON');
    }
    const handler = opts.handlers[channel] as (a: unknown) => Promise<Result<unknown>>;
    let result: Result<unknown>;
    try {
      result = await handler(args);
    } catch (e) {
      // Handlers never throw by contract; this is a last guard so the server answers anyway.
      result = { ok: false, error: { code: 'internal', message: internalFailureMessage(e, '操作') } };
    }
    sendJson(res, 200, result);
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'forbidden', '只接受 GET 请求');
    if (!rendererDir) return sendError(res, 404, 'not_found', '未找到页面（界面尚未构建：请先运行 npm run build）');
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return sendError(res, 400, 'invalid_args', '无效的路径');
    }
    let file = normalize(join(rendererDir, rel));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return sendError(res, 403, 'forbidden', '拒绝访问该路径');
    let st = statSafe(file);
    if (!st || st.isDirectory()) {
      // Single-page app: unknown paths get index.html (but not missing assets, which should 404).
      file = join(rendererDir, 'index.html');
      st = extname(rel) === '' ? statSafe(file) : null;
      if (!st) return sendError(res, 404, 'not_found', `未找到 ${rel}`);
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': st.size });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still carries its own Host.
    if (!allowedHosts().has(req.headers.host ?? ''))
      return sendError(res, 403, 'forbidden', `拒绝主机名 ${req.headers.host ?? '（空）'}：只接受 127.0.0.1:${port} 或 localhost:${port}`);
    const pathname = (req.url ?? '/').split('?')[0]!;
    const api = /^\/api\/([A-Za-z0-9._-]+)$/.exec(pathname);
    const work = api ? handleApi(req, res, api[1]!) : Promise.resolve(handleStatic(req, res, pathname));
    work.catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'internal', internalFailureMessage(e, '请求'));
      else res.destroy();
    });
  });
  server.requestTimeout = 10 * 60_000; // big imports are slow, but not forever

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function statSafe(p: string): import('node:fs').Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
