// Handlers of consolidation: db/merge.ts and core/summary behind the consolidation-contract channels.
import { narrativeText } from '../../core/merge';
import { formatYuan } from '../../core/money';
import { bureauSummary } from '../../core/summary';
import { tablesToJson } from '../../core/tables';
import { createBackup } from '../../db/backup';
import { getCatalogs } from '../../db/catalogs';
import { mergeBudgetFile, previewMerge, type MergePreview } from '../../db/merge';
import { loadYearBudgets, summaryYears } from '../../db/summary';
import { backupSchedulerFor } from './backup-handlers';
import type { MergePreviewDto, SummaryDto } from './consolidation-contract';
import type { EngineApi, ImplMap } from './handlers';

type ConsolidationChannel = 'merge.preview' | 'merge.apply' | 'summary.years' | 'summary.get' | 'summary.workbook';

function previewDto(p: MergePreview): MergePreviewDto {
  if (!p.ok) {
    return { ok: false, message: p.message, conflicts: p.conflicts, dept: null, units: [], lines: 0, projects: 0, indicators: 0, procurement: 0, assets: 0, totals: null, removed: null, narrative: [], warnings: [] };
  }
  return {
    ok: true, message: null, conflicts: { units: [], projects: [] }, dept: { code: p.deptCode, name: p.deptName, year: p.year },
    units: p.units.map((u) => ({ code: u.code, name: u.name, replaced: p.replacedUnits.includes(u.code) })),
    lines: p.lines, projects: p.projects, indicators: p.indicators, procurement: p.procurement, assets: p.assets,
    totals: { total: formatYuan(p.added.total), basic: formatYuan(p.added.basic), project: formatYuan(p.added.project), fiscal: formatYuan(p.added.fiscal) },
    removed: p.removed, narrative: p.narrativeOffered ? narrativeText(p.narrativeOffered) : [], warnings: p.warnings,
  };
}

export function consolidationHandlers(api: EngineApi): ImplMap<ConsolidationChannel> {
  const scheduler = backupSchedulerFor(api.ctx);
  const summary = (year: number) => {
    const d = api.db();
    return bureauSummary(year, loadYearBudgets(d, year), getCatalogs(d, year));
  };
  return {
    'merge.preview': ({ text, replace }) => previewDto(previewMerge(api.db(), text, { replace: replace === true })),
    'merge.apply': async ({ text, replace }) => {
      const d = api.db();
      await scheduler.idle();
      const r = await mergeBudgetFile(d, text, { replace: replace === true, backup: async () => (await createBackup(d, scheduler.dirFor(d), 'before-merge')).path });
      if (r.ok) api.invalidate(r.budgetId);
      // A refusal is an answer (ok false, nothing written), so the dialog can list the conflicting codes.
      return { ...previewDto(r), budget: { dept: r.ok ? r.deptCode : '', year: r.ok ? r.year : 0 }, backup: r.backup ?? null };
    },
    'summary.years': () => {
      const d = api.db();
      return { years: summaryYears(d).map((year) => ({ year, departments: d.stmt('SELECT count(*) FROM budgets WHERE year = ?').pluck().get(year) as number })) };
    },
    'summary.get': ({ year }): SummaryDto => {
      const s = summary(year);
      return {
        year, tables: tablesToJson(s.tables),
        departments: s.departments.map((x) => ({
          code: x.code, name: x.name, finalized: x.finalized, total: formatYuan(x.total), fiscal: formatYuan(x.fiscal), basic: formatYuan(x.basic),
          project: formatYuan(x.project), threePublic: formatYuan(x.threePublic), adminOperating: formatYuan(x.adminOperating),
        })),
      };
    },
    'summary.workbook': async ({ year }) => {
      const { writeWorkbook } = await import('../../core/export/xlsx');
      const data = await writeWorkbook(summary(year).tables);
      return { fileName: `${year}年部门预算汇总表.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from(data).toString('base64') };
    },
  };
}
