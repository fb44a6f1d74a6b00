// Every database failure the user can meet is a DbError with a Chinese message; callers (CLI, IPC
// handlers) show `message` as is and may branch on `code`. English detail goes to the error log (./error-log).
import { internalFailureMessage, logErrorDetail } from './error-log';
export type DbErrorCode =
  | 'not-found' // file, budget or department missing
  | 'not-sqlite' // the file is not an SQLite database
  | 'not-budgetdesk' // an SQLite database of some other program
  | 'corrupt' // PRAGMA quick_check failed or SQLite reported corruption
  | 'too-new' // written by a newer BudgetDesk (user_version above what this build knows)
  | 'readonly' // cannot write: read-only file, folder or open mode
  | 'locked' // another process holds the lock
  | 'io' // cannot open / read / write the file
  | 'conflict' // e.g. the department-year already exists
  | 'invalid' // rejected input (catalog code, budget data)
  | 'internal';

export class DbError extends Error {
  constructor(readonly code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbError';
  }
}

/** Maps an SQLite error (better-sqlite3's SqliteError carries `code`) to a DbError; passes DbErrors through. */
export function toDbError(err: unknown, what = '数据库操作'): DbError {
  if (err instanceof DbError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new DbError('locked', `${what}失败：数据库正被其他程序使用（已锁定），请关闭其他 BudgetDesk 窗口或稍后重试`, { cause: err });
    if (code.startsWith('SQLITE_READONLY')) return new DbError('readonly', `${what}失败：数据库文件是只读的，无法写入`, { cause: err });
    if (code === 'SQLITE_NOTADB') return new DbError('not-sqlite', `${what}失败：文件不是 SQLite 数据库`, { cause: err });
    if (code.startsWith('SQLITE_CORRUPT')) return new DbError('corrupt', `${what}失败：数据库文件已损坏`, { cause: err });
    if (code === 'SQLITE_FULL') return new DbError('io', `${what}失败：磁盘空间不足`, { cause: err });
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) return new DbError('io', `${what}失败：无法读写数据库文件${logged(err, what)}`, { cause: err });
    if (code.startsWith('SQLITE_CONSTRAINT')) return new DbError('invalid', `${what}失败：数据不符合数据库约束${logged(err, what)}`, { cause: err });
  }
  return new DbError('internal', internalFailureMessage(err, what), { cause: err });
}

/** "（详细信息已记入日志 …）" when the detail could be logged. */
function logged(err: unknown, what: string): string {
  return logErrorDetail(err, what) ? '（详细信息已记入错误日志）' : '';
}
