// Handlers of 导入明细表: core/sheets reads the file, db/sheet-import.ts checks and stores. Thin.
import { formatYuan } from '../../core/money';
import { LINE_KINDS, LINE_KIND_NAMES, SOURCES, SOURCE_NAMES } from '../../core/model';
import { formatProblem, readLineSheet, SHEET_FIELD_LABELS, SHEET_FIELDS, type ColumnChoices } from '../../core/sheets';
import { getCatalogs } from '../../db/catalogs';
import { EditError } from '../../db/edits';
import { importLineSheet, rememberChoices, rememberedChoices, type OkReading, type SheetImportResult } from '../../db/sheet-import';
import type { EngineApi, ImplMap } from './handlers';
import type { SheetPreviewDto } from './sheets-contract';

type SheetsChannel = 'sheets.preview' | 'sheets.import';
const PREVIEW_LINES = 20;

function choicesOf(raw: Record<string, ColumnChoices[number]> | undefined): ColumnChoices | undefined {
  return raw ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [Number(k), v])) : undefined;
}

async function read(api: EngineApi, args: { fileName: string; data: string; sheet?: string; choices?: Record<string, ColumnChoices[number]> }): Promise<OkReading> {
  const db = api.db();
  const reading = await readLineSheet(new Uint8Array(Buffer.from(args.data, 'base64')), args.fileName, {
    sheet: args.sheet, choices: choicesOf(args.choices), remembered: (sig) => rememberedChoices(db, sig),
  });
  if (!reading.ok) throw new EditError('validation', reading.reason, 'data');
  return reading;
}

function preview(reading: OkReading, r: SheetImportResult, catalogs: { function: Map<string, string>; economic: Map<string, string> }): SheetPreviewDto {
  const h = reading.header;
  const t = r.resolved.totals;
  return {
    fileName: reading.fileName, sheetName: reading.sheetName, sheetNames: reading.sheetNames, headerRow: h.row, headerRows: h.rows, wan: h.wan,
    encoding: reading.encoding ?? null, columns: h.columns.map((c) => ({ ...c })),
    fields: SHEET_FIELDS.map((field) => ({ field, label: SHEET_FIELD_LABELS[field] })),
    rowCount: reading.rows.length, subtotalRows: reading.subtotalRows, lineCount: r.resolved.lines.length,
    lines: r.resolved.lines.slice(0, PREVIEW_LINES).map((l) => ({
      row: l.row, unit: l.unit, function: l.function, functionName: catalogs.function.get(l.function) ?? '', economic: l.economic, economicName: catalogs.economic.get(l.economic) ?? '',
      kind: LINE_KIND_NAMES[l.kind], source: SOURCE_NAMES[l.source], carryover: l.carryover, amount: formatYuan(l.amount), project: l.project ?? null, memo: l.memo ?? null,
    })),
    total: formatYuan(t.total),
    byKind: LINE_KINDS.filter((k) => t.byKind[k]).map((k) => ({ label: LINE_KIND_NAMES[k], amount: formatYuan(t.byKind[k]!) })),
    bySource: SOURCES.filter((s) => t.bySource[s]).map((s) => ({ label: SOURCE_NAMES[s], amount: formatYuan(t.bySource[s]!) })),
    newUnits: r.resolved.newUnits.map((u) => `${u.code} ${u.name}`),
    newProjects: r.resolved.newProjects.map((p) => `${p.code} ${p.name}`),
    warnings: r.resolved.warnings, problems: r.resolved.problems.map(formatProblem),
  };
}

export function sheetsHandlers(api: EngineApi): ImplMap<SheetsChannel> {
  return {
    'sheets.preview': async (args) => {
      const reading = await read(api, args);
      const r = importLineSheet(api.db(), reading, { dept: args.budget.dept, year: args.budget.year, dryRun: true });
      const names = new Map<string, string>();
      const econ = new Map<string, string>();
      const cats = getCatalogs(api.db(), args.budget.year);
      for (const l of r.resolved.lines.slice(0, PREVIEW_LINES)) { names.set(l.function, cats.function.name(l.function)); econ.set(l.economic, cats.economic.name(l.economic)); }
      return preview(reading, r, { function: names, economic: econ });
    },
    'sheets.import': async (args) => {
      const reading = await read(api, args);
      const r = importLineSheet(api.db(), reading, { dept: args.budget.dept, year: args.budget.year, replace: args.replace === true });
      if (!r.written) {
        const { problems } = r.resolved;
        throw new EditError('validation', `明细表未导入：共 ${problems.length} 处问题：${problems.slice(0, 20).map(formatProblem).join('；')}${problems.length > 20 ? '；……' : ''}`, 'data');
      }
      const choices = choicesOf(args.choices);
      if (choices) rememberChoices(api.db(), reading.header.signature, choices);
      api.invalidate(r.budget.id);
      return {
        lines: r.resolved.lines.length, replacedLines: r.replacedLines, total: formatYuan(r.resolved.totals.total),
        newUnits: r.resolved.newUnits.map((u) => `${u.code} ${u.name}`), newProjects: r.resolved.newProjects.map((p) => `${p.code} ${p.name}`), warnings: r.resolved.warnings,
      };
    },
  };
}
