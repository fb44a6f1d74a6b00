// `npm start` (after `npm run build`): the desktop app when the Electron binary is present, else browser mode.
//
// better-sqlite3 is a native module built for one ABI. node_modules keeps the plain-Node build (tests, CLI,
// browser mode). For Electron, a second copy is built once into node_modules/.cache/budgetdesk-electron with
// @electron/rebuild, and its path is handed to the engine process in BUDGETDESK_SQLITE_NODE
// (electron/native-binding.ts loads it from there). node_modules/better-sqlite3 is never touched, so tests
// keep working while the app runs. (`npm run rebuild:electron` rebuilds in place instead — it breaks plain
// Node until `npm rebuild better-sqlite3`; use it only right before packaging, as `npm run dist` does.)
//
// BUDGETDESK_NO_ELECTRON=1 forces browser mode; BUDGETDESK_NO_OPEN=1 keeps it from opening a browser.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

/** The Electron executable, or null when the package or its binary is missing (ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronBinary() {
  if (process.env.BUDGETDESK_NO_ELECTRON === '1') return null;
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** Runs a child with our stdio and passes its exit code (and Ctrl+C) through. */
function run(cmd, cmdArgs, env = process.env) {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env, cwd: root });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** better_sqlite3.node built for this Electron, cached per Electron version; null when it cannot be built. */
function electronSqliteBinding() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const cache = join(root, 'node_modules', '.cache', 'budgetdesk-electron', `electron-${electronVersion}-sqlite-${sqliteVersion}`);
  const binding = join(cache, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log('首次以桌面模式启动：正在为 Electron 编译 better-sqlite3（只需一次）… (building better-sqlite3 for Electron, once)');
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(join(cache, 'node_modules'), { recursive: true });
  writeFileSync(
    join(cache, 'package.json'),
    JSON.stringify({ name: 'budgetdesk-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
  );
  cpSync(sqliteDir, join(cache, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (src) => !src.includes(`${join(sqliteDir, 'build')}`) });
  const rebuild = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-rebuild.cmd' : 'electron-rebuild');
  const r = spawnSync(rebuild, ['-f', '-w', 'better-sqlite3', '-v', electronVersion, '-m', cache], {
    stdio: 'inherit',
    cwd: root,
    shell: process.platform === 'win32',
  });
  return r.status === 0 && existsSync(binding) ? binding : null;
}

function browserMode(reason) {
  console.log(`${reason}，改用浏览器模式 (${reason === 'Electron 不可用' ? 'Electron is unavailable' : 'desktop mode failed'}; starting browser mode)`);
  const serve = join(root, 'dist', 'server', 'serve.cjs');
  if (!existsSync(serve)) {
    console.error('未找到 dist/server/serve.cjs，请先运行 npm run build (run npm run build first)');
    process.exit(1);
  }
  run(process.execPath, [serve, ...args]);
}

const electron = electronBinary();
if (!electron) {
  browserMode('Electron 不可用');
} else {
  const binding = electronSqliteBinding();
  if (!binding) browserMode('无法为 Electron 编译 better-sqlite3');
  else run(electron, [root, ...args], { ...process.env, BUDGETDESK_SQLITE_NODE: binding });
}
