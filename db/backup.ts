// Backups of the open database through SQLite's online backup API (better-sqlite3 `db.backup()`), which
// copies a consistent snapshot while the app keeps working — a plain file copy of a live WAL database can
// miss committed pages still in the -wal file.
//
// - Automatic: on open, and every AUTO_BACKUP_MINUTES while edits happen, into a per-database folder.
//   Rotation (pure, `backupsToKeep`): the last KEEP_LAST backups, plus the newest backup of each of the
//   last KEEP_DAYS days.
// - 另存备份: to a path the clerk chose.
// - 从备份恢复: first a 'before-restore' backup of the current state, then the backup's pages are copied
//   into the open database in one write transaction (the backup API again, backwards), so a crash mid-way
//   leaves the old content, never a mix.
// Every backup file is written to a temp name, switched to rollback-journal mode (one self-contained file
// the clerk can copy to a USB stick), quick_check'ed, and only then renamed into place.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { seedBuiltinCatalogs } from './catalogs';
import { fileRefusal, Refusal, toRefusal } from './errors';
import { LATEST_VERSION } from './migrations';
import { APPLICATION_ID, migrate, type BudgetDb } from './open';
import { guardWritePath } from './write-guard';
import { stampOf } from './write-stamp';

export const KEEP_LAST = 10;
export const KEEP_DAYS = 30;
export const AUTO_BACKUP_MINUTES = 10;

// The reasons of bulk writes (db/bulk-write.ts): 覆盖导入 always backs up; paste, 新建年度 and 导入明细表 when too large to undo.
export const BACKUP_REASON_NAMES = {
  open: '打开时',
  auto: '定时',
  manual: '手动',
  'before-restore': '恢复前',
  'before-delete': '删除年度前',
  'before-merge': '合并前',
  'before-replace': '覆盖导入前',
  'before-paste': '粘贴前',
  'before-new-year': '新建年度前',
  'before-sheet': '导入明细表前',
} as const;
export type BackupReason = keyof typeof BACKUP_REASON_NAMES;

export interface BackupEntry {
  file: string;
  path: string;
  createdAt: Date;
  reason: BackupReason;
  size: number;
}

// ------------------------------------------------------------------------------------------ names (pure)

/** The folder of one database's automatic backups: "<root>/<file stem>-<hash of its absolute path>". */
export function backupDirFor(dbPath: string, root: string): string {
  const full = resolve(dbPath);
  const stem =
    basename(full, extname(full))
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .slice(0, 60) || 'budget';
  return join(root, `${stem}-${createHash('sha256').update(full).digest('hex').slice(0, 8)}`);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** UTC in the name: unambiguous across DST and time-zone changes; sorts by time. */
function stamp(d: Date): string {
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}Z`
  );
}

export function backupFileName(at: Date, reason: BackupReason, seq = 0): string {
  return `backup-${stamp(at)}${seq ? `-${seq}` : ''}-${reason}.sqlite`;
}

const NAME_RE = new RegExp(
  `^backup-(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(\\d{3})Z(?:-\\d+)?-(${Object.keys(BACKUP_REASON_NAMES).join('|')})\\.sqlite$`,
);

export function parseBackupFileName(file: string): { createdAt: Date; reason: BackupReason } | null {
  const m = NAME_RE.exec(file);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
  const createdAt = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, reason: m[8] as BackupReason };
}

/** The clerk's calendar day (local time). */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface RotationOptions {
  keepLast?: number;
  keepDays?: number;
  dayOf?: (d: Date) => string;
}

/**
 * Which backups to keep: the newest `keepLast`, and the newest one of each calendar day among the last
 * `keepDays` days (today included). Pure: no clock, no file system.
 */
export function backupsToKeep<T extends { file: string; createdAt: Date }>(entries: readonly T[], now: Date, opts: RotationOptions = {}): Set<string> {
  const keepLast = opts.keepLast ?? KEEP_LAST;
  const keepDays = opts.keepDays ?? KEEP_DAYS;
  const dayOf = opts.dayOf ?? localDay;
  const newestFirst = [...entries].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.file < b.file ? 1 : -1));
  const keep = new Set(newestFirst.slice(0, keepLast).map((e) => e.file));
  const days = new Set<string>();
  for (let i = 0; i < keepDays; i++) {
    const d = new Date(now);
    d.setDate(d.getDate() - i); // local calendar arithmetic: DST days are still one day
    days.add(dayOf(d));
  }
  const seen = new Set<string>();
  for (const e of newestFirst) {
    const day = dayOf(e.createdAt);
    if (days.has(day) && !seen.has(day)) {
      seen.add(day);
      keep.add(e.file);
    }
  }
  return keep;
}

// ------------------------------------------------------------------------------------------ files

export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const out: BackupEntry[] = [];
  for (const file of readdirSync(dir)) {
    const p = parseBackupFileName(file);
    if (!p) continue;
    try {
      out.push({ file, path: join(dir, file), createdAt: p.createdAt, reason: p.reason, size: statSync(join(dir, file)).size });
    } catch {
      /* removed meanwhile */
    }
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.file < b.file ? 1 : -1));
}

/** Deletes the backups rotation does not keep (and leftover temp files); returns the deleted names. */
export function rotateBackups(dir: string, now: Date = new Date(), opts: RotationOptions = {}): string[] {
  const all = listBackups(dir);
  const keep = backupsToKeep(all, now, opts);
  const deleted: string[] = [];
  for (const e of all) {
    if (keep.has(e.file)) continue;
    try {
      unlinkSync(e.path);
      deleted.push(e.file);
    } catch {
      /* in use (Windows) or gone: next rotation */
    }
  }
  return deleted;
}

function ioMessage(e: unknown, what: string): Refusal {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new Refusal('io', `${what}失败：磁盘空间不足，请清理磁盘或换一个位置`, { cause: e });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY')))
    return fileRefusal('readonly', `${what}失败：目标位置不可写`, { cause: e });
  if (e instanceof Refusal) return e;
  if (code === 'ENOTDIR' || code === 'EEXIST') return new Refusal('io', `${what}失败：目标路径中有一段是文件而不是文件夹，请换一个位置`, { cause: e });
  if (code === 'EISDIR') return new Refusal('io', `${what}失败：目标是一个文件夹，请选择一个文件名`, { cause: e });
  if (e instanceof TypeError && /directory does not exist/.test(e.message)) return new Refusal('io', `${what}失败：目标文件夹不存在`, { cause: e });
  return toRefusal(e, what);
}

function removeQuietly(p: string): void {
  for (const f of [p, `${p}-journal`, `${p}-wal`, `${p}-shm`]) {
    try {
      unlinkSync(f);
    } catch {
      /* not there */
    }
  }
}

/**
 * Writes a consistent copy of the open database to `dest`. An existing file is replaced (atomically) only
 * with `overwrite` and only when it is a BudgetDesk database or backup (db/write-guard.ts).
 * Temp file → rollback-journal mode → quick_check → rename.
 */
export async function writeBackup(db: BudgetDb, dest: string, opts: { overwrite?: boolean } = {}): Promise<void> {
  if (resolve(dest) === resolve(db.path)) throw new Refusal('validation', '备份文件不能是当前数据库本身，请选择其他文件名');
  try {
    mkdirSync(dirname(resolve(dest)), { recursive: true });
  } catch (e) {
    throw ioMessage(e, '保存备份');
  }
  const target = guardWritePath(dest, '备份文件', { kind: 'backup', protect: [db.path], overwrite: opts.overwrite === true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await db.sqlite.backup(tmp);
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
      const qc = copy.pragma('quick_check', { simple: true });
      if (qc !== 'ok') throw fileRefusal('corrupt', `备份文件校验未通过（${String(qc)}），备份未保存`);
    } finally {
      copy.close();
    }
    renameSync(tmp, target);
  } catch (e) {
    removeQuietly(tmp);
    throw ioMessage(e, '保存备份');
  }
}

/** A backup into the database's backup folder, then rotation. */
export async function createBackup(db: BudgetDb, dir: string, reason: BackupReason, now: Date = new Date()): Promise<BackupEntry> {
  mkdirSync(dir, { recursive: true });
  let file = backupFileName(now, reason);
  for (let seq = 1; existsSync(join(dir, file)); seq++) file = backupFileName(now, reason, seq);
  await writeBackup(db, join(dir, file));
  rotateBackups(dir, now);
  const kept = listBackups(dir).find((e) => e.file === file);
  return kept ?? { file, path: join(dir, file), createdAt: now, reason, size: statSync(join(dir, file)).size };
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Checks that a file is a restorable BudgetDesk database (read-only; the file is not modified). */
export function checkBackupFile(path: string): { version: number } {
  const name = basename(path);
  let head = Buffer.alloc(0);
  try {
    if (!statSync(path).isFile()) throw new Refusal('io', `“${name}”不是文件`);
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(16);
      head = buf.subarray(0, readSync(fd, buf, 0, 16, 0));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Refusal('not_found', `备份文件“${path}”不存在`, { cause: e });
    throw new Refusal('io', `无法读取备份文件“${name}”：${(e as NodeJS.ErrnoException).code === 'EACCES' ? '没有读取权限' : '文件无法读取'}`, { cause: e });
  }
  if (!head.equals(SQLITE_MAGIC)) throw fileRefusal('not-sqlite', `“${name}”不是 BudgetDesk 备份文件（不是 SQLite 数据库），未恢复`);
  let src: Database.Database;
  try {
    src = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw toRefusal(e, `读取备份文件“${name}”`);
  }
  try {
    const appId = src.pragma('application_id', { simple: true }) as number;
    const version = src.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID || version < 1) throw fileRefusal('not-budgetdesk', `“${name}”不是 BudgetDesk 数据库或备份，未恢复`);
    if (version > LATEST_VERSION)
      throw fileRefusal(
        'too-new',
        `备份“${name}”由更新版本的 BudgetDesk 创建（数据结构版本 ${version}，本程序最高支持 ${LATEST_VERSION}），未恢复，请升级 BudgetDesk`,
      );
    const qc = src.pragma('quick_check', { simple: true });
    if (qc !== 'ok') throw fileRefusal('corrupt', `备份“${name}”已损坏（完整性检查未通过），未恢复；请选择其他备份`);
    return { version };
  } catch (e) {
    throw toRefusal(e, `读取备份文件“${name}”`);
  } finally {
    src.close();
  }
}

export interface RestoreOutcome {
  restoredFrom: string;
  safetyBackup: BackupEntry;
}

/**
 * 从备份恢复: checks the backup, saves the current state as a 'before-restore' backup, then copies the
 * backup into the open database (one write transaction on the destination) and upgrades it if it is older.
 * The caller drops its undo history and caches afterwards.
 */
export async function restoreBackup(db: BudgetDb, backupPath: string, dir: string): Promise<RestoreOutcome> {
  if (db.readonly) throw fileRefusal('readonly', '数据库是以只读方式打开的，不能恢复');
  const from = resolve(backupPath);
  if (from === resolve(db.path)) throw new Refusal('validation', '所选文件就是当前数据库本身，无需恢复');
  const { version } = checkBackupFile(from);
  const safetyBackup = await createBackup(db, dir, 'before-restore');
  const src = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await src.backup(resolve(db.path));
  } catch (e) {
    throw ioMessage(e, '从备份恢复');
  } finally {
    src.close();
  }
  try {
    if (version < LATEST_VERSION) migrate(db.sqlite, version);
    seedBuiltinCatalogs(db.sqlite);
  } catch (e) {
    throw toRefusal(e, '恢复后升级数据结构');
  }
  const qc = db.sqlite.pragma('quick_check', { simple: true });
  if (qc !== 'ok') throw fileRefusal('corrupt', `恢复后的数据库完整性检查未通过（${String(qc)}）；恢复前的数据已保存在备份“${safetyBackup.file}”中`);
  return { restoredFrom: from, safetyBackup };
}

// ------------------------------------------------------------------------------------------ schedule

/** Rows changed by this connection since it was opened (SQLite's total_changes()). */
export function changeCount(db: BudgetDb): number {
  return stampOf(db).changes;
}

export interface SchedulerOptions {
  /** Folder root; each database gets a subfolder (backupDirFor). */
  root: string;
  intervalMinutes?: number;
  /** Logged, never thrown: a failed automatic backup must not disturb editing. */
  onError?: (e: unknown) => void;
}

/**
 * Automatic backups of the engine's database: one when it is opened, then one every interval while
 * there were changes since the previous one. The timer is unref'd: it never keeps a process alive.
 */
export class BackupScheduler {
  private db: BudgetDb | null = null;
  private lastChanges = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private inFlight = false;
  constructor(private readonly opts: SchedulerOptions) {}

  dirFor(db: BudgetDb): string {
    return backupDirFor(db.path, this.opts.root);
  }

  /** A database was opened: back it up now and start the timer. Resolves when the backup is written. */
  opened(db: BudgetDb): Promise<void> {
    this.stop();
    this.db = db;
    if (db.readonly) return Promise.resolve();
    const ms = (this.opts.intervalMinutes ?? AUTO_BACKUP_MINUTES) * 60_000;
    this.timer = setInterval(() => void this.runDue(), ms);
    this.timer.unref();
    return this.run(db, 'open');
  }

  /** Backs up when there were changes since the last backup (called by the timer; tests call it directly). */
  runDue(): Promise<void> {
    const db = this.db;
    if (!db || !db.sqlite.open) return Promise.resolve();
    if (this.inFlight) return this.running; // the running backup will be followed by the next tick
    if (changeCount(db) === this.lastChanges) return Promise.resolve();
    return this.run(db, 'auto');
  }

  private run(db: BudgetDb, reason: BackupReason): Promise<void> {
    // One backup at a time; changes counted at the start, so edits during the backup trigger the next one.
    this.inFlight = true;
    const next = this.running
      .then(async () => {
        if (this.db !== db || !db.sqlite.open) return;
        const at = changeCount(db);
        try {
          await createBackup(db, this.dirFor(db), reason);
          this.lastChanges = at;
        } catch (e) {
          if (!db.sqlite.open) return; // closed meanwhile (switching files, quitting): nothing to report
          (this.opts.onError ?? ((x) => console.error('自动备份失败：', x)))(e);
        }
      })
      .finally(() => {
        if (this.running === next) this.inFlight = false;
      });
    this.running = next;
    return next;
  }

  /** Waits for a backup in progress (before closing the database). */
  idle(): Promise<unknown> {
    return this.running;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.db = null;
    this.lastChanges = 0;
  }
}
