// Opening a BudgetDesk database file: checks (SQLite? ours? newer? intact?), migrations, pragmas.
// Nothing is written to a file before it has been found to be ours and not newer than this build.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileRefusal, Refusal, toRefusal } from './errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
import { seedBuiltinCatalogs } from './catalogs';
import type { BudgetDb, StatementMode } from './budget-db';
import { APPLICATION_ID, readHeaderInfo, type HeaderInfo } from './file-header';
import { realDbPath } from './lock-paths';

/** "BDSK" — marks the file as BudgetDesk's in the SQLite header (PRAGMA application_id). */
export { APPLICATION_ID };

export interface OpenOptions {
  /** Open for reading only (export, list). The file must exist and be up to date. */
  readonly?: boolean;
  /** Create the file when missing (default true unless readonly). */
  create?: boolean;
  /** How long to wait for another process's lock, ms (default 5000). */
  busyTimeoutMs?: number;
  /** Skip PRAGMA quick_check (only for tests of huge files; default false). */
  skipQuickCheck?: boolean;
}

export type { BudgetDb } from './budget-db';

class BudgetDbImpl implements BudgetDb {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(
    readonly sqlite: Database.Database,
    readonly path: string,
    readonly readonly: boolean,
  ) {}
  stmt(sql: string, mode: StatementMode = {}): Database.Statement {
    const key = `${mode.pluck ? 'p' : '-'}${mode.raw ? 'r' : '-'}${mode.exact ? 'x' : '-'}${sql}`;
    let s = this.cache.get(key);
    if (!s) {
      s = this.sqlite.prepare(sql);
      if (mode.pluck) s.pluck(true);
      if (mode.raw) s.raw(true);
      if (mode.exact && s.reader) s.safeIntegers(true); // a write's lastInsertRowid stays a number
      this.cache.set(key, s);
    }
    return s;
  }
  close(): void {
    this.cache.clear();
    if (!this.sqlite.open) return;
    if (!this.readonly) {
      // At rest the file goes back to the rollback journal: one self-contained file that can be copied,
      // and read from read-only media (a WAL file cannot be opened where its -shm cannot be created).
      // Fails harmlessly (no waiting) while another connection still has it open.
      try {
        this.sqlite.pragma('busy_timeout = 0');
        this.sqlite.pragma('journal_mode = DELETE');
      } catch {
        /* still in use elsewhere: stays WAL */
      }
    }
    this.sqlite.close();
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens (creating if needed) a database file and brings its schema up to date.
 * Throws a Refusal: 'io' (with the file's problem: not-sqlite, not-budgetdesk, corrupt, too-new, readonly, locked) or 'not_found'.
 */
export function openDatabase(given: string, opts: OpenOptions = {}): BudgetDb {
  // Every check (and SQLite) on the real file: its -wal lies beside it, not beside a symlink to it.
  const path = realDbPath(given);
  const name = basename(given);
  const readonly = opts.readonly ?? false;
  const create = opts.create ?? !readonly;
  const exists = existsSync(path);
  if (!exists && !create) throw new Refusal('not_found', `数据库文件“${given}”不存在`);
  if (!exists && !existsSync(dirname(resolve(path)))) throw new Refusal('io', `无法创建数据库文件“${given}”：文件夹“${dirname(resolve(path))}”不存在`);
  if (exists) {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      throw new Refusal('io', `无法读取数据库文件“${given}”：${fsReason(e)}`, { cause: e });
    }
    if (st.isDirectory()) throw new Refusal('io', `“${given}”是文件夹，不是数据库文件`);
    if (st.size > 0) {
      let head: HeaderInfo;
      try {
        head = readHeaderInfo(path);
      } catch (e) {
        throw new Refusal('io', `无法读取数据库文件“${given}”：${fsReason(e)}`, { cause: e });
      }
      if (!head.sqlite) throw fileRefusal('not-sqlite', `“${name}”不是 BudgetDesk 数据库文件（不是 SQLite 数据库）`);
      // Before SQLite opens it: SQLite would replay (and on close merge) a newer version's pending -wal.
      if (head.userVersion > LATEST_VERSION) throw tooNew(name, head.userVersion);
      if (head.applicationId !== 0 && head.applicationId !== APPLICATION_ID)
        throw fileRefusal('not-budgetdesk', `“${name}”是其他程序的 SQLite 数据库，不是 BudgetDesk 数据库，未作任何修改`);
    }
  }

  if (!readonly && exists && !writable(path)) {
    throw fileRefusal('readonly', `数据库文件“${given}”是只读的（没有写入权限），不能打开编辑；如只需查看或导出，请以只读方式打开`);
  }
  if (!readonly && !writable(dirname(resolve(path)))) {
    throw fileRefusal('readonly', `数据库文件所在的文件夹“${dirname(resolve(path))}”不可写（SQLite 需要在其中写日志文件），不能打开编辑`);
  }

  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly, fileMustExist: !create, timeout: opts.busyTimeoutMs ?? 5000 });
  } catch (e) {
    throw toRefusal(e, `打开数据库“${name}”`);
  }
  try {
    prepare(sqlite, name, readonly, opts);
  } catch (e) {
    sqlite.close();
    // A file created just now and not finished (full disk …) is removed, not left behind as a stub.
    if (!exists) for (const f of [path, ...['-wal', '-shm', '-journal'].map((x) => path + x)]) rmSync(f, { force: true });
    throw toRefusal(e, `${exists ? '打开' : '创建'}数据库“${name}”`);
  }
  return new BudgetDbImpl(sqlite, given, readonly);
}

function tooNew(name: string, version: number): Refusal {
  return fileRefusal(
    'too-new',
    `数据库“${name}”由更新版本的 BudgetDesk 创建（数据结构版本 ${version}，本程序最高支持 ${LATEST_VERSION}），为保护数据未打开也未作任何修改，请升级 BudgetDesk 后再打开`,
  );
}

function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : code === 'EISDIR' ? '这是一个文件夹' : '文件无法读取';
}

function prepare(sqlite: Database.Database, name: string, readonly: boolean, opts: OpenOptions): void {
  // Read-only checks first: a newer or foreign file must stay byte-for-byte as it was.
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  const appId = sqlite.pragma('application_id', { simple: true }) as number;
  if (version > LATEST_VERSION) {
    throw tooNew(name, version);
  }
  if (appId !== APPLICATION_ID) {
    const tables = sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`).get() as { n: number };
    if (appId !== 0 || tables.n > 0) throw fileRefusal('not-budgetdesk', `“${name}”是其他程序的 SQLite 数据库，不是 BudgetDesk 数据库，未作任何修改`);
  }
  if (!opts.skipQuickCheck && version > 0) {
    const rows = sqlite.pragma('quick_check') as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') {
      throw fileRefusal(
        'corrupt',
        `数据库“${name}”已损坏（完整性检查未通过：${rows
          .slice(0, 3)
          .map((r) => r.quick_check)
          .join('；')}），请从备份恢复`,
      );
    }
  }

  if (readonly) {
    if (version < LATEST_VERSION)
      throw fileRefusal('readonly', `数据库“${name}”需要升级数据结构（版本 ${version} → ${LATEST_VERSION}），但它是以只读方式打开的`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('cache_size = -65536');
    return;
  }

  // WAL: the UI and a CLI export may read while the app writes. (Where WAL is impossible SQLite
  // keeps the rollback journal, which is still safe.)
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MB page cache: a 30,000-line budget loads from memory after the first read.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, version);
  seedBuiltinCatalogs(sqlite);
}

/** Applies every migration above `from`, each in its own IMMEDIATE transaction together with its user_version. */
export function migrate(sqlite: Database.Database, from: number, migrations: readonly Migration[] = MIGRATIONS): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    sqlite
      .transaction(() => {
        if (from === 0 && m === migrations[0]) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
        if (typeof m.up === 'string') sqlite.exec(m.up);
        else m.up(sqlite);
        const bad = sqlite.pragma('foreign_key_check') as unknown[];
        if (bad.length) throw new Refusal('internal', `数据结构升级到版本 ${m.version}（${m.name}）后外键检查失败`);
        sqlite.pragma(`user_version = ${m.version}`);
      })
      .immediate();
  }
}

export { inTransaction } from './transaction';
