// One BudgetDesk (desktop engine, browser-mode server, or a writing CLI command: import, new-year, finalize,
// prior-import) per database FILE, whatever name it is reached by. SQLite alone would let two app instances
// interleave edits and undo logs on the same file; its EXCLUSIVE locking mode would also shut out the CLI's
// read-only commands, which must keep working. So two lock files, each created with O_EXCL and holding the
// owner's pid, host and process start time:
// - "<real path of the db>.lock" next to the file: symlinks resolve to the same real path, and it is seen
//   by every user of a shared folder;
// - "<dev>-<inode>.lock" in the user's runtime folder: a hard link has another path but the same inode.
// A lock whose process is gone (crash, SIGKILL) — or whose pid now belongs to a process started after the
// lock was written (pid reused) — is stale and taken over. The CLI's read-only opens take neither.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { fileRefusal, Refusal } from './errors';
import { logErrorDetail } from './error-log';
import { inodeLockPathFor, lockPathFor, realDbPath } from './lock-paths';
import { openDatabase, type BudgetDb, type OpenOptions } from './open';
import { processStartTime } from './process-start';
import { ownerAlive, readOwner, type LockOwner } from './lock-owner';

export { inodeLockPathFor, lockPathFor, realDbPath } from './lock-paths';

export interface InstanceLock {
  readonly path: string;
  release(): void;
}

/** Locks held by this process, by lock path, with a count: reopening the current file must not lock us out. */
const held = new Map<string, number>();

const noSpace = (lockPath: string, cause: unknown) =>
  new Refusal('io', `无法打开数据库：磁盘空间不足，无法写入锁文件“${lockPath}”，未作任何修改。请先清理磁盘空间后再打开`, { cause });

function tryCreate(lockPath: string, file: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw fileRefusal('readonly', `无法打开数据库：数据库所在的文件夹不可写（${lockPath}），请把数据库文件复制到可写的位置（如“文档”）后再打开`, {
        cause: e,
      });
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Refusal('io', `无法打开数据库：文件夹“${dirname(lockPath)}”不存在`, { cause: e });
    if (code === 'ENOSPC') throw noSpace(lockPath, e);
    throw new Refusal('io', `无法创建数据库锁文件“${lockPath}”${logErrorDetail(e, '创建数据库锁文件') ? '（详细信息已记入错误日志）' : ''}`, { cause: e });
  }
  try {
    const start = processStartTime(process.pid);
    writeSync(
      fd,
      JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), ...(start !== null ? { start } : {}), file } satisfies LockOwner),
    );
  } catch (e) {
    // A lock without its owner would read as stale to the next instance: never leave one behind.
    closeSync(fd);
    unlinkSync(lockPath);
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') throw noSpace(lockPath, e);
    throw new Refusal('io', `无法写入数据库锁文件“${lockPath}”${logErrorDetail(e, '写入数据库锁文件') ? '（详细信息已记入错误日志）' : ''}`, { cause: e });
  }
  closeSync(fd);
  return true;
}

/**
 * Takes one lock file, or throws Refusal('locked') naming the other process. Re-entrant within one process
 * (counted). `how` says how the other instance reached the file, for the message.
 */
function acquireLockFile(lockPath: string, dbPath: string, how: string, ownsFile: (owner: LockOwner) => boolean = () => true): InstanceLock {
  const n = held.get(lockPath);
  if (n !== undefined) {
    held.set(lockPath, n + 1);
    return handle(lockPath);
  }
  let waitedForWriter = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath, realDbPath(dbPath))) {
      held.set(lockPath, 1);
      return handle(lockPath);
    }
    const seen = readText(lockPath);
    const owner = readOwner(lockPath);
    if (owner && owner.pid !== process.pid && ownerAlive(owner, lockPath) && ownsFile(owner)) {
      const where = owner.host === hostname() ? `进程号 ${owner.pid}` : `计算机“${owner.host}”上的进程 ${owner.pid}`;
      throw fileRefusal(
        'locked',
        `数据库“${basename(dbPath)}”已被另一个 BudgetDesk 打开${how}（${where}${owner.since ? `，自 ${owner.since}` : ''}），` +
          '为避免两处同时修改造成数据错乱，本次未打开。请先关闭另一个窗口或浏览器模式；' +
          `若确认没有其他 BudgetDesk 在运行，可删除锁文件“${lockPath}”后重试`,
      );
    }
    // No readable owner: another instance may be between creating the file and writing its pid (a few
    // microseconds) — give it a moment once; still empty or garbage afterwards means a crash left it.
    if (!owner && !waitedForWriter) {
      waitedForWriter = true;
      sleepSync(50);
      continue;
    }
    // Stale (owner gone, pid reused, or our own pid from an earlier engine of this process) or unreadable:
    // replace it — unless another instance replaced it meanwhile (then look again).
    if (readText(lockPath) !== seen) continue;
    try {
      unlinkSync(lockPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Refusal('io', `无法清除过期的数据库锁文件“${lockPath}”`, { cause: e });
    }
  }
  throw fileRefusal('locked', `数据库“${basename(dbPath)}”正被另一个 BudgetDesk 打开，请稍后重试`);
}

/** The lock next to the file's real path (symlinks lead here). */
export function acquireInstanceLock(dbPath: string): InstanceLock {
  return acquireLockFile(lockPathFor(dbPath), dbPath, '');
}

/** The lock of the file's inode (hard links lead here); a no-op handle when the file does not exist yet. */
export function acquireInodeLock(dbPath: string): InstanceLock {
  const p = inodeLockPathFor(dbPath);
  if (p === null) return { path: '', release() {} };
  // The owner's file deleted (or replaced) and its inode number reused by this one: not the owner's file.
  return acquireLockFile(p, dbPath, '（通过另一个文件名或链接）', (owner) => owner.file === undefined || inodeLockPathFor(owner.file) === p);
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
    throw fileRefusal(
      'readonly',
      `数据库文件“${basename(full)}”是只读的，BudgetDesk 需要写入才能编辑，未打开也未作任何修改。请在文件属性中取消“只读”，或把它复制到可写的位置后再打开`,
    );
  }
  const locks = [acquireInstanceLock(full)];
  const releaseAll = () => {
    for (const l of locks.reverse()) l.release();
  };
  let db: BudgetDb | undefined;
  try {
    locks.push(acquireInodeLock(full)); // before SQLite touches an existing file
    db = openDatabase(full, opts);
    if (locks[1]!.path === '') locks.push(acquireInodeLock(full)); // a file created just now
  } catch (e) {
    db?.close();
    releaseAll();
    throw e;
  }
  const opened = db;
  const close = opened.close.bind(opened);
  opened.close = () => {
    try {
      close();
    } finally {
      releaseAll();
    }
  };
  return opened;
}
