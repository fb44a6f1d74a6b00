// Helpers shared by the CLI commands: files, the database, choosing a budget.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listBudgetEntries, type BudgetEntry } from '../db/budgets';
import { openDatabase, type BudgetDb } from '../db/open';
import { openLockedDatabase, realDbPath } from '../db/instance-lock';
import { readHeaderInfo } from '../db/file-header';
import { LATEST_VERSION } from '../db/migrations';
import { guardWritePath, type WriteKind } from '../db/write-guard';
import { MAX_BUDGET_FILE_CHARS, MAX_BUDGET_FILE_WORDS } from '../core/limits';
import { decodeBudgetFile } from '../core/budget-file';
import { CliError } from './errors';
import { BACKUP_REASON_NAMES, writeBackup } from '../db/backup';
import type { BackupWriter } from '../db/bulk-write';
import { USAGE } from './commands/usage';
import { logErrorDetail } from '../db/error-log';

function fsReason(e: unknown): string {
  const code = (e as { code?: string })?.code;
  switch (code) {
    case 'ENOENT':
      return '文件或文件夹不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有权限';
    case 'EISDIR':
      return '这是一个文件夹';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EROFS':
      return '文件系统是只读的';
    case 'ENOTDIR':
      return '路径中有一段是文件而不是文件夹';
    default:
      return `系统错误（${logErrorDetail(e, '读写文件') ? '详细信息已记入错误日志' : ((e as { code?: string })?.code ?? '未知原因')}）`;
  }
}

export function readBytes(path: string, what = '文件'): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CliError(`无法读取${what}“${path}”：${fsReason(e)}`);
  }
}

/**
 * A budget file's text, read in pieces: refused (before the rest is read) as soon as it exceeds the
 * budget-file limit, so a huge file never sits in memory whole. Invalid UTF-8 is left to the parser's message.
 */
export function readBudgetFileText(path: string, what = '预算文件'): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new CliError(`无法读取${what}“${path}”：${fsReason(e)}`);
  }
  const cannot = (e: unknown) => new CliError(`无法读取${what}“${path}”：${fsReason(e)}`);
  const tooBig = () => new CliError(`${what}未导入：“${path}”超过 ${MAX_BUDGET_FILE_WORDS}的上限`);
  try {
    let size: number;
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      size = st.size;
    } catch (e) {
      throw cannot(e);
    }
    // UTF-8 needs at most 3 bytes per UTF-16 unit: a larger file cannot be within the limit.
    if (size > MAX_BUDGET_FILE_CHARS * 3) throw tooBig();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const parts: string[] = [];
    const buf = Buffer.alloc(1 << 20);
    let chars = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw cannot(e);
      }
      let s: string;
      try {
        s = n === 0 ? decoder.decode() : decoder.decode(buf.subarray(0, n), { stream: true });
      } catch {
        const bad = decodeBudgetFile(Uint8Array.of(0xff)); // the parser's one sentence about the encoding
        throw new CliError(bad.ok ? `${what}不是 UTF-8 编码` : bad.message);
      }
      chars += s.length;
      if (chars > MAX_BUDGET_FILE_CHARS) throw tooBig();
      parts.push(s);
      if (n === 0) return parts.join('');
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The database of a command, opened as its entry in ./commands/usage.ts declares: a writing command through the one writing gate
 * (db/instance-lock.ts openLockedDatabase: the lock on the real file, read-only files refused, even for an
 * administrator); a reading command read-only, so not a byte of the file changes.
 */
export function openCommandDb(command: keyof typeof USAGE, path: string, opts: { create?: boolean } = {}): BudgetDb {
  return USAGE[command].writes ? openLockedDatabase(path, { create: opts.create ?? false }) : openForReading(path);
}

/**
 * Read-only. A file of an older BudgetDesk is first brought up to date through the writing gate (as the app
 * does on open), unless it is read-only: then it is refused with the reason.
 */
function openForReading(path: string): BudgetDb {
  let version = 0;
  try {
    version = readHeaderInfo(realDbPath(path)).userVersion;
  } catch {
    /* unreadable or missing: openDatabase says why */
  }
  if (version > 0 && version < LATEST_VERSION) openLockedDatabase(path, { create: false }).close();
  return openDatabase(path, { readonly: true, create: false });
}

/**
 * Writes an output file via a temporary file and rename, so an interrupted export never leaves half a file.
 * The path is guarded first (db/write-guard.ts): never the database `protect` names nor its journal or lock
 * files; an existing file is replaced only when it is the same kind of file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, what: string, guard: { kind: WriteKind; protect: readonly string[] }): void {
  const target = guardWritePath(path, what, { ...guard, overwrite: true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`无法写入${what}“${path}”：${fsReason(e)}`);
  }
}

export function describeBudget(b: Pick<BudgetEntry, 'deptCode' | 'deptName' | 'year'>): string {
  return `${b.deptCode} ${b.deptName} ${b.year} 年`;
}

/** The budget of `year` (and `dept` when given); without dept the year must have exactly one department. */
export function chooseBudget(db: BudgetDb, year: number, dept: string | undefined): BudgetEntry {
  const all = listBudgetEntries(db);
  const ofYear = all.filter((b) => b.year === year);
  if (dept !== undefined) {
    const b = ofYear.find((x) => x.deptCode === dept);
    if (!b) {
      const others = all.filter((x) => x.deptCode === dept).map((x) => x.year);
      throw new CliError(`数据库中没有部门 ${dept} ${year} 年的预算${others.length ? `（该部门已有 ${others.join('、')} 年）` : ''}`);
    }
    return b;
  }
  if (ofYear.length === 1) return ofYear[0]!;
  if (ofYear.length === 0) {
    const years = [...new Set(all.map((x) => x.year))];
    throw new CliError(`数据库中没有 ${year} 年的预算${years.length ? `（已有年度：${years.join('、')}）` : '（数据库中还没有预算）'}`);
  }
  throw new CliError(
    `数据库中有 ${ofYear.length} 个部门的 ${year} 年预算（${ofYear.map((b) => `${b.deptCode} ${b.deptName}`).join('、')}），请用 --dept 指定部门编码`,
    2,
  );
}

/** The Chromium that prints PDFs, or the one-line CLI error saying how to get one (loaded only when a PDF is asked for). */
export async function chromiumForPdf(): Promise<string> {
  const { findChromium, ChromiumNotFoundError } = await import('../core/export/pdf');
  try {
    return findChromium();
  } catch (e) {
    if (e instanceof ChromiumNotFoundError) throw new CliError(e.message);
    throw e;
  }
}

const stamp = (d: Date) => d.toISOString().replace(/[-:.]/g, '');

/** Backups before the CLI's bulk writes go beside the database, named by reason and time:
 *  `DB.合并前-<time>.sqlite`, `DB.覆盖导入前-<time>.sqlite` (a second one in the same millisecond gets `-2`). */
export function backupBeside(db: BudgetDb): BackupWriter {
  return async (reason) => {
    const base = join(dirname(db.path), `${basename(db.path)}.${BACKUP_REASON_NAMES[reason]}-${stamp(new Date())}`);
    let path = `${base}.sqlite`;
    for (let n = 2; existsSync(path); n++) path = `${base}-${n}.sqlite`;
    await writeBackup(db, path);
    return path;
  };
}
