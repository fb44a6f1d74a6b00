// Contract pieces of 导入明细表 (issue 13): a sheet's preview and its import. Spread into contract.ts
// argSchemas / ResultTypes. Kept free of imports from contract.ts (which imports this file).
import { z } from 'zod';
import { SHEET_FIELDS, type SheetField } from '../../core/sheets/fields';
import { budgetRefSchema as budgetRef } from './ref-schemas';

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

export const sheetsArgSchemas = {
  /** Reads the sheet against the budget: recognised columns, first lines, totals, every problem. Writes nothing. */
  'sheets.preview': z.object(sheetFile),
  /** Imports the sheet, all or nothing; refused while any problem remains. `replace` replaces the budget's lines. */
  'sheets.import': z.object({ ...sheetFile, replace: z.boolean().optional() }),
} as const;

export interface SheetColumnDto { index: number; letter: string; header: string; field: SheetField | null; auto: SheetField | null }
export interface SheetLineDto {
  row: number; unit: string; function: string; functionName: string; economic: string; economicName: string;
  kind: string; source: string; carryover: boolean; amount: string; project: string | null; memo: string | null;
}
export interface SheetAmountDto { label: string; amount: string }
export interface SheetPreviewDto {
  fileName: string;
  sheetName: string;
  sheetNames: string[];
  headerRow: number;
  headerRows: number;
  wan: boolean;
  encoding: string | null;
  columns: SheetColumnDto[];
  /** Drop-down choices: every field with the clerk's label. */
  fields: { field: SheetField; label: string }[];
  rowCount: number;
  subtotalRows: number;
  lineCount: number;
  /** The first lines as they will be stored. */
  lines: SheetLineDto[];
  total: string;
  byKind: SheetAmountDto[];
  bySource: SheetAmountDto[];
  newUnits: string[];
  newProjects: string[];
  warnings: string[];
  /** Every problem, "第 5 行“金额”：…"; import is possible only when empty. */
  problems: string[];
}
export interface SheetImportDto { lines: number; replacedLines: number; total: string; newUnits: string[]; newProjects: string[]; warnings: string[] }

export interface SheetsResults {
  'sheets.preview': SheetPreviewDto;
  'sheets.import': SheetImportDto;
}
