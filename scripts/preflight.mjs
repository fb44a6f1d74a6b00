// First step of `npm test`: the system packages the tests need on Debian. Missing ones are installed with
// apt-get when running as root (a fresh CI machine); otherwise the test run stops at once with one line
// saying what to install. BUDGETDESK_NO_APT=1 never installs (report only).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each need: the Debian package and how to tell it is there. */
const NEEDS = [
  { pkg: 'chromium', why: 'end-to-end tests and the PDF', present: () => onPath('chromium') },
  { pkg: 'fonts-noto-cjk', why: 'Chinese text in the PDF', present: () => notoCjk() },
  { pkg: 'poppler-utils', why: 'pdftotext reads the PDF back', present: () => onPath('pdftotext') },
  { pkg: 'libreoffice-calc-nogui', why: 'the workbook opens in LibreOffice', present: () => onPath('libreoffice') },
];

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}

function notoCjk() {
  const dirs = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto'];
  return dirs.some((d) => existsSync(d) && readdirSync(d).some((f) => /NotoSansCJK|NotoSerifCJK/.test(f)));
}

const missing = () => NEEDS.filter((n) => !n.present()).map((n) => n.pkg);

let lack = missing();
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (lack.length && root && process.env.BUDGETDESK_NO_APT !== '1' && onPath('apt-get')) {
  process.stdout.write(`正在安装测试所需的系统软件包（installing test dependencies）：${lack.join(' ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...lack], { stdio: 'inherit', env });
  lack = missing();
}
if (lack.length) {
  process.stderr.write(
    `测试缺少系统软件包，请先安装后再运行 npm test（missing test dependencies）：sudo apt-get install -y --no-install-recommends ${lack.join(' ')}\n`,
  );
  process.exit(1);
}
