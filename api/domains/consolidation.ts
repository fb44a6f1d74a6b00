// Consolidation: 合并单位预算 (a unit's budget file merged into its department-year: preview, then merge) and
// the bureau's 汇总 over all departments of a year (db/merge.ts, db/summary.ts, core/merge.ts, core/summary).
import { z } from 'zod';
import { narrativeText } from '../../core/merge';
import { formatYuan } from '../../core/money';
import { bureauSummary } from '../../core/summary';
import { tablesToJson } from '../../core/tables';
import { getCatalogs } from '../../db/catalogs';
import { mergeBudgetFile, previewMerge, type MergePreview } from '../../db/merge';
import { loadYearBudgets, summaryYears } from '../../db/summary';
import { MAX_BUDGET_FILE_CHARS } from '../../core/limits';
import { method, type EngineApi } from '../method';
import { yearSchema } from '../schemas';
import { backupWriter } from './backup';
import { figureDto } from '../../core/control/report';

const unitFile = z.object({ fileName: z.string().max(255), text: z.string().max(MAX_BUDGET_FILE_CHARS), replace: z.boolean().optional() });

export interface MergePreviewDto {
  ok: boolean;
  /** Why it is refused (ok false), in the clerk's words. */
  message: string | null;
  conflicts: { units: string[]; projects: string[] };
  /** Refused because the department-year is not in the database: the UI offers 新建 from the file. */
  missing: { code: string; name: string; year: number } | null;
  dept: { code: string; name: string; year: number } | null;
  units: { code: string; name: string; replaced: boolean }[];
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
  /** Each of the file's units' 控制数 against the file's lines (已编), before anything is written. */
  control: ReturnType<typeof figureDto>[];
  /** 控制数 of the file that differ from the department's (the file's take their place). */
  controlDiffers: string[];
  warnings: string[];
}
export interface MergeDoneDto extends MergePreviewDto {
  budget: { dept: string; year: number };
  backup: string | null;
}

function previewDto(p: MergePreview): MergePreviewDto {
  if (!p.ok) {
    return {
      ok: false,
      message: p.message,
      conflicts: p.conflicts,
      missing: p.missing ?? null,
      dept: null,
      units: [],
      lines: 0,
      projects: 0,
      indicators: 0,
      procurement: 0,
      assets: 0,
      totals: null,
      removed: null,
      narrative: [],
      control: [],
      controlDiffers: [],
      warnings: [],
    };
  }
  return {
    ok: true,
    message: null,
    conflicts: { units: [], projects: [] },
    missing: null,
    dept: { code: p.deptCode, name: p.deptName, year: p.year },
    units: p.units.map((u) => ({ code: u.code, name: u.name, replaced: p.replacedUnits.includes(u.code) })),
    lines: p.lines,
    projects: p.projects,
    indicators: p.indicators,
    procurement: p.procurement,
    assets: p.assets,
    totals: { total: formatYuan(p.added.total), basic: formatYuan(p.added.basic), project: formatYuan(p.added.project), fiscal: formatYuan(p.added.fiscal) },
    removed: p.removed,
    narrative: p.narrativeOffered ? narrativeText(p.narrativeOffered) : [],
    warnings: p.warnings,
    control: p.controlFigures.map(figureDto),
    controlDiffers: p.controlDiffers,
  };
}

const summaryOf = (api: EngineApi, year: number) => bureauSummary(year, loadYearBudgets(api.db(), year), getCatalogs(api.db(), year));

export const consolidation = {
  /** What merging a unit's budget file into its department-year would do; writes nothing. */
  'merge.preview': method(unitFile, ({ text, replace }, api) => previewDto(previewMerge(api.db(), text, { replace: replace === true }))),
  /** Merges it: a backup first (合并前), then one transaction. A refusal is an answer (ok false, nothing
   *  written), so the dialog can list the conflicting codes. */
  'merge.apply': method(unitFile, async ({ text, replace }, api): Promise<MergeDoneDto> => {
    const r = await mergeBudgetFile(api.db(), text, { replace: replace === true, backup: backupWriter(api) });
    if (r.ok) api.dropMemos(); // the merge is one undo step (db/bulk-write.ts)
    return { ...previewDto(r), budget: { dept: r.ok ? r.deptCode : '', year: r.ok ? r.year : 0 }, backup: r.backup ?? null };
  }),
  /** Years whose database holds budgets of more than one department (汇总 is offered for these). */
  'summary.years': method(z.object({}), (_a, api) => ({ years: summaryYears(api.db()) })),
  /** 部门汇总表 and the 12 tables over all departments of a year. */
  'summary.get': method(z.object({ year: yearSchema }), ({ year }, api) => {
    const s = summaryOf(api, year);
    return {
      year,
      tables: tablesToJson(s.tables),
      departments: s.departments.map((x) => ({
        code: x.code,
        name: x.name,
        finalized: x.finalized,
        total: formatYuan(x.total),
        fiscal: formatYuan(x.fiscal),
        basic: formatYuan(x.basic),
        project: formatYuan(x.project),
        threePublic: formatYuan(x.threePublic),
        adminOperating: formatYuan(x.adminOperating),
      })),
    };
  }),
  /** The same as a workbook (an export channel: the transport saves or downloads it). */
  'summary.workbook': method(z.object({ year: yearSchema }), async ({ year }, api) => {
    const { writeWorkbook } = await import('../../core/export/xlsx');
    const data = await writeWorkbook(summaryOf(api, year).tables);
    return {
      fileName: `${year}年部门预算汇总表.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: Buffer.from(data).toString('base64'),
    };
  }),
};
