// One BudgetDesk (desktop engine or browser-mode server) per database file. SQLite alone would let two
// app instances interleave edits and undo logs on the same file; its EXCLUSIVE locking mode would also
// shut out the CLI's read-only export, which must keep working. So: a lock file "<db>.lock" holding the
// owner's pid and host, created with O_EXCL. A lock whose process is gone (crash, SIGKILL) is stale and
// taken over. The CLI's read-only opens do not take it.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, resolve } from 'node:path';
import { fileRefusal, Refusal } from './errors';
import { openDatabase, type BudgetDb, type OpenOptions } from './open';

export interface LockOwner { pid: number; host: string; since: string }
export interface InstanceLock { readonly path: string; release(): void }

export function lockPathFor(dbPath: string): string {
  return `${resolve(dbPath)}.lock`;
}

/** Locks held by this process, by lock path, with a count: reopening the current file must not lock us out. */
const held = new Map<string, number>();

function readOwner(lockPath: string): LockOwner | null {
  try {
    const v = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 && typeof v.host === 'string') return { pid: v.pid, host: v.host, since: String(v.since ?? '') };
  } catch {
    /* unreadable or half-written: treated as stale below */
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw fileRefusal('readonly', `无法打开数据库：数据库所在的文件夹不可写（${lockPath}），请把数据库文件复制到可写的位置（如“文档”）后再打开`, { cause: e });
    throw new Refusal('io', `无法创建数据库锁文件“${lockPath}”：${(e as Error).message}`, { cause: e });
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies LockOwner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the instance lock of a database file, or throws an 'io' Refusal (file: 'locked') naming the other process.
 * Re-entrant within one process (counted).
 */
export function acquireInstanceLock(dbPath: string): InstanceLock {
  const lockPath = lockPathFor(dbPath);
  const n = held.get(lockPath);
  if (n !== undefined) {
    held.set(lockPath, n + 1);
    return handle(lockPath);
  }
  let waitedForWriter = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath)) {
      held.set(lockPath, 1);
      return handle(lockPath);
    }
    const seen = readText(lockPath);
    const owner = readOwner(lockPath);
    const sameHost = owner?.host === hostname();
    if (owner && owner.pid !== process.pid && (!sameHost || alive(owner.pid))) {
      const where = sameHost ? `进程号 ${owner.pid}` : `计算机“${owner.host}”上的进程 ${owner.pid}`;
      throw fileRefusal('locked', `数据库“${basename(dbPath)}”已被另一个 BudgetDesk 打开（${where}${owner.since ? `，自 ${owner.since}` : ''}），为避免两处同时修改造成数据错乱，本次未打开。请先关闭另一个窗口或浏览器模式；若确认没有其他 BudgetDesk 在运行，可删除锁文件“${lockPath}”后重试`);
    }
    // No readable owner: another instance may be between creating the file and writing its pid (a few
    // microseconds) — give it a moment once; still empty or garbage afterwards means a crash left it.
    if (!owner && !waitedForWriter) {
      waitedForWriter = true;
      sleepSync(50);
      continue;
    }
    // Stale (owner gone, or our own pid from an earlier engine of this process) or unreadable: replace it —
    // unless another instance replaced it meanwhile (then look again).
    if (readText(lockPath) !== seen) continue;
    try {
      unlinkSync(lockPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Refusal('io', `无法清除过期的数据库锁文件“${lockPath}”：${(e as Error).message}`, { cause: e });
    }
  }
  throw fileRefusal('locked', `数据库“${basename(dbPath)}”正被另一个 BudgetDesk 打开，请稍后重试`);
}

function readText(lockPath: string): string | null {
  try {
    return readFileSync(lockPath, 'utf8');
  } catch {
    return null;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function handle(lockPath: string): InstanceLock {
  let released = false;
  return {
    path: lockPath,
    release() {
      if (released) return;
      released = true;
      const n = (held.get(lockPath) ?? 1) - 1;
      if (n > 0) {
        held.set(lockPath, n);
        return;
      }
      held.delete(lockPath);
      // Only remove a lock that is still ours.
      if (readOwner(lockPath)?.pid === process.pid) {
        try {
          unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      }
    },
  };
}

/** POSIX write bits all clear (chmod 444), or the Windows read-only attribute (Node maps it the same way). */
export function isReadOnlyFile(path: string): boolean {
  try {
    return (statSync(path).mode & 0o222) === 0;
  } catch {
    return false;
  }
}

/**
 * The app's and browser mode's open: refuses a read-only file before SQLite touches it (even when the
 * process could override the permission, e.g. as an administrator), takes the instance lock, then
 * openDatabase. The returned handle's close() releases the lock.
 */
export function openLockedDatabase(path: string, opts: Omit<OpenOptions, 'readonly'> = {}): BudgetDb {
  const full = resolve(path);
  if (isReadOnlyFile(full)) {
    throw fileRefusal('readonly', `数据库文件“${basename(full)}”是只读的，BudgetDesk 需要写入才能编辑，未打开也未作任何修改。请在文件属性中取消“只读”，或把它复制到可写的位置后再打开`);
  }
  const lock = acquireInstanceLock(full);
  let db: BudgetDb;
  try {
    db = openDatabase(full, opts);
  } catch (e) {
    lock.release();
    throw e;
  }
  const close = db.close.bind(db);
  db.close = () => {
    try {
      close();
    } finally {
      lock.release();
    }
  };
  return db;
}
