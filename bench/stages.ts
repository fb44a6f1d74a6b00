// The measured stages. Each stage's setup runs before the clock (inputs loaded, database opened); run()
// is one timed repetition and may report sub-timings (“parts”) of itself. Everything goes through the
// real modules — the budget-file parser, db/, core/tables, core/narrative, core/checks, core/export/xlsx
// and the IPC handler map — never a copy of their logic.
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBudgetFile, serializeBudgetFile } from '../core/budget-file';
import type { Catalogs } from '../core/catalog';
import type { Budget } from '../core/model';
import type { PriorFigures } from '../core/narrative';
import { runChecks } from '../core/checks';
import { writeWorkbook } from '../core/export/xlsx';
import { formatYuan, parseYuan } from '../core/money';
import { budgetFigures, buildNarrative } from '../core/narrative';
import { deriveTables, tableFigures } from '../core/tables';
import { findBudgetId, loadBudgetById, saveBudget } from '../db/budgets';
import { getCatalogs } from '../db/catalogs';
import { loadDisclosureInputs } from '../db/disclosure';
import { openDatabase, type BudgetDb } from '../db/open';
import { forgetBudgets } from '../db/kept-budgets';
import { updateLine, writableBudget } from '../db/edits';
import { priorFiguresFor } from '../db/years';
import { bureauSummary } from '../core/summary';
import { loadYearBudgets } from '../db/summary';
import { createEngine, type Engine } from '../api/handlers';
import type { LineUpdated, Result, Totals } from '../api/contract';
import { importSheetStage } from './stage-import-sheet';
import { plainExceljsWorkbook, precomputeLayouts, sameWorkbook } from './floors';

export const STAGES = [
  'import',
  'load',
  'compute',
  'check',
  'check_cold',
  'export_xlsx',
  'export_xlsx_handler',
  'export_budget_file',
  'edit_roundtrip',
  'floor_groupby',
  'floor_exceljs',
  'import_sheet',
  'summary',
] as const;
/** Stages of the many-department size (bureau); every other stage is one department's. */
export const BUREAU_STAGES: readonly Stage[] = ['summary'];
export type Stage = (typeof STAGES)[number];

/** What a stage child gets: the budget file and a database with that budget already imported (a template to copy). */
export interface StageInput {
  budgetFile: string;
  dbTemplate: string;
  /** A private scratch directory of this child. */
  work: string;
  dept: string;
  year: number;
}

export interface Runner {
  /** One timed repetition; returns named sub-timings (ms) when the stage has parts. */
  run(i: number): Promise<Record<string, number> | void> | Record<string, number> | void;
  /** Untimed clean-up after each repetition (e.g. deleting the database just written). */
  after?(i: number): void;
  close?(): void;
  /** Untimed check after the timed runs and the peak reading. */
  verify?(): Promise<void>;
}

const now = () => performance.now();

function openCopy(input: StageInput, name: string): BudgetDb {
  const path = join(input.work, name);
  copyFileSync(input.dbTemplate, path);
  // A private copy per child, opened (quick_check, pragmas) before the clock.
  return openDatabase(path, { create: false });
}

/** The handler map over a private copy of the database, and a caller that throws on a refusal. */
function engineOnCopy(input: StageInput, name: string): { engine: Engine; call: <T>(channel: string, args: unknown) => Promise<T> } {
  const path = join(input.work, name);
  copyFileSync(input.dbTemplate, path);
  const engine = createEngine({ mode: 'test', defaultDbPath: path, version: 'bench' });
  engine.open(path, { create: false });
  const h = engine.handlers as unknown as Record<string, (a: unknown) => Promise<Result<unknown>>>;
  const call = async <T>(channel: string, args: unknown): Promise<T> => {
    const r = await h[channel]!(args);
    if (!r.ok) throw new Error(`bench: ${channel}: ${r.error.message}`);
    return r.value as T;
  };
  return { engine, call };
}

/** The budget, its catalogs and prior-year figures, loaded before the clock; the database is closed again. */
function loaded(input: StageInput): { budget: Budget; catalogs: Catalogs; prior: PriorFigures | null } {
  const db = openCopy(input, 'loaded.sqlite');
  try {
    const id = budgetIdOf(db, input);
    return { budget: loadBudgetById(db, id), catalogs: getCatalogs(db, input.year), prior: priorFiguresFor(db, id) };
  } finally {
    db.close();
  }
}

function budgetIdOf(db: BudgetDb, input: StageInput): number {
  const id = findBudgetId(db, input.dept, input.year);
  if (id === null) throw new Error(`bench: budget ${input.dept}/${input.year} missing from ${db.path}`);
  return id;
}

/** Budget file → parse → validate → one-transaction save into a fresh database file (the `budget import` path). */
export function importBudgetFile(file: string, dbPath: string): { lines: number } {
  const text = readFileSync(file, 'utf8');
  const db = openDatabase(dbPath, { create: true });
  try {
    const parsed = parseBudgetFile(text, (year) => getCatalogs(db, year));
    if (!parsed.ok) throw new Error(`bench: budget file refused: ${parsed.message.slice(0, 500)}`);
    saveBudget(db, parsed.budget, { addedCodes: parsed.addedCodes });
    return { lines: parsed.budget.lines.length };
  } finally {
    db.close();
  }
}

export async function setupStage(stage: Stage, input: StageInput): Promise<Runner> {
  switch (stage) {
    case 'import': {
      const path = (i: number) => join(input.work, `import-${i}.sqlite`);
      return {
        run: (i) => {
          importBudgetFile(input.budgetFile, path(i));
        },
        after: (i) => {
          for (const s of ['', '-wal', '-shm']) rmSync(path(i) + s, { force: true });
        },
      };
    }

    case 'load': {
      // The whole budget from SQLite (what the budget-file export, merge and new-year read), the year's
      // catalogs and last year's figures. The views (报表预览, 校验, the workbook) read the lines' digest instead.
      const db = openCopy(input, 'load.sqlite');
      const id = budgetIdOf(db, input);
      return {
        run() {
          const t0 = now();
          const budget = loadBudgetById(db, id);
          const t1 = now();
          getCatalogs(db, input.year);
          priorFiguresFor(db, id);
          const t2 = now();
          if (budget.lines.length === 0) throw new Error('bench: loaded no lines');
          return { budget: t1 - t0, catalogs_prior: t2 - t1 };
        },
        close: () => db.close(),
      };
    }

    case 'compute': {
      // All 12 tables and the 情况说明 with its figures, from the loaded budget (the `load` stage is the rest
      // of what 报表预览 waits for). One pass over the lines (tableFigures) serves both, as in the app
      // (disclosure.html, the PDF export, the CLI): deriveTables(…, tf) and budgetFigures(budget, tf).
      const l = loaded(input);
      return {
        run() {
          const t0 = now();
          const tf = tableFigures(l.budget);
          const t1 = now();
          const tables = deriveTables(l.budget, l.catalogs, tf);
          const t2 = now();
          const narrative = buildNarrative(l.budget, l.catalogs, { figures: budgetFigures(l.budget, tf), prior: l.prior });
          const t3 = now();
          if (tables.length !== 12 || narrative.sections.length === 0) throw new Error('bench: compute produced no tables/narrative');
          return { figures: t1 - t0, tables: t2 - t1, narrative: t3 - t2 };
        },
      };
    }

    case 'check':
    case 'check_cold': {
      // What 校验 waits for in the engine (checks.run without the transport): the budget without its lines, the
      // lines' stored digest, the year's catalogs and last year's figures, then every rule (the tables, figures
      // and narrative the rules read are derived inside; lines are fetched only where a finding names them).
      // `check`: the clerk's loop — one amount typed in 预算明细 (untimed, the real edit with its undo record),
      // then 校验; what the engine keeps of the budget (db/budget-cache.ts) is patched by the edit. `check_cold`:
      // the first 校验 after opening the file, nothing kept.
      const db = openCopy(input, 'check.sqlite');
      const id = budgetIdOf(db, input);
      const b = writableBudget(db, input.dept, input.year);
      const lineIds = db.stmt('SELECT id FROM lines WHERE budget_id = ? ORDER BY id', { pluck: true }).all(id) as number[];
      return {
        run() {
          if (stage === 'check_cold') forgetBudgets(db);
          const t0 = now();
          const i = loadDisclosureInputs(db, id, { withoutLines: true });
          const prior = i.prior();
          const t1 = now();
          const findings = runChecks(i.budget, i.catalogs, prior, { lines: i.lines });
          const t2 = now();
          if (!Array.isArray(findings) || i.lines.lineCount === 0) throw new Error('bench: checked no lines');
          return { load: t1 - t0, rules: t2 - t1 };
        },
        after(i) {
          if (stage === 'check') updateLine(db, b, lineIds[(i * 7919) % lineIds.length]!, { amount: `${1000 + i}.${String(i % 100).padStart(2, '0')}` });
        },
        close: () => db.close(),
      };
    }

    case 'export_xlsx': {
      // core/export/xlsx writeWorkbook over the derived tables (layout, cells, styles, merges, zip) and the
      // file write; the tables are derived before the clock (that is `compute`).
      const l = loaded(input);
      const tables = deriveTables(l.budget, l.catalogs);
      const out = join(input.work, 'out.xlsx');
      return {
        async run() {
          writeFileSync(out, await writeWorkbook(tables));
        },
      };
    }

    case 'export_xlsx_handler': {
      // 导出工作簿 end to end through the handler map: load, derive, writeWorkbook, base64 for the transport.
      const { engine, call } = engineOnCopy(input, 'handler.sqlite');
      const budget = { dept: input.dept, year: input.year };
      return {
        async run() {
          await call('export.workbook', { budget });
        },
        close: () => engine.close(),
      };
    }

    case 'import_sheet': {
      const { budget, catalogs } = loaded(input);
      return importSheetStage(input, budget, catalogs);
    }

    case 'export_budget_file': {
      const db = openCopy(input, 'json.sqlite');
      const id = budgetIdOf(db, input);
      const out = join(input.work, 'out.budget.json');
      return {
        run() {
          writeFileSync(out, serializeBudgetFile(loadBudgetById(db, id)));
        },
        close: () => db.close(),
      };
    }

    case 'edit_roundtrip': {
      // One amount typed in 预算明细: lines.update through the handler map, which answers with the line, the
      // budget's new totals and the undo state — the one call the renderer makes. Validation, the undo
      // recorder, the transaction and the totals read after the write all run.
      const { engine, call } = engineOnCopy(input, 'edit.sqlite');
      const budget = { dept: input.dept, year: input.year };
      const rows = engine.api.db().sqlite.prepare('SELECT id, amount_fen FROM lines ORDER BY id').raw(true).safeIntegers(true).all() as [bigint, bigint][];
      const ids = rows.map((r) => Number(r[0]));
      const amounts = new Map(rows.map((r) => [Number(r[0]), r[1]]));
      // Untimed: one 校验 first, so that what the engine keeps of the budget (db/budget-cache.ts) is moved along
      // by every edit, as after the clerk's first 校验; and the starting total, to check every answer against.
      await call('checks.run', { budget });
      let total = parseFen((await call<Totals>('budget.totals', { budget })).total);
      return {
        async run(i) {
          const id = ids[(i * 7919) % ids.length]!;
          const amount = `${1000 + i}.${String(i % 100).padStart(2, '0')}`;
          const { totals, edit } = await call<LineUpdated>('lines.update', { budget, id, changes: { amount } });
          // The answer's totals must show the edit, to the 分, and the edit must be undoable.
          const fen = parseFen(amount);
          const expected = total - amounts.get(id)! + fen;
          if (parseFen(totals.total) !== expected) throw new Error(`bench: totals ${totals.total} after the edit, expected ${formatYuan(expected)}`);
          if (!edit.canUndo) throw new Error('bench: lines.update answered with nothing to undo');
          amounts.set(id, fen);
          total = expected;
        },
        close: () => engine.close(),
      };
    }

    case 'summary': {
      // `budget summary DB --year Y --xlsx OUT`: every department of the year loaded, each one's own figures
      // for 部门汇总表, the 12 tables over all lines together, the workbook written.
      const db = openCopy(input, 'summary.sqlite');
      const out = join(input.work, 'summary.xlsx');
      return {
        async run() {
          const s = bureauSummary(input.year, loadYearBudgets(db, input.year), getCatalogs(db, input.year));
          writeFileSync(out, await writeWorkbook(s.tables));
        },
        close: () => db.close(),
      };
    }

    case 'floor_groupby': {
      // The floor under `compute`: one GROUP BY over all lines by every dimension the tables split on.
      const db = new Database(input.dbTemplate, { readonly: true });
      db.pragma('cache_size = -65536');
      const id = db
        .prepare('SELECT b.id FROM budgets b JOIN departments d ON d.id = b.department_id WHERE d.code = ? AND b.year = ?')
        .pluck()
        .get(input.dept, input.year);
      const q = db
        .prepare(
          `SELECT function_code, economic_code, kind, source, carryover, sum(amount_fen) AS s
        FROM lines WHERE budget_id = ? GROUP BY function_code, economic_code, kind, source, carryover`,
        )
        .raw(true)
        .safeIntegers(true);
      return {
        run() {
          const rows = q.all(id);
          if (rows.length === 0) throw new Error('bench: empty GROUP BY');
        },
        close: () => db.close(),
      };
    }

    case 'floor_exceljs': {
      // The floor under `export_xlsx`: plain exceljs writing the finished cells (values, the same shared
      // style objects, widths, heights, merges, page setup) — no loading, derivation or layout in the clock.
      // Each run also times writeWorkbook in the same process, in alternating order, so that the ratio
      // export_xlsx/floor_exceljs compares the two under the same heap, JIT and machine load.
      const l = loaded(input);
      const tables = deriveTables(l.budget, l.catalogs);
      const sheets = precomputeLayouts(tables);
      const out = join(input.work, 'floor.xlsx');
      const ours = join(input.work, 'ours.xlsx');
      const floor = async () => writeFileSync(out, await plainExceljsWorkbook(sheets));
      const exporter = async () => writeFileSync(ours, await writeWorkbook(tables));
      return {
        async run(i) {
          const gc = (globalThis as { gc?: () => void }).gc;
          let f: Timed, e: Timed;
          if (i % 2 === 0) {
            f = await timed(floor);
            gc?.();
            e = await timed(exporter);
          } else {
            e = await timed(exporter);
            gc?.();
            f = await timed(floor);
          }
          return { [STAGE_WALL]: f.wall, [STAGE_CPU]: f.cpu, export_xlsx_same_process: e.wall, export_xlsx_same_process_cpu: e.cpu };
        },
        // After the timed runs: proof that the floor writes the exporter's workbook — values, styles, merges.
        async verify() {
          const diff = await sameWorkbook(readFileSync(ours), readFileSync(out));
          if (diff) throw new Error(`bench: floor_exceljs does not write what writeWorkbook writes: ${diff}`);
        },
      };
    }
  }
}

/** Part names a run may return to report its own stage time (when it times more than the stage). */
export const STAGE_WALL = '__stage_wall';
export const STAGE_CPU = '__stage_cpu';

interface Timed {
  wall: number;
  cpu: number;
}
async function timed(f: () => Promise<unknown>): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = now();
  await f();
  const wall = now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function parseFen(yuan: string): bigint {
  const r = parseYuan(yuan, { allowZero: true });
  if (!r.ok) throw new Error(`bench: bad total ${yuan}`);
  return r.fen;
}
