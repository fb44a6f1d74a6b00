// Helpers shared by the CLI commands: files, the database, choosing a budget.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listBudgetEntries, type BudgetEntry } from '../db/budgets';
import { Refusal } from '../db/errors';
import { openDatabase, type BudgetDb, type OpenOptions } from '../db/open';
import { CliError } from './errors';

function fsReason(e: unknown): string {
  const code = (e as { code?: string })?.code;
  switch (code) {
    case 'ENOENT': return '文件或文件夹不存在';
    case 'EACCES': case 'EPERM': return '没有权限';
    case 'EISDIR': return '这是一个文件夹';
    case 'ENOSPC': return '磁盘空间不足';
    case 'EROFS': return '文件系统是只读的';
    default: return (e as Error)?.message ?? String(e);
  }
}

export function readBytes(path: string, what = '文件'): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CliError(`无法读取${what}“${path}”：${fsReason(e)}`);
  }
}

/** Writes via a temporary file and rename, so an interrupted export never leaves half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array, what = '文件'): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`无法写入${what}“${path}”：${fsReason(e)}`);
  }
}

/** Opens the database; with `readOnlyFallback`, a file we may not write is opened read-only (list, export). */
export function openDb(path: string, opts: OpenOptions & { readOnlyFallback?: boolean } = {}): BudgetDb {
  const { readOnlyFallback, ...open } = opts;
  try {
    return openDatabase(path, open);
  } catch (e) {
    if (readOnlyFallback && e instanceof Refusal && e.file === 'readonly' && !open.readonly) return openDatabase(path, { ...open, readonly: true });
    throw e;
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
  throw new CliError(`数据库中有 ${ofYear.length} 个部门的 ${year} 年预算（${ofYear.map((b) => `${b.deptCode} ${b.deptName}`).join('、')}），请用 --dept 指定部门编码`, 2);
}
