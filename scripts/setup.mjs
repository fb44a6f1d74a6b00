// One set-up command for every machine: install dependencies without Electron's binary (which
// some machines cannot download), then try to fetch that binary. Where the download fails, the
// app still runs in browser mode (`npm start` falls back to it), and the tests do not need it.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const ci = process.argv.includes('--ci');

const install = spawnSync(npm, [ci ? 'ci' : 'install', '--no-audit', '--no-fund'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
if (install.status !== 0) process.exit(install.status ?? 1);

if (!ci) {
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...withDownload } = process.env;
  const fetch = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'pipe', env: withDownload, timeout: 300_000 });
  if (fetch.status === 0) console.log('Electron 已就绪：npm start 将启动桌面应用。');
  else console.log('无法下载 Electron 程序（离线或受限网络）：npm start 将以浏览器模式运行。');
}
