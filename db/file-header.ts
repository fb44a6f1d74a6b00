// What a database file says about itself, read from its bytes — no SQLite connection. Opening a file with
// SQLite can change it (a pending -wal is replayed and checkpointed when the connection closes), so the
// checks that must leave a foreign or newer file byte-for-byte as it was read the header directly: the main
// file's page 1, and the newest copy of page 1 in a pending -wal (the version a newer BudgetDesk wrote last).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** "BDSK" — PRAGMA application_id of every BudgetDesk database and backup. */
export const APPLICATION_ID = 0x4244534b;

export interface HeaderInfo {
  /** The file starts with the SQLite magic. */
  sqlite: boolean;
  /** PRAGMA user_version (offset 60 of page 1), the highest found in the file and its pending -wal. */
  userVersion: number;
  /** PRAGMA application_id (offset 68 of page 1). */
  applicationId: number;
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  const n = readSync(fd, buf, 0, len, pos);
  return buf.subarray(0, n);
}

/** Page 1 header fields of the main file; null when the file is not SQLite. */
function mainHeader(path: string): HeaderInfo {
  const fd = openSync(path, 'r');
  try {
    const head = readAt(fd, 0, 100);
    if (head.length < 100 || !head.subarray(0, 16).equals(SQLITE_MAGIC)) return { sqlite: false, userVersion: 0, applicationId: 0 };
    return { sqlite: true, userVersion: head.readUInt32BE(60), applicationId: head.readUInt32BE(68) };
  } finally {
    closeSync(fd);
  }
}

const WAL_MAGIC = [0x377f0682, 0x377f0683];

/**
 * The header fields of the last copy of page 1 in `<path>-wal` whose salts match the WAL header (frames of
 * the current WAL generation), or null when there is no such frame. Reads frame headers only.
 */
export function walPage1(walPath: string): { userVersion: number; applicationId: number } | null {
  let fd: number;
  try {
    fd = openSync(walPath, 'r');
  } catch {
    return null; // no -wal: nothing pending
  }
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, 32);
    if (head.length < 32 || !WAL_MAGIC.includes(head.readUInt32BE(0))) return null;
    const pageSize = head.readUInt32BE(8) === 1 ? 65536 : head.readUInt32BE(8);
    if (pageSize < 512 || pageSize > 65536) return null;
    const salt1 = head.readUInt32BE(16);
    const salt2 = head.readUInt32BE(20);
    let found: { userVersion: number; applicationId: number } | null = null;
    for (let pos = 32; pos + 24 + pageSize <= size; pos += 24 + pageSize) {
      const fh = readAt(fd, pos, 24);
      if (fh.readUInt32BE(8) !== salt1 || fh.readUInt32BE(12) !== salt2) break; // left over from an older generation
      if (fh.readUInt32BE(0) !== 1) continue;
      const page = readAt(fd, pos + 24, 100);
      if (page.length === 100) found = { userVersion: page.readUInt32BE(60), applicationId: page.readUInt32BE(68) };
    }
    return found;
  } finally {
    closeSync(fd);
  }
}

/** The file's SQLite header, with the version raised to what a pending -wal holds. Throws fs errors. */
export function readHeaderInfo(path: string): HeaderInfo {
  const main = mainHeader(path);
  if (!main.sqlite) return main;
  const wal = walPage1(`${path}-wal`);
  if (!wal) return main;
  return { sqlite: true, userVersion: Math.max(main.userVersion, wal.userVersion), applicationId: wal.applicationId || main.applicationId };
}

/** A BudgetDesk database or backup (by its header: SQLite with our application_id). Never throws. */
export function isBudgetDeskFile(path: string): boolean {
  try {
    const h = readHeaderInfo(path);
    return h.sqlite && h.applicationId === APPLICATION_ID;
  } catch {
    return false;
  }
}
