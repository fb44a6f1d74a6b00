// The lines' digest as the database keeps it (core/line-digest.ts LINE_GRAINS): one table per grain, kept
// by three triggers on `lines` inside the same transaction as the change of the line, whoever writes it
// (edits, undo, merge, import, new year). Views of a 300,000-line budget (报表预览, 校验, 控制数) read these
// sums instead of the lines (db/line-digest.ts). Bulk inserts go around the insert trigger and add each
// group once (db/line-totals.ts withBulkLines). Groups that drop to n = 0 stay, skipped when read.
import {
  blankGroup,
  fieldOf,
  GRAIN_NAMES,
  LINE_GRAINS,
  type DigestField,
  type GrainName,
  type GrainSpec,
  type Group,
  type LineDigest,
} from '../core/line-digest';
import { FISCAL_SOURCES, LINE_KINDS, PERSONNEL_CLASSES } from '../core/model';
import type { BudgetDb } from './budget-db';

/** A digest field as a column of `lines` (`project` as '' for a line of no project). */
export const LINE_COLUMN: Record<DigestField, string> = {
  function: 'function_code',
  economic: 'economic_code',
  unit: 'unit_code',
  project: "coalesce(#.project_code, '')",
  kind: 'kind',
  source: 'source',
  carryover: 'carryover',
};
/** The expression of a field on a row alias (NEW, OLD, or a table alias). */
export const lineField = (f: DigestField, alias: string): string =>
  LINE_COLUMN[f].includes('#') ? LINE_COLUMN[f].replace('#', alias) : `${alias}.${LINE_COLUMN[f]}`;

/** The column a grain table stores a field in. */
const keyColumn = (f: DigestField): string => (f === 'project' ? 'project_code' : LINE_COLUMN[f]);

const grain = (name: GrainName): GrainSpec => LINE_GRAINS[name];

export const grainTable = (name: GrainName): string => `line_grain_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;

const keys = (name: GrainName) => grain(name).fields.map(keyColumn);

function tableSql(name: GrainName): string {
  const cols = grain(name).fields.map((f) => {
    const col = keyColumn(f);
    if (f === 'carryover') return `  ${col} INTEGER NOT NULL,`;
    if (f === 'kind') return `  ${col} TEXT NOT NULL CHECK (${col} IN (${LINE_KINDS.map((k) => `'${k}'`).join(', ')})),`;
    return `  ${col} TEXT NOT NULL,`;
  });
  return `CREATE TABLE ${grainTable(name)} (
  budget_id INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
${cols.join('\n')}
  amount_fen INTEGER NOT NULL,
  n INTEGER NOT NULL,
  zeros INTEGER NOT NULL,
  PRIMARY KEY (budget_id, ${keys(name).join(', ')})
) WITHOUT ROWID;`;
}

/** core/line-digest.ts inGrain as SQL over a row alias. */
function when(name: GrainName, row: string): string {
  const g = grain(name);
  const c: string[] = [];
  if (g.onlyKind) c.push(`${row}.kind = '${g.onlyKind}'`);
  if (g.fiscalOnly) c.push(`${row}.source IN (${FISCAL_SOURCES.map((x) => `'${x}'`).join(', ')})`);
  if (g.publicUseOnly) c.push(`substr(${row}.economic_code, 1, 3) NOT IN (${PERSONNEL_CLASSES.map((x) => `'${x}'`).join(', ')})`);
  return c.length ? c.join(' AND ') : '1';
}

function addSql(name: GrainName): string {
  const k = keys(name).join(', ');
  return `INSERT INTO ${grainTable(name)} (budget_id, ${k}, amount_fen, n, zeros)
    SELECT NEW.budget_id, ${grain(name)
      .fields.map((f) => lineField(f, 'NEW'))
      .join(', ')}, NEW.amount_fen, 1, NEW.amount_fen <= 0 WHERE ${when(name, 'NEW')}
    ON CONFLICT (budget_id, ${k}) DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, n = n + 1, zeros = zeros + excluded.zeros;`;
}

function subSql(name: GrainName): string {
  const match = grain(name)
    .fields.map((f) => `${keyColumn(f)} = ${lineField(f, 'OLD')}`)
    .join(' AND ');
  return `UPDATE ${grainTable(name)} SET amount_fen = amount_fen - OLD.amount_fen, n = n - 1, zeros = zeros - (OLD.amount_fen <= 0)
    WHERE budget_id = OLD.budget_id AND ${match} AND ${when(name, 'OLD')};`;
}

export const GRAINS_INSERT_TRIGGER = 'line_grains_insert';

const insertTrigger = () => `CREATE TRIGGER ${GRAINS_INSERT_TRIGGER} AFTER INSERT ON lines BEGIN
  ${GRAIN_NAMES.map(addSql).join('\n  ')}
END;`;

/** Every column a grain reads (an edit of the memo alone touches no sums). */
const WATCHED = ['budget_id', 'unit_code', 'function_code', 'economic_code', 'kind', 'source', 'carryover', 'amount_fen', 'project_code'];

/** The grain tables and their triggers (migration 010). */
export const LINE_GRAINS_SCHEMA = `${GRAIN_NAMES.map(tableSql).join('\n')}
${insertTrigger()}
CREATE TRIGGER line_grains_delete AFTER DELETE ON lines BEGIN
  ${GRAIN_NAMES.map(subSql).join('\n  ')}
END;
CREATE TRIGGER line_grains_update AFTER UPDATE OF ${WATCHED.join(', ')} ON lines BEGIN
  ${GRAIN_NAMES.map(subSql).join('\n  ')}
  ${GRAIN_NAMES.map(addSql).join('\n  ')}
END;`;

/** Fills the grain tables from the lines already stored (migration 010). */
export const LINE_GRAINS_FILL = GRAIN_NAMES.map((name) => {
  const f = grain(name).fields.map((x) => lineField(x, 'l'));
  return `INSERT INTO ${grainTable(name)} (budget_id, ${keys(name).join(', ')}, amount_fen, n, zeros)
  SELECT l.budget_id, ${f.join(', ')}, sum(l.amount_fen), count(*), sum(l.amount_fen <= 0) FROM lines l WHERE ${when(name, 'l')}
  GROUP BY l.budget_id, ${f.join(', ')};`;
}).join('\n');

/** The insert trigger, to re-create after a bulk insert went around it. */
export const GRAINS_INSERT_TRIGGER_SQL = insertTrigger();

/** Adds a digest of lines inserted around the insert trigger to the grain tables, one row per group. */
export function addDigest(db: BudgetDb, budgetId: number, d: LineDigest): void {
  for (const name of GRAIN_NAMES) {
    const k = keys(name).join(', ');
    const add = db.stmt(`INSERT INTO ${grainTable(name)} (budget_id, ${k}, amount_fen, n, zeros) VALUES (?, ${keys(name)
      .map(() => '?')
      .join(', ')}, ?, ?, ?)
      ON CONFLICT (budget_id, ${k}) DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, n = n + excluded.n, zeros = zeros + excluded.zeros`);
    const fields = grain(name).fields;
    for (const g of d[name]) add.run(budgetId, ...fields.map((f) => fieldOf(g, f)), g.amount, g.n, g.zeros);
  }
}

/** The stored digest of one budget's lines: per grain, the groups that hold lines — each grain read when
 *  first asked for (a table reads two or three of them, 校验 all). `held`: grains already read
 *  (db/budget-cache.ts), where a grain read now is also kept — unless read inside a transaction, which may
 *  still roll back. */
export function loadDigest(db: BudgetDb, budgetId: number, held?: Partial<Record<GrainName, Group[]>>): LineDigest {
  const out = {} as LineDigest;
  // Amounts are never negative (the lines' CHECK), so no group's sum passes the budget's total: while that is
  // below 2^53 every sum reads exactly as a plain number (cheaper than a bigint per column).
  let exact: boolean | undefined;
  const needsExact = () =>
    (exact ??=
      ((db.stmt('SELECT sum(amount_fen) FROM line_totals WHERE budget_id = ?', { pluck: true, exact: true }).get(budgetId) as bigint | null) ?? 0n) > MAX_SAFE);
  for (const name of GRAIN_NAMES) {
    let groups = held?.[name];
    Object.defineProperty(out, name, {
      enumerable: true,
      get: () => {
        if (!groups) {
          groups = loadGrain(db, budgetId, name, needsExact());
          if (held && !db.sqlite.inTransaction) held[name] = groups;
        }
        return groups;
      },
    });
  }
  return out;
}
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** One grain's groups that hold lines, in the order of the grain table's key (db/digest-patch.ts keeps it). */
function loadGrain(db: BudgetDb, budgetId: number, name: GrainName, exact: boolean): Group[] {
  const fields = grain(name).fields;
  const width = fields.length;
  const rows = db
    .stmt(`SELECT ${keys(name).join(', ')}, n, zeros, amount_fen FROM ${grainTable(name)} WHERE budget_id = ? AND n > 0 ORDER BY ${keys(name).join(', ')}`, {
      raw: true,
      exact,
    })
    .all(budgetId) as unknown[][];
  const groups: Group[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const g = blankGroup(name);
    for (let j = 0; j < width; j++) {
      const f = fields[j]!;
      if (f === 'carryover') g.carryover = Number(r[j]) === 1;
      else (g as unknown as Record<string, unknown>)[f] = r[j];
    }
    g.n = Number(r[width]);
    g.zeros = Number(r[width + 1]);
    g.amount = BigInt(r[width + 2] as number | bigint);
    groups[i] = g;
  }
  return groups;
}
