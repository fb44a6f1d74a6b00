// Browser-mode bridge: the same BudgetDeskBridge as electron/preload.ts, over `POST /api/<channel>` to
// server/serve.ts. Runs in the page (DOM); renderer/bridge.ts uses it when window.budgetdesk is absent.
// Imports only the zod-free channel list and types: the renderer bundle carries no zod.
//
// The server's random token arrives in the URL fragment (#token=…; a fragment never reaches server logs or
// Referer headers). It is moved to sessionStorage and removed from the address bar so that reloads keep
// working and the renderer's own routing sees a clean URL.
import { isChannel, isExportChannel, TOKEN_HEADER, unknownChannel, type Channel } from '../api/channels';
import type { BudgetDeskBridge, Invoke } from '../api/contract';
import type { ExportFile, ExportOutcome, Result } from '../api/result';
const STORAGE_KEY = 'budgetdesk.token';

/** Reads the token from `#token=…` (then strips it) or from sessionStorage. */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (m) {
    storage.setItem(STORAGE_KEY, m[1]!);
    const rest = loc.hash.replace(/(?:^#|&)token=[A-Za-z0-9_-]+/, '').replace(/^&/, '');
    window.history.replaceState(null, '', loc.pathname + loc.search + (rest ? `#${rest}` : ''));
    return m[1]!;
  }
  return storage.getItem(STORAGE_KEY);
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Saves an export through the browser's download (the transport's half of an export channel). */
function download(file: ExportFile): ExportOutcome {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.data)], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { kind: 'downloaded', fileName: file.fileName };
}

/** Set while the page is being hidden or closed: requests then use fetch's keepalive, which outlives the page. */
let unloading = false;
/** Runs fn with every request it starts (synchronously) sent so that it survives the page's unload. */
export function withKeepalive(fn: () => void): void {
  unloading = true;
  try {
    fn();
  } finally {
    unloading = false;
  }
}
/** Browsers refuse keepalive bodies over 64 KiB: a larger one goes as a plain request (still sent while the page lives). */
const KEEPALIVE_MAX = 60_000;

export function createHttpBridge(token: string | null = takeToken()): BudgetDeskBridge {
  const call = async (channel: Channel, args: unknown): Promise<Result<unknown>> => {
    if (!isChannel(channel)) return unknownChannel(channel);
    if (!token) return { ok: false, error: { code: 'forbidden', message: '缺少访问令牌：请使用启动时打印的完整地址（含 #token=…）打开本页' } };
    let res: Response;
    try {
      const body = JSON.stringify(args ?? {});
      res = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body,
        keepalive: unloading && new Blob([body]).size <= KEEPALIVE_MAX,
      });
    } catch {
      return { ok: false, error: { code: 'io', message: '无法连接本机服务：BudgetDesk 服务可能已关闭，请重新运行 npm start' } };
    }
    try {
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `服务返回了无效的响应（HTTP ${res.status}）` } };
    }
  };
  const invoke = (async (channel: Channel, args: unknown) => {
    const r = await call(channel, args);
    if (r.ok && isExportChannel(channel)) return { ok: true, value: download(r.value as ExportFile) };
    return r;
  }) as Invoke;
  return { mode: 'browser', invoke, onMenu: () => () => {} };
}
