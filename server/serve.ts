// Browser mode (`npm run serve`, or `npm start` where Electron is unavailable): the same handler map as the
// desktop app, over HTTP on 127.0.0.1, with the built renderer. Built to dist/server/serve.cjs.
//
//   node dist/server/serve.cjs [--db PATH] [--port N] [--no-open]
//
// BUDGETDESK_NO_OPEN=1 has the same effect as --no-open (tests, headless machines).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createEngine } from '../api/handlers';
import { defaultDbPath, errorLogPath, startupDb, userDataDir } from '../api/paths';
import { launcherDir, openFile, writeLauncher } from './launcher';
import { internalFailureMessage, setErrorLogFile } from '../db/error-log';
import { Refusal } from '../db/errors';
import { assertLoopbackHost, startServer } from './http';

const USAGE = '用法：node dist/server/serve.cjs [--db 数据库文件] [--port 端口] [--no-open]';

interface Options {
  db: string | null;
  port: number;
  host: string;
  open: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { db: null, port: 0, host: '127.0.0.1', open: process.env.BUDGETDESK_NO_OPEN !== '1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) fail(`选项 ${a} 缺少取值。${USAGE}`);
      return v;
    };
    if (a === '--db') o.db = next();
    else if (a === '--port') {
      const p = Number(next());
      if (!Number.isInteger(p) || p < 0 || p > 65535) fail(`端口必须是 0–65535 之间的整数。${USAGE}`);
      o.port = p;
    } else if (a === '--host') o.host = next();
    else if (a === '--no-open') o.open = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`未知选项 ${a}。${USAGE}`);
  }
  return o;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The default browser, through a launcher file: the token never stands on a command line (server/launcher.ts). */
function openBrowser(url: string): () => void {
  let file: string;
  try {
    file = writeLauncher(launcherDir(userDataDir()), url);
  } catch {
    process.stderr.write('注意：未能自动打开浏览器，请手动打开上面的地址\n');
    return () => {};
  }
  openFile(file);
  return () => rmSync(file, { force: true });
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  setErrorLogFile(errorLogPath());
  try {
    assertLoopbackHost(opts.host);
  } catch (e) {
    fail((e as Error).message);
  }
  const engine = createEngine({ mode: 'browser', defaultDbPath: defaultDbPath(), version: process.env.npm_package_version ?? '0.1.0' });
  // --db, else the database the desktop app used last, else the shared default location (created when missing).
  const dbPath = resolve(opts.db ?? startupDb() ?? defaultDbPath());
  try {
    if (!existsSync(dbPath)) mkdirSync(dirname(dbPath), { recursive: true });
    engine.open(dbPath, { create: true });
  } catch (e) {
    fail(`无法打开数据库 ${dbPath}：${e instanceof Refusal ? e.message : internalFailureMessage(e, '打开数据库')}`);
  }
  const rendererDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) process.stderr.write(`注意：未找到界面文件 ${rendererDir}/index.html，请先运行 npm run build\n`);

  const server = await startServer({ handlers: engine.handlers, rendererDir, host: opts.host, port: opts.port });
  process.stdout.write(`BudgetDesk 浏览器模式已启动（数据库：${dbPath}）\n请在浏览器中打开：${server.url}\n按 Ctrl+C 退出。\n`);
  const removeLauncher = opts.open ? openBrowser(server.url) : () => {};

  const stop = () => {
    void server.close().finally(() => {
      removeLauncher();
      engine.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
