// The desktop app's own file reads and writes (main process): the export target through the write guard
// (db/write-guard.ts), and a budget file read for 导入 within the one budget-file limit (core/limits.ts).
// Main reaches db/ only through this file, and only SQLite-free modules of it: the database lives in the engine.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_BUDGET_FILE_CHARS, MAX_BUDGET_FILE_WORDS } from '../core/limits';
import { internalFailureMessage, setErrorLogFile } from '../db/error-log';
import { Refusal } from '../db/errors';
import { guardWritePath, type WriteKind } from '../db/write-guard';
import type { Result } from '../api/contract';

export { internalFailureMessage, setErrorLogFile };

/** What an export file is, by its extension. */
const EXPORT_KINDS: Record<string, WriteKind> = { xlsx: 'xlsx', json: 'json', pdf: 'pdf', svg: 'svg', sqlite: 'backup' };

/** The real path to write an export to (the save dialog already confirmed replacing), or the refusal. */
export function guardExportTarget(path: string, ext: string, dbPath: string | null): Result<string> {
  try {
    return { ok: true, value: guardWritePath(path, '导出文件', { kind: EXPORT_KINDS[ext] ?? 'backup', protect: dbPath ? [dbPath] : [], overwrite: true }) };
  } catch (e) {
    const code = e instanceof Refusal && e.code === 'conflict' ? 'conflict' : 'validation';
    return { ok: false, error: { code, message: e instanceof Refusal ? e.message : internalFailureMessage(e, '检查保存位置') } };
  }
}

/** A budget file's text, refused by size before it is read whole (UTF-8: at most 3 bytes per character). */
export async function readBudgetFileForImport(file: string): Promise<Result<string>> {
  const tooBig: Result<string> = {
    ok: false,
    error: { code: 'validation', message: `预算文件未导入：“${basename(file)}”超过 ${MAX_BUDGET_FILE_WORDS}的上限` },
  };
  try {
    if ((await stat(file)).size > MAX_BUDGET_FILE_CHARS * 3) return tooBig;
    const text = await readFile(file, 'utf8');
    return text.length > MAX_BUDGET_FILE_CHARS ? tooBig : { ok: true, value: text };
  } catch (e) {
    return { ok: false, error: { code: 'io', message: `无法读取 ${file}：${internalFailureMessage(e, '读取预算文件')}` } };
  }
}
