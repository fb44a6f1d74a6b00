// 导入明细表 (issue 13): a clerk's sheet previewed and imported. core/sheets reads the file,
// db/sheet-import.ts checks and stores; these methods only carry the DTOs.
import { z } from 'zod';
import { formatYuan } from '../../core/money';
import { LINE_KINDS, LINE_KIND_NAMES, SOURCES, SOURCE_NAMES } from '../../core/model';
import {
  formatProblem,
  readIndicatorSheet,
  readLineSheet,
  type IndicatorReading,
  SHEET_FIELD_LABELS,
  SHEET_FIELDS,
  type ColumnChoices,
  type SheetField,
} from '../../core/sheets';
import { getCatalogs } from '../../db/catalogs';
import { Refusal } from '../../db/errors';
import { importIndicatorSheet, type IndicatorImportResult } from '../../db/sheet-indicators';
import { alreadyInMessage, planLineSheet, rememberChoices, rememberedChoices, writeLineSheet, type OkReading } from '../../db/sheet-import';
import { backupWriter } from './backup';
import { method, type EngineApi } from '../method';
import { budgetRefSchema as budgetRef } from '../schemas';

const PREVIEW_LINES = 20;
const sheetFile = {
  budget: budgetRef,
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64 (.xlsx or .csv). */
  data: z.string().max(70_000_000),
  /** A worksheet by name; default the first with data. */
  sheet: z.string().max(255).optional(),
  /** The clerk's column choices: column index → field (null: not read). */
  choices: z.record(z.string().regex(/^\d{1,3}$/), z.enum(SHEET_FIELDS as [SheetField, ...SheetField[]]).nullable()).optional(),
};
type SheetFileArgs = { fileName: string; data: string; sheet?: string; choices?: Record<string, SheetField | null> };

const choicesOf = (raw: SheetFileArgs['choices']): ColumnChoices | undefined =>
  raw ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [Number(k), v])) : undefined;

/** An indicator workbook (项目编码 + 一级/二级/三级指标) holds projects' indicators, not lines. */
async function readIndicators(args: SheetFileArgs): Promise<IndicatorReading | null> {
  const r = await readIndicatorSheet(new Uint8Array(Buffer.from(args.data, 'base64')), args.fileName, args.sheet);
  return 'reason' in r ? null : r;
}

const indicatorProjects = (r: IndicatorImportResult) => [
  ...r.created.map((p) => ({ ...p, created: true })),
  ...r.completed.map((p) => ({ ...p, created: false })),
];

async function read(api: EngineApi, args: SheetFileArgs): Promise<OkReading> {
  const reading = await readOrUnread(api, args);
  if (!reading.ok) throw new Refusal('validation', reading.reason, { field: 'data' });
  return reading;
}

function readOrUnread(api: EngineApi, args: SheetFileArgs) {
  const db = api.db();
  return readLineSheet(new Uint8Array(Buffer.from(args.data, 'base64')), args.fileName, {
    sheet: args.sheet,
    choices: choicesOf(args.choices),
    remembered: (sig) => rememberedChoices(db, sig),
  });
}

export const sheets = {
  /** Reads the sheet against the budget: recognised columns, first lines, totals, every problem. Writes nothing. */
  'sheets.preview': method(z.object(sheetFile), async (args, api) => {
    const ind = await readIndicators(args);
    if (ind) {
      const r = importIndicatorSheet(api.db(), ind, { dept: args.budget.dept, year: args.budget.year, dryRun: true });
      return {
        kind: 'indicators' as const,
        fileName: args.fileName,
        indicatorSheet: ind.indicatorSheet,
        goalSheet: ind.goalSheet,
        rowCount: ind.rows,
        /** Each project of the sheet: created (not yet in the budget) or completed, with its indicator and goal counts. */
        projects: indicatorProjects(r),
        problems: r.problems.map(formatProblem),
      };
    }
    const reading = await readOrUnread(api, args);
    if (!reading.ok) {
      if (!reading.sheetNames?.length) throw new Refusal('validation', reading.reason, { field: 'data' });
      /** No sheet with a header: the clerk picks another sheet (before any preview). */
      return { kind: 'unread' as const, fileName: args.fileName, sheetName: args.sheet ?? null, sheetNames: reading.sheetNames, reason: reading.reason };
    }
    const r = planLineSheet(api.db(), reading, { dept: args.budget.dept, year: args.budget.year, dryRun: true });
    const cats = getCatalogs(api.db(), args.budget.year);
    const h = reading.header;
    const t = r.resolved.totals;
    return {
      kind: 'lines' as const,
      fileName: reading.fileName,
      sheetName: reading.sheetName,
      sheetNames: reading.sheetNames,
      headerRow: h.row,
      headerRows: h.rows,
      wan: h.wan,
      /** Other sheets with a line-item header the clerk could take instead. */
      otherSheets: reading.otherSheets,
      /** Subtotal and footer rows left out: "第 12 行（万里街道办事处小计）". */
      skippedRows: reading.skipped.map((s) => ({ row: s.row, text: s.text, footer: s.why === 'footer' })),
      /** Columns with amounts that are not read, and the like. */
      notices: reading.warnings,
      /** Names matched to codes. */
      matched: r.resolved.matched,
      /** Every line is already in the budget: the dialog asks 替换 / 追加 / 取消. */
      alreadyIn: r.alreadyIn,
      encoding: reading.encoding ?? null,
      columns: h.columns.map((c) => ({ ...c })),
      fields: SHEET_FIELDS.map((field) => ({ field, label: SHEET_FIELD_LABELS[field] })),
      rowCount: reading.rows.length,
      subtotalRows: reading.subtotalRows,
      lineCount: r.resolved.lines.length,
      lines: r.resolved.lines.slice(0, PREVIEW_LINES).map((l) => ({
        row: l.row,
        unit: l.unit,
        function: l.function,
        functionName: cats.function.name(l.function),
        economic: l.economic,
        economicName: cats.economic.name(l.economic),
        kind: LINE_KIND_NAMES[l.kind],
        source: SOURCE_NAMES[l.source],
        carryover: l.carryover,
        amount: formatYuan(l.amount),
        project: l.project ?? null,
        memo: l.memo ?? null,
      })),
      total: formatYuan(t.total),
      byKind: LINE_KINDS.filter((k) => t.byKind[k]).map((k) => ({ label: LINE_KIND_NAMES[k], amount: formatYuan(t.byKind[k]!) })),
      bySource: SOURCES.filter((s) => t.bySource[s]).map((s) => ({ label: SOURCE_NAMES[s], amount: formatYuan(t.bySource[s]!) })),
      newUnits: r.resolved.newUnits.map((u) => `${u.code} ${u.name}`),
      newProjects: r.resolved.newProjects.map((p) => `${p.code} ${p.name}`),
      warnings: r.resolved.warnings,
      /** Every problem, "第 5 行“金额”：…"; import is possible only when empty. */
      problems: r.resolved.problems.map(formatProblem),
    };
  }),
  /** Imports the sheet, all or nothing, as one undo step; refused while any problem remains. `replace` replaces the budget's lines;
   *  a sheet whose lines are all in the budget already is refused unless `append`. Too large to undo: a backup comes first (db/bulk-write.ts). */
  'sheets.import': method(z.object({ ...sheetFile, replace: z.boolean().optional(), append: z.boolean().optional() }), async (args, api) => {
    const ind = await readIndicators(args);
    if (ind) {
      const r = importIndicatorSheet(api.db(), ind, { dept: args.budget.dept, year: args.budget.year });
      if (!r.written)
        throw new Refusal(
          'validation',
          `绩效指标未导入：共 ${r.problems.length} 处问题：${r.problems.slice(0, 20).map(formatProblem).join('；')}${r.problems.length > 20 ? '；……' : ''}`,
          { field: 'data' },
        );
      api.invalidate(r.budget.id);
      return { kind: 'indicators' as const, projects: indicatorProjects(r) };
    }
    const reading = await read(api, args);
    const opts = { dept: args.budget.dept, year: args.budget.year, replace: args.replace === true, append: args.append === true };
    const plan = planLineSheet(api.db(), reading, opts);
    const { problems } = plan.resolved;
    if (problems.length) {
      throw new Refusal(
        'validation',
        `明细表未导入：共 ${problems.length} 处问题：${problems.slice(0, 20).map(formatProblem).join('；')}${problems.length > 20 ? '；……' : ''}`,
        { field: 'data' },
      );
    }
    if (plan.alreadyIn && !opts.append)
      throw new Refusal('conflict', alreadyInMessage(plan, { replace: '选择“替换”', append: '选择“追加”' }), { field: 'data' });
    const r = await writeLineSheet(api.db(), plan, opts, backupWriter(api));
    const choices = choicesOf(args.choices);
    if (choices) rememberChoices(api.db(), reading.header.signature, choices);
    // The import is one undo step, or its budget's history was dropped (db/bulk-write.ts): caches go.
    api.dropMemos();
    return {
      kind: 'lines' as const,
      lines: r.resolved.lines.length,
      replacedLines: r.replacedLines,
      total: formatYuan(r.resolved.totals.total),
      backup: r.backup,
      newUnits: r.resolved.newUnits.map((u) => `${u.code} ${u.name}`),
      newProjects: r.resolved.newProjects.map((p) => `${p.code} ${p.name}`),
      warnings: r.resolved.warnings,
    };
  }),
};
