// Every IPC handler of the handler map, called with random and malformed arguments (fast-check): each call
// resolves to a typed error or a valid (JSON-safe) result, nothing throws past the handler, no refusal is an
// 'internal' error, every refusal is a Chinese message, and a refused call leaves the database unchanged
// (a logical dump of every table's rows).
import fc from 'fast-check';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../api/api';
import { CHANNELS, type Channel, type ErrorCode, type Result } from '../api/contract';
import { createEngine, type Engine } from '../api/handlers';
import { backupSchedulerFor } from '../api/domains/backup';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { fixtureDoc, fixtureText } from './helpers/fixture';
import { tempDir } from './helpers/db';
import { fromSchema, garbage, mutated, type Pools } from './helpers/fuzz-args';

const ERROR_CODES: ErrorCode[] = ['invalid_args', 'validation', 'not_found', 'conflict', 'finalized', 'no_database', 'nothing_to_undo', 'io', 'forbidden'];
const PATH_CHANNELS = new Set<Channel>(['db.open', 'db.create', 'db.backup', 'backup.restore']);
/** Slow channels (workbook, PDF HTML, derivation) get fewer runs; the rest many. */
const SLOW = new Set<string>([
  'export.workbook',
  'export.pdf',
  'tables.preview',
  'disclosure.html',
  'checks.run',
  'narrative.document',
  'compare.get',
  'years.create',
  'import.budgetFile',
]);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** More runs (npm run fuzz) get proportionally more time. */
const CHANNEL_TIMEOUT = 120_000 * Math.max(1, RUNS / 30);

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let mainDb: string;
let pools: Pools;
let specialPaths: string[];
const stats: Record<string, { ok: number; refused: Record<string, number> }> = {};

/** Every row of every table (ordered by all columns: WITHOUT ROWID tables have no rowid), through the
 *  engine's own connection — cheap enough to take around every call. */
function logicalDump(sqlite: Database.Database): string {
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out = [`user_version=${String(sqlite.pragma('user_version', { simple: true }))}`];
  for (const t of tables) {
    const n = sqlite.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(t) as number;
    const order = Array.from({ length: n }, (_, i) => i + 1).join(', ');
    const rows = sqlite.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).safeIntegers(true).raw(true).all();
    out.push(`${t}:${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  }
  return out.join('\n');
}
const dump = () => logicalDump(engine.api.db().sqlite);

async function must(channel: Channel, args: unknown): Promise<unknown> {
  const r = (await engine.handlers[channel](args)) as Result<unknown>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  tmp = tempDir();
  mkdirSync(tmp.file('fz'));
  engine = createEngine({ mode: 'test', defaultDbPath: tmp.file('data/default.sqlite'), version: 'test' });
  mainDb = tmp.file('main.sqlite');
  await must('db.create', { path: mainDb });
  await must('import.budgetFile', { fileName: '711-2025.budget.json', text: fixtureText() });
  const budget = { dept: '711', year: 2025 };
  await must('procurement.add', { budget, row: { item: '办公设备', source: 'general', amount: '1000.00' } });
  await must('assets.add', { budget, row: { item: '车辆', quantity: '1', value: '200000.00' } });
  await must('budgets.create', { deptCode: '712', deptName: '另一个部门', year: 2024 });
  const backup = (await must('backup.now', {})) as { path: string };
  const doc = fixtureDoc();
  const lines = (await must('lines.list', { budget })) as { id: number }[];
  const procurement = (await must('procurement.list', { budget })) as { id: number }[];
  const assets = ((await must('assets.list', { budget })) as { rows: { id: number }[] }).rows;
  pools = {
    strings: [
      '711',
      '712',
      '711001',
      doc.projects[0].code,
      '2012901',
      '30228',
      '30201',
      '301',
      '20129',
      'basic',
      'project',
      'general',
      'fund',
      'function',
      'economic',
      '6400.00',
      '100.00',
      '工会部门',
      '办公费',
      '2025-12-31',
      '≥',
      '=',
      '100',
      '%',
      '.xlsx',
      '.csv',
      'a.budget.json',
    ],
    numbers: [...lines.map((l) => l.id), ...procurement.map((p) => p.id), ...assets.map((a) => a.id), 2024, 2025, 1, 999999],
    byKey: {
      budget: [budget, budget, budget, { dept: '712', year: 2024 }, { dept: '711', year: 2024 }],
      dept: ['711', '712'],
      deptCode: ['711', '712', '713'],
      deptName: ['工会部门', '<img src=x onerror=alert(1)>'],
      year: [2025, 2024, 2026],
      fromYear: [2025, 2024],
      toYear: [2026, 2025],
      priorYear: [2024],
      id: [...lines.map((l) => l.id), ...procurement.map((p) => p.id), ...assets.map((a) => a.id)],
      ids: [lines.slice(0, 2).map((l) => l.id), [lines[0]!.id]],
      unit: ['711001'],
      function: ['2012901', '2013101', '2080501'],
      economic: ['30228', '30201', '30101', '31002'],
      kind: ['basic', 'project', '基本支出'],
      source: ['general', 'fund', 'business'],
      project: [doc.projects[0].code, null],
      amount: ['100.00', '6400.00', '1,234.50', '0.01', '99999999999.99'],
      value: ['200000.00', '0.00'],
      unitPrice: ['10.00', null],
      sme: ['0.00', null],
      code: ['711001', '711002', doc.projects[0].code, '2012999', '30299'],
      kind_: [],
      query: ['201', '办公', ''],
      name: ['名称', '<img src=x onerror=alert(1)>'],
      fileName: ['a.csv', 'b.xlsx', 'c.budget.json'],
      confirmed: [true],
      zeroAmounts: [true, false],
    },
  };
  specialPaths = [mainDb, `${mainDb}-wal`, tmp.file('fz'), tmp.file('nowhere/deeper/x.sqlite'), backup.path, tmp.file('data')];
}, 120_000);

afterAll(() => {
  if (process.env.FUZZ_STATS) console.log(JSON.stringify(stats, null, 0).replace(/\},"/g, '},\n"'));
  engine?.close();
  tmp?.cleanup();
});

/** Paths stay inside the temp dir: names are flattened, or one of a few special files (the database itself, a folder…). */
function confinePaths(channel: Channel, args: unknown, pick: number): unknown {
  if (!PATH_CHANNELS.has(channel) || !args || typeof args !== 'object' || typeof (args as { path?: unknown }).path !== 'string') return args;
  const p = (args as { path: string }).path;
  const path = pick % 3 === 0 ? specialPaths[pick % specialPaths.length]! : join(tmp.file('fz'), p.replace(/[\\/:\u0000]|\.\./g, '_').slice(0, 100) || 'empty');
  return { ...(args as object), path };
}

async function checkCall(channel: Channel, args: unknown): Promise<void> {
  const before = dump();
  let r: Result<unknown>;
  try {
    r = (await engine.handlers[channel](args)) as Result<unknown>;
  } catch (e) {
    throw new Error(`${channel} threw past the handler with ${JSON.stringify(args)?.slice(0, 300)}: ${String(e)}`);
  }
  expect(typeof r === 'object' && r !== null && typeof r.ok === 'boolean').toBe(true);
  const st = (stats[channel] ??= { ok: 0, refused: {} });
  if (r.ok) st.ok++;
  else st.refused[r.error.code] = (st.refused[r.error.code] ?? 0) + 1;
  if (r.ok) {
    expect(() => JSON.stringify(r), `${channel}: result not JSON-safe`).not.toThrow();
  } else {
    const ctx = `${channel} ${JSON.stringify(args)?.slice(0, 300)} → ${r.error.code}: ${r.error.message}`;
    expect(ERROR_CODES, ctx).toContain(r.error.code);
    expect(typeof r.error.message === 'string' && /[\u4e00-\u9fff]/.test(r.error.message), ctx).toBe(true);
    // db.open/db.create refusals leave the previous database open (or none); compare the one we had.
    if (engine.api.dbPath() === mainDb) expect(dump(), `database changed by a refused call: ${ctx}`).toBe(before);
  }
  // Keep fuzzing the main database whatever the call did (opened another file, closed it).
  if (engine.api.dbPath() !== mainDb) {
    await backupSchedulerFor(engine.api.ctx).idle();
    engine.open(mainDb);
  }
}

describe('every IPC handler under random and malformed arguments', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNELS.length).toBeGreaterThan(40);
  });

  for (const channel of CHANNELS) {
    it(
      channel,
      async () => {
        const shaped = fromSchema(METHODS[channel].args as z.ZodTypeAny, pools);
        const args = fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 3, arbitrary: mutated(shaped) }, { weight: 2, arbitrary: garbage });
        await fc.assert(
          fc.asyncProperty(args, fc.nat(), async (a, pick) => {
            await checkCall(channel, confinePaths(channel, a, pick));
          }),
          { numRuns: SLOW.has(channel) ? Math.ceil(RUNS / 4) : RUNS },
        );
      },
      CHANNEL_TIMEOUT,
    );
  }
});
