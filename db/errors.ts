// The ONE refusal type, from storage to the renderer: every refusal a clerk can meet is a Refusal with a
// code of the one code space below and a Chinese message naming the field and the reason. The API passes
// code, message, field and rows on as they are (api/handlers.ts toAppError); the CLI prints the message.

import { internalFailureMessage, logErrorDetail } from './error-log';

export type ErrorCode =
  | 'invalid_args' // argument object failed its schema
  | 'validation' // domain rule refused the input (message names field + reason)
  | 'not_found' // file, budget, department or row missing
  | 'conflict' // e.g. budget already exists, unit still has lines
  | 'finalized' // budget marked 定稿: writes refused
  | 'no_database' // no database open
  | 'nothing_to_undo'
  | 'io' // file system / file format (the file's problem, when known, in `file`)
  | 'forbidden' // transport: bad token, host, origin, sender
  | 'internal';

/** What is wrong with a database file ('io' refusals). */
export type FileProblem = 'not-sqlite' | 'not-budgetdesk' | 'corrupt' | 'too-new' | 'readonly' | 'locked';

export interface RowError {
  /** 0-based index into the submitted array. */
  row: number;
  field?: string;
  message: string;
}

export interface RefusalDetails {
  field?: string;
  rows?: RowError[];
  file?: FileProblem;
  cause?: unknown;
}

export class Refusal extends Error {
  readonly field?: string;
  readonly rows?: RowError[];
  readonly file?: FileProblem;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: RefusalDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'Refusal';
    if (details.field !== undefined) this.field = details.field;
    if (details.rows !== undefined) this.rows = details.rows;
    if (details.file !== undefined) this.file = details.file;
  }
}

/** An 'io' refusal about the database file itself. */
export function fileRefusal(file: FileProblem, message: string, options: { cause?: unknown } = {}): Refusal {
  return new Refusal('io', message, { file, cause: options.cause });
}

/** Maps an SQLite error (better-sqlite3's SqliteError carries `code`) to a Refusal; passes Refusals through. */
export function toRefusal(err: unknown, what = '数据库操作'): Refusal {
  if (err instanceof Refusal) return err;
  const code = (err as { code?: unknown })?.code;
  const cause = { cause: err };
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return fileRefusal('locked', `${what}失败：数据库正被其他程序使用（已锁定），请关闭其他 BudgetDesk 窗口或稍后重试`, cause);
    if (code.startsWith('SQLITE_READONLY')) return fileRefusal('readonly', `${what}失败：数据库文件是只读的，无法写入`, cause);
    if (code === 'SQLITE_NOTADB') return fileRefusal('not-sqlite', `${what}失败：文件不是 SQLite 数据库`, cause);
    if (code.startsWith('SQLITE_CORRUPT')) return fileRefusal('corrupt', `${what}失败：数据库文件已损坏`, cause);
    if (code === 'SQLITE_FULL') return new Refusal('io', `${what}失败：磁盘空间不足`, cause);
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR'))
      return new Refusal('io', `${what}失败：无法读写数据库文件${logged(err, what)}`, cause);
    if (code.startsWith('SQLITE_CONSTRAINT')) return new Refusal('validation', `${what}失败：数据不符合数据库约束${logged(err, what)}`, cause);
  }
  // English detail ("Maximum call stack size exceeded" …) goes to the error log, not to the clerk.
  return new Refusal('internal', internalFailureMessage(err, what), cause);
}

/** "（详细信息已记入错误日志）" when the detail could be logged. */
function logged(err: unknown, what: string): string {
  return logErrorDetail(err, what) ? '（详细信息已记入错误日志）' : '';
}
