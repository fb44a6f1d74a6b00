// Every file BudgetDesk writes (另存备份 / db.backup, the automatic and 恢复前 backups, the CLI's exports, the
// desktop app's exports) goes through guardWritePath first. A careless or hostile path must never replace
// the open database or the files SQLite and BudgetDesk keep beside it: replacing the -wal loses every
// confirmed edit at the next crash, replacing the .lock lets a second instance in. So the path is resolved to
// its real folder and name (symlinks followed) and refused, in Chinese, when it is
// - the open database itself (by real path, or another name of the same file: hard link), its -wal, -shm,
//   -journal, or its lock files; or the -wal/-shm/-journal/.lock of any other existing database;
// - a folder, a device or anything else that is not a plain file;
// - an existing file, unless the clerk confirmed overwriting it AND it is the kind of file being written
//   (a BudgetDesk database or backup for a backup; a workbook for a workbook …) AND it is not read-only.
import { closeSync, existsSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Refusal } from './errors';
import { isBudgetDeskFile, SQLITE_MAGIC } from './file-header';
import { inodeLockPathFor, lockPathFor, realDbPath } from './lock-paths';
import { liveLockOwner } from './lock-owner';

/** What is written, which decides which existing file may be replaced. */
export type WriteKind = 'backup' | 'xlsx' | 'pdf' | 'json' | 'svg';

const KIND_NAMES: Record<WriteKind, string> = { backup: 'BudgetDesk 数据库或备份', xlsx: 'Excel 工作簿', pdf: 'PDF 文件', json: 'JSON 文件', svg: 'SVG 图表' };

export interface WriteTarget {
  kind: WriteKind;
  /** Databases whose files must never be written: the open one (app) or the one being read (CLI). */
  protect: readonly string[];
  /** The clerk confirmed replacing an existing file (save dialog, `overwrite: true`, the CLI's output option). */
  overwrite: boolean;
}

const SIDE_SUFFIXES = ['-wal', '-shm', '-journal'];

function head(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** An existing file of the kind being written (read from its first bytes), so replacing it loses nothing else. */
function sameKind(path: string, kind: WriteKind): boolean {
  if (kind === 'backup') return isBudgetDeskFile(path);
  let b: Buffer;
  try {
    b = head(path, 512);
  } catch {
    return false;
  }
  if (b.length === 0) return true; // an empty file holds nothing
  if (b.subarray(0, 16).equals(SQLITE_MAGIC)) return false; // a database is never an export's to replace
  const text = b
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  switch (kind) {
    case 'xlsx':
      return b[0] === 0x50 && b[1] === 0x4b; // "PK": a zip, as every .xlsx is
    case 'pdf':
      return b.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'json':
      return text.startsWith('{') || text.startsWith('[');
    case 'svg':
      return text.startsWith('<');
  }
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** The real path of `path` (folder resolved; an existing symlink followed to its target). Throws Refusal. */
function realTarget(path: string, what: string): string {
  const full = resolve(path);
  const name = basename(full);
  if (name === '' || name === '.' || name === '..') throw new Refusal('validation', `${what}的保存位置“${path}”不是文件名，请选择一个文件`);
  let dir: string;
  try {
    dir = realpathSync(dirname(full));
  } catch {
    throw new Refusal('validation', `${what}的保存位置“${path}”所在的文件夹不存在，请先创建文件夹或换一个位置`);
  }
  if (!statSync(dir).isDirectory()) throw new Refusal('validation', `${what}的保存位置“${path}”所在的“${dir}”不是文件夹`);
  const target = join(dir, name);
  let lst: Stats;
  try {
    lst = lstatSync(target);
  } catch {
    return target; // a new file
  }
  if (!lst.isSymbolicLink()) return target;
  try {
    return realpathSync(target);
  } catch {
    throw new Refusal('validation', `${what}的保存位置“${path}”是指向不存在位置的快捷方式（符号链接），未写入`);
  }
}

/** The files of one database that nothing may replace: real paths and (for existing ones) dev:inode. */
function protectedFiles(db: string): { paths: Set<string>; inodes: Set<string> } {
  const real = realDbPath(db);
  const paths = new Set<string>([real, ...SIDE_SUFFIXES.map((s) => real + s), lockPathFor(db)]);
  const inode = inodeLockPathFor(db);
  if (inode) paths.add(inode);
  const inodes = new Set<string>();
  for (const p of paths) {
    const st = statOrNull(p);
    if (st) inodes.add(`${st.dev}:${st.ino}`);
  }
  return { paths, inodes };
}

/**
 * Checks a path the app is about to write; returns its real path (write there, via a temp file in the same
 * folder). Throws Refusal ('invalid' for a forbidden target, 'conflict' for an existing file not to replace).
 * `what` names the file for the clerk (备份文件, 工作簿 …).
 */
export function guardWritePath(path: string, what: string, t: WriteTarget): string {
  const target = realTarget(path, what);
  const name = basename(target);
  const st = statOrNull(target);
  const refuse = (why: string): never => {
    throw new Refusal('validation', `${what}不能保存到“${path}”：${why}，未写入任何文件。请换一个文件名或位置`);
  };
  for (const db of t.protect) {
    const p = protectedFiles(db);
    const own = realDbPath(db);
    const ownSt = statOrNull(own);
    if (target === own || (st && ownSt && st.dev === ownSt.dev && st.ino === ownSt.ino)) refuse('这是当前打开的数据库文件本身');
    if (p.paths.has(target) || (st && p.inodes.has(`${st.dev}:${st.ino}`)))
      refuse(`这是当前数据库“${basename(own)}”的日志或锁文件，覆盖它会使已保存的修改丢失`);
  }
  // Another database's journal or lock: same harm for whoever has that database open.
  for (const suffix of [...SIDE_SUFFIXES, '.lock']) {
    if (name.length > suffix.length && name.endsWith(suffix) && existsSync(target.slice(0, -suffix.length)))
      refuse(`这是数据库“${name.slice(0, -suffix.length)}”的日志或锁文件`);
  }
  if (!st) return target;
  if (st.isDirectory()) refuse('这是一个文件夹');
  if (!st.isFile()) refuse('这不是普通文件（可能是设备或管道）');
  // Another instance's database (by any of its names): replacing it under that instance loses its edits, and
  // its old -wal would later be replayed onto the new content.
  if (liveLockOwner(target)) refuse('这是另一个 BudgetDesk 正在打开的数据库，覆盖它会使那边已保存的修改丢失');
  if (!t.overwrite) throw new Refusal('conflict', `文件“${path}”已存在，未覆盖；请换一个文件名`);
  // Mode bits, not access(): an administrator could write anyway, but the owner marked it read-only.
  if ((st.mode & 0o222) === 0) refuse('该文件是只读的');
  if (!sameKind(target, t.kind)) refuse(`该文件已存在且不是 ${KIND_NAMES[t.kind]}，为免误删其中内容，不覆盖它`);
  return target;
}
