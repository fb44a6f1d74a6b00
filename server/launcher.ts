// Opening the browser without showing the token to other users of the machine: a child's command line
// (`ps -eo args`) and environment are readable by them, so the address with `#token=…` is never passed to
// xdg-open / open / start. Instead a small HTML file that redirects to it is written where only the clerk can
// read it (mode 0600, in a 0700 folder of the user's runtime or config folder), and that file is opened.
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder for the launcher: $XDG_RUNTIME_DIR/budgetdesk when set (per user, memory-backed), else `dataDir`. */
export function launcherDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'budgetdesk') : dataDir;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Writes the launcher page (0600) for `url`; returns its path. */
export function writeLauncher(dir: string, url: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!lstatSync(dir).isDirectory()) throw new Error(`launcher folder ${dir} is not a folder`);
  const file = join(dir, 'open-budgetdesk.html');
  rmSync(file, { force: true }); // a fresh file, so the mode below holds even if an old one was wider
  const u = escapeHtml(url);
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${u}">` +
      `<title>BudgetDesk</title><p>正在打开 BudgetDesk…… <a href="${u}">如未自动跳转，请点此处</a></p>\n`,
    { mode: 0o600, flag: 'wx' },
  );
  chmodSync(file, 0o600);
  return file;
}

/** Opens `file` with the default program (detached, environment without anything of ours); errors are ignored. */
export function openFile(file: string): void {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', file]] : process.platform === 'darwin' ? ['open', [file]] : ['xdg-open', [file]];
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    /* the printed address is enough */
  }
}
