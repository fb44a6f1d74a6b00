// Electron main (electron/main.ts) run for real under Node with a stand-in for the `electron` module (the
// Electron binary is not needed): the stand-in records what main asks of Electron and plays the clerk's
// dialogs, while the engine behind it is the real engine loop and handler map over a real SQLite file.
// Checked by behaviour, not by reading source: the window's options, the CSP header on every response,
// navigation and pop-ups refused, IPC from foreign pages refused, files written only where the clerk chose
// in a dialog (exports, 另存备份), and no shell.openExternal at all.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER, type Result } from '../api/contract';
import { attachEngine } from '../electron/engine-loop';
import { createEngine, type Engine } from '../api/handlers';
import { APP_START_URL, IPC_INVOKE } from '../electron/window-options';
import { BUNDLE_DIR, nodeBundle } from './helpers/build';
import { tempDir } from './helpers/db';

const ROOT = resolve(__dirname, '..');
type Fn = (...a: any[]) => any;

// ------------------------------------------------------------------------------------------ the stand-in

interface Recorded {
  windows: { options: Record<string, any>; loaded: string[]; contents: EventEmitter & Record<string, any> }[];
  ipc: Map<string, Fn>;
  protocolHandlers: Map<string, Fn>;
  privileged: unknown[];
  headersHook: Fn | null;
  permissionRequest: Fn | null;
  permissionCheck: Fn | null;
  appEvents: Map<string, Fn[]>;
  openExternal: string[];
  showItemInFolder: string[];
  openPath: string[];
  saveDialogs: Record<string, any>[];
  openDialogs: Record<string, any>[];
  messageBoxes: Record<string, any>[];
  engines: Engine[];
  quits: number;
  focuses: number;
}

function standIn(dataDir: string, answers: { savePath: () => string | null; openPath: () => string | null; messageBoxResponse: () => number }) {
  const rec: Recorded = {
    windows: [],
    ipc: new Map(),
    protocolHandlers: new Map(),
    privileged: [],
    headersHook: null,
    permissionRequest: null,
    permissionCheck: null,
    appEvents: new Map(),
    openExternal: [],
    showItemInFolder: [],
    openPath: [],
    saveDialogs: [],
    openDialogs: [],
    messageBoxes: [],
    engines: [],
    quits: 0,
    focuses: 0,
  };
  let ready!: () => void;
  const whenReady = new Promise<void>((ok) => {
    ready = ok;
  });
  class BrowserWindow extends EventEmitter {
    webContents: EventEmitter & Record<string, any>;
    constructor(options: Record<string, any>) {
      super();
      const contents = Object.assign(new EventEmitter(), { send: () => {}, setWindowOpenHandler: () => {} });
      this.webContents = contents;
      rec.windows.push({ options, loaded: [], contents });
    }
    loadURL(url: string) {
      rec.windows.at(-1)!.loaded.push(url);
      return Promise.resolve();
    }
    setTitle() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      rec.focuses++;
    }
  }
  const electron = {
    app: {
      getVersion: () => '0.0.0-test',
      getPath: (name: string) => join(dataDir, name),
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      on: (ev: string, fn: Fn) => {
        rec.appEvents.set(ev, [...(rec.appEvents.get(ev) ?? []), fn]);
      },
      quit: () => {
        rec.quits++;
      },
      whenReady: () => whenReady,
    },
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => {
        rec.privileged.push(...list);
      },
      handle: (scheme: string, fn: Fn) => {
        rec.protocolHandlers.set(scheme, fn);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => {
          rec.permissionRequest = fn;
        },
        setPermissionCheckHandler: (fn: Fn) => {
          rec.permissionCheck = fn;
        },
        webRequest: {
          onHeadersReceived: (fn: Fn) => {
            rec.headersHook = fn;
          },
        },
      },
    },
    ipcMain: {
      handle: (ch: string, fn: Fn) => {
        rec.ipc.set(ch, fn);
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    net: {
      // file: URLs only, as main uses it.
      fetch: async (url: string) => {
        const p = new URL(url);
        if (p.protocol !== 'file:') throw new Error(`net.fetch of ${url}`);
        return new Response(readFileSync(p), { status: 200, headers: { 'Content-Type': 'text/html' } });
      },
    },
    shell: {
      openExternal: async (u: string) => {
        rec.openExternal.push(u);
      },
      showItemInFolder: (p: string) => {
        rec.showItemInFolder.push(p);
      },
      openPath: async (p: string) => {
        rec.openPath.push(p);
        return '';
      },
    },
    dialog: {
      showSaveDialog: async (_w: unknown, o: Record<string, any>) => {
        rec.saveDialogs.push(o);
        const p = answers.savePath();
        return p ? { canceled: false, filePath: p } : { canceled: true };
      },
      showOpenDialog: async (_w: unknown, o: Record<string, any>) => {
        rec.openDialogs.push(o);
        const p = answers.openPath();
        return p ? { canceled: false, filePaths: [p] } : { canceled: true, filePaths: [] };
      },
      showMessageBox: async (_w: unknown, o: Record<string, any>) => {
        rec.messageBoxes.push(o);
        return { response: answers.messageBoxResponse() };
      },
    },
    // The engine utilityProcess: the real engine loop and handler map, in this process.
    utilityProcess: {
      fork: () => {
        const child = new EventEmitter() as EventEmitter & { postMessage: Fn; kill: Fn };
        const port = new EventEmitter() as EventEmitter & { postMessage: Fn };
        port.postMessage = (m: unknown) => setImmediate(() => child.emit('message', m));
        child.postMessage = (m: unknown) => setImmediate(() => port.emit('message', { data: m }));
        child.kill = () => {};
        const engine = createEngine({ mode: 'electron', defaultDbPath: join(dataDir, 'budgetdesk.sqlite'), version: 'test' });
        rec.engines.push(engine);
        attachEngine(port as never, engine.handlers);
        return child;
      },
    },
  };
  return { electron, rec, ready };
}

// ------------------------------------------------------------------------------------------ set-up

let tmp: ReturnType<typeof tempDir>;
let rendererDir = '';
let rec: Recorded;
let nextSave: string | null = null;
let nextOpen: string | null = null;
let nextBox = 1;
const APP_EVENT = { senderFrame: { url: 'app://budgetdesk/index.html' } } as Record<string, any>;

async function invoke(channel: string, args: unknown, event: Record<string, any> = APP_EVENT): Promise<Result<any>> {
  return rec.ipc.get(IPC_INVOKE)!(event, channel, args);
}
async function must(channel: string, args: unknown): Promise<any> {
  const r = await invoke(channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}
/** Every file under a folder, relative. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
const settle = () => new Promise((ok) => setTimeout(ok, 20));
let mainBundle = '';

beforeAll(async () => {
  tmp = tempDir();
  const dataDir = tmp.file('userData');
  mkdirSync(dataDir, { recursive: true });
  process.env.BUDGETDESK_DATA_DIR = dataDir;
  // Main bundled as the build does (BUNDLE_DIR/electron/main.cjs) beside a stand-in ../renderer it serves.
  const main = (mainBundle = await nodeBundle('electron/main.ts'));
  rendererDir = join(BUNDLE_DIR, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const s = standIn(dataDir, { savePath: () => nextSave, openPath: () => nextOpen, messageBoxResponse: () => nextBox });
  rec = s.rec;
  const M = Module as unknown as { _load: Fn };
  const load = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? s.electron : load.call(this, request, ...rest);
  };
  try {
    createRequire(import.meta.url)(main);
  } finally {
    M._load = load;
  }
  s.ready();
  for (let i = 0; i < 50 && rec.windows.length === 0; i++) await settle();
  APP_EVENT.sender = rec.windows[0]!.contents;
}, 60_000);

afterAll(() => {
  for (const e of rec?.engines ?? []) e.close();
  tmp?.cleanup();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------ window, CSP, navigation

describe('the window main really creates', () => {
  it('is one isolated, sandboxed window without node, loading our app:// page with an absolute preload', () => {
    expect(rec.windows).toHaveLength(1);
    const wp = rec.windows[0]!.options.webPreferences;
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(isAbsolute(wp.preload)).toBe(true);
    expect(rec.windows[0]!.loaded).toEqual([APP_START_URL]);
    expect(rec.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('a second start of the app brings the one window forward instead of opening another', () => {
    const focused = rec.focuses;
    for (const h of rec.appEvents.get('second-instance') ?? []) h();
    expect(rec.focuses).toBe(focused + 1);
    expect(rec.windows).toHaveLength(1);
  });

  // The calls below reach the database through the engine the stand-in's utilityProcess.fork starts.
  it('the database lives in the engine utilityProcess: main itself loads no SQLite', () => {
    expect(readFileSync(mainBundle, 'utf8')).not.toMatch(/better-sqlite3/);
  });

  it('every response carries the CSP header: session hook and the app:// protocol', async () => {
    let out: any;
    rec.headersHook!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r: unknown) => {
      out = r;
    });
    expect(out.responseHeaders['Content-Security-Policy']).toEqual([CSP_HEADER]);
    const serve = rec.protocolHandlers.get('app')!;
    const res: Response = await serve(new Request('app://budgetdesk/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toBe(CSP_HEADER);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    // Outside the renderer folder or another host: not served.
    for (const u of ['app://budgetdesk/..%2f..%2fpackage.json', 'app://budgetdesk/%2e%2e/%2e%2e/package.json', 'app://other/index.html']) {
      const r: Response = await serve(new Request(u));
      expect(r.status, u).not.toBe(200);
    }
  });

  it('permissions are denied; pop-ups, foreign navigation and webviews are refused', () => {
    let granted: boolean | null = null;
    rec.permissionRequest!(null, 'media', (g: boolean) => {
      granted = g;
    });
    expect(granted).toBe(false);
    expect(rec.permissionCheck!(null, 'clipboard-read')).toBe(false);
    const contents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: (fn: Fn) => {
        (contents as any).openHandler = fn;
      },
    });
    for (const h of rec.appEvents.get('web-contents-created') ?? []) h({}, contents);
    expect((contents as any).openHandler({ url: 'https://evil.test/' })).toEqual({ action: 'deny' });
    expect((contents as any).openHandler({ url: 'app://budgetdesk/index.html' })).toEqual({ action: 'deny' });
    const nav = (ev: string, url: string) => {
      let prevented = false;
      contents.emit(
        ev,
        {
          preventDefault: () => {
            prevented = true;
          },
        },
        url,
      );
      return prevented;
    };
    for (const url of ['https://evil.test/', 'file:///etc/passwd', 'http://127.0.0.1:1/', 'javascript:alert(1)']) {
      expect(nav('will-navigate', url), url).toBe(true);
      expect(nav('will-redirect', url), url).toBe(true);
    }
    expect(nav('will-navigate', 'app://budgetdesk/index.html')).toBe(false);
    expect(nav('will-attach-webview', 'x')).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------ IPC and files

describe('IPC through main', () => {
  it('refuses calls from any other page or frame, and unknown channels', async () => {
    for (const url of ['https://evil.test/', 'file:///index.html', 'app://other/index.html', undefined]) {
      const r = await invoke('db.status', {}, { senderFrame: { url }, sender: rec.windows[0]!.contents });
      expect(r.ok === false && r.error.code, String(url)).toBe('forbidden');
    }
    const otherSender = await invoke('db.status', {}, { senderFrame: { url: 'app://budgetdesk/index.html' }, sender: new EventEmitter() });
    expect(otherSender.ok === false && otherSender.error.code).toBe('forbidden');
    for (const ch of ['__proto__', 'fs.writeFile', 'constructor']) {
      const r = await invoke(ch, {});
      expect(r.ok === false && r.error.code).toBe('forbidden');
    }
  });

  it('writes exports and backups only where the clerk chose in a dialog; never opens anything external', async () => {
    const work = tmp.file('work');
    mkdirSync(work);
    await must('db.create', { path: join(work, 'budget.sqlite') });
    await must('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 });
    const budget = { dept: '901', year: 2025 };
    await must('units.add', { budget, unit: { code: '901001', name: '本级' } });
    await must('lines.add', {
      budget,
      lines: [{ unit: '901001', function: '2012901', economic: '30201', kind: 'basic', source: 'general', amount: '100.00' }],
    });
    await settle();
    const outside = tmp.file('elsewhere');
    mkdirSync(outside);
    const snapshot = () =>
      [...files(work).map((f) => `work/${f}`), ...files(outside).map((f) => `elsewhere/${f}`)].filter((f) => !/\.sqlite-(wal|shm)$|\.lock$/.test(f)).sort();
    const before = snapshot();

    // The page cannot name a path for 另存备份: refused, nothing written.
    const direct = await invoke('db.backup', { path: join(outside, 'stolen.sqlite'), overwrite: true });
    expect(direct.ok === false && direct.error.code).toBe('forbidden');
    expect(existsSync(join(outside, 'stolen.sqlite'))).toBe(false);

    // Export: cancelled dialog → nothing; chosen file → exactly that file.
    nextSave = null;
    const cancelled = await must('export.workbook', { budget });
    expect(cancelled).toEqual({ kind: 'cancelled' });
    expect(snapshot()).toEqual(before);
    nextSave = join(outside, '公开表.xlsx');
    nextBox = 0; // the clerk clicks 打开所在文件夹
    const saved = await must('export.workbook', { budget });
    expect(saved).toEqual({ kind: 'saved', path: nextSave });
    await settle();
    expect(snapshot()).toEqual([...before, 'elsewhere/公开表.xlsx'].sort());
    expect(rec.showItemInFolder).toEqual([nextSave]);
    nextBox = 1;

    // 另存备份 through the dialog channel: exactly the chosen file, a real database.
    nextSave = join(outside, '备份.sqlite');
    const b = await must('dialog.saveBackup', {});
    expect(b.path).toBe(nextSave);
    expect(readFileSync(nextSave).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(snapshot()).toEqual([...before, 'elsewhere/公开表.xlsx', 'elsewhere/备份.sqlite'].sort());

    // 从备份恢复 through the dialog: confirmation refused → nothing happens; confirmed → restored.
    await must('lines.add', { budget, lines: [{ unit: '901001', function: '2012901', economic: '30201', kind: 'basic', source: 'general', amount: '5.00' }] });
    nextOpen = nextSave;
    nextBox = 1;
    expect(await must('dialog.restoreBackup', {})).toBeNull();
    expect((await must('lines.list', { budget })).length).toBe(2);
    nextBox = 0;
    const restored = await must('dialog.restoreBackup', {});
    expect(restored.restoredFrom).toBe(nextSave);
    expect((await must('lines.list', { budget })).length).toBe(1);
    expect(rec.openDialogs.at(-1)!.defaultPath).toContain(join('userData', 'backups'));

    expect(rec.openExternal).toEqual([]);
    expect(rec.openPath).toEqual([]);
  });

  it('on quit the database is closed before the engine stops: one self-contained file, nothing left in a -wal', async () => {
    const path = join(tmp.file('work'), 'budget.sqlite');
    expect(existsSync(`${path}-wal`)).toBe(true); // open, in WAL mode
    let prevented = false;
    for (const h of rec.appEvents.get('before-quit') ?? [])
      h({
        preventDefault: () => {
          prevented = true;
        },
      });
    expect(prevented).toBe(true);
    for (let i = 0; i < 250 && rec.quits === 0; i++) await settle();
    expect(rec.quits).toBe(1);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(readFileSync(path)[18]).toBe(1); // rollback journal again
    expect(existsSync(`${path}.lock`)).toBe(false);
    // The second before-quit (from app.quit) goes through.
    let again = false;
    for (const h of rec.appEvents.get('before-quit') ?? [])
      h({
        preventDefault: () => {
          again = true;
        },
      });
    expect(again).toBe(false);
  });

  it('no source of the app calls shell.openExternal / openPath (complements the run above)', () => {
    const hits: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx|mjs|cjs|js)$/.test(f) && /openExternal|shell\.openPath/.test(readFileSync(p, 'utf8'))) hits.push(relative(ROOT, p));
      }
    };
    for (const d of ['electron', 'server', 'renderer', 'core', 'db', 'cli']) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
    expect(hits).toEqual([]);
  });
});
