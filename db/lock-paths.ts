// Where a database's lock files are (db/instance-lock.ts takes them; db/write-guard.ts never writes over them).
// No SQLite here: the desktop app's main process uses it through the write guard.
import { lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Refusal } from './errors';

/** The file's real path (symlinks resolved); for a file not created yet, its real folder + name. */
export function realDbPath(dbPath: string): string {
  const full = resolve(dbPath);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

export function lockPathFor(dbPath: string): string {
  return `${realDbPath(dbPath)}.lock`;
}

/**
 * The per-user folder of inode locks (created 0700; refused when it is not ours). Fixed, not read from the
 * environment (XDG_RUNTIME_DIR, TMPDIR, HOME): every process of the user must find the same lock, however it
 * was started. Windows: the profile folder the system reports for the user.
 */
export function inodeLockDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const base = uid !== null ? `/tmp/budgetdesk-locks-${uid}` : join(userInfo().homedir, 'AppData', 'Local', 'BudgetDesk', 'locks');
  mkdirSync(base, { recursive: true, mode: 0o700 });
  const st = lstatSync(base);
  if (!st.isDirectory() || (uid !== null && st.uid !== uid)) throw new Refusal('io', `无法使用锁文件夹“${base}”：它不是本用户的文件夹，请删除后重试`);
  return base;
}

/** The inode lock of an existing file, or null when the file does not exist (yet). */
export function inodeLockPathFor(dbPath: string): string | null {
  let st;
  try {
    st = statSync(dbPath);
  } catch {
    return null;
  }
  return join(inodeLockDir(), `${st.dev}-${st.ino}.lock`);
}
