// Contract pieces of consolidation (issue 15): 合并单位预算 (preview, then merge) and the bureau's 汇总.
// Spread into contract.ts argSchemas / ResultTypes. Kept free of value imports from contract.ts.
import { z } from 'zod';
import { yearSchema as year } from './ref-schemas';
import type { ExportFile } from './contract';
import type { JsonSafe, RenderedTable } from '../../core/tables';

const unitFile = z.object({ fileName: z.string().max(255), text: z.string().max(60_000_000), replace: z.boolean().optional() });

export const consolidationArgSchemas = {
  /** What merging a unit's budget file into its department-year would do; writes nothing. */
  'merge.preview': unitFile,
  /** Merges it: a backup first (合并前), then one transaction. Refused like the preview. */
  'merge.apply': unitFile,
  /** Years whose database holds budgets of more than one department (汇总 is offered for these). */
  'summary.years': z.object({}),
  /** 部门汇总表 and the 12 tables over all departments of a year. */
  'summary.get': z.object({ year }),
  /** The same as a workbook (an export channel). */
  'summary.workbook': z.object({ year }),
} as const;

export interface MergeUnitDto { code: string; name: string; replaced: boolean }
export interface MergePreviewDto {
  ok: boolean;
  /** Why it is refused (ok false), in the clerk's words. */
  message: string | null;
  conflicts: { units: string[]; projects: string[] };
  dept: { code: string; name: string; year: number } | null;
  units: MergeUnitDto[];
  lines: number;
  projects: number;
  indicators: number;
  procurement: number;
  assets: number;
  /** 元 */
  totals: { total: string; basic: string; project: string; fiscal: string } | null;
  removed: { lines: number; projects: number; procurement: number; assets: number } | null;
  /** The unit file's 情况说明 as text lines, offered, not merged; empty when it has none. */
  narrative: string[];
  warnings: string[];
}
export interface MergeDoneDto extends MergePreviewDto { budget: { dept: string; year: number }; backup: string | null }

export interface SummaryDeptDto { code: string; name: string; finalized: boolean; total: string; fiscal: string; basic: string; project: string; threePublic: string; adminOperating: string }
export interface SummaryDto { year: number; departments: SummaryDeptDto[]; tables: JsonSafe<RenderedTable>[] }

export interface ConsolidationResults {
  'merge.preview': MergePreviewDto;
  'merge.apply': MergeDoneDto;
  'summary.years': { years: { year: number; departments: number }[] };
  'summary.get': SummaryDto;
  'summary.workbook': ExportFile;
}
