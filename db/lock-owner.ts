// Who holds a database's lock, read from the lock files (db/instance-lock.ts writes them). No SQLite here:
// the write guard (also used by the desktop app's main process) asks it whether a target is in use.
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { inodeLockPathFor, lockPathFor } from './lock-paths';
import { processStartTime, startedAfter } from './process-start';

/** `file`: the database's real path when the lock was taken (an inode lock is the inode's only while that path still leads to it). */
export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  start?: string;
  file?: string;
}

export function readOwner(lockPath: string): LockOwner | null {
  try {
    const v = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 && typeof v.host === 'string') {
      const start = typeof v.start === 'string' ? { start: v.start } : {};
      return { pid: v.pid, host: v.host, since: String(v.since ?? ''), ...start, ...(typeof v.file === 'string' ? { file: v.file } : {}) };
    }
  } catch {
    /* unreadable or half-written: treated as stale */
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

/** The owner still holds the lock: same host, its pid alive and still the same process (start time). */
export function ownerAlive(owner: LockOwner, lockPath: string): boolean {
  if (owner.host !== hostname()) return true; // another computer: cannot tell, assume it is there
  if (!alive(owner.pid)) return false;
  const now = processStartTime(owner.pid);
  if (now === null) return true; // no /proc: the pid is all we know
  if (owner.start !== undefined) return owner.start === now;
  // A lock of an older BudgetDesk without start time: a process started after the lock was written is not its owner.
  let written: number;
  try {
    written = statSync(lockPath).mtimeMs;
  } catch {
    return false;
  }
  return !startedAfter(owner.pid, written);
}

/** The live owner of either lock of an existing database file (any process, this one included), or null. */
export function liveLockOwner(dbPath: string): LockOwner | null {
  const inode = inodeLockPathFor(dbPath);
  for (const lock of [lockPathFor(dbPath), ...(inode ? [inode] : [])]) {
    const owner = readOwner(lock);
    if (owner && ownerAlive(owner, lock) && (lock !== inode || owner.file === undefined || inodeLockPathFor(owner.file) === inode)) return owner;
  }
  return null;
}
