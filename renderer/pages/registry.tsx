// The navigation: one entry per page, in order; a new page is one line here.
import type { ReactNode } from 'react';
import { StartPage } from './StartPage';
import { DepartmentPage } from './DepartmentPage';
import { LinesPage } from './LinesPage';
import { ProjectsPage } from './ProjectsPage';
import { ProcurementAssetsPage } from './ProcurementAssetsPage';
import { NarrativePage } from './NarrativePage';
import { PreviewPage } from './PreviewPage';
import { ExportPage } from './ExportPage';
import { ChecksPage } from './ChecksPage';
import { ComparePage } from './ComparePage';
import { YearSwitcher } from '../components/YearSwitcher';
import { CatalogPage } from './CatalogPage';
import { SummaryPage } from './SummaryPage';
import { ControlPage } from './ControlPage';

export interface PageDef {
  id: string;
  label: string;
  /** Shown only when a budget is open. */
  needsBudget: boolean;
  /** A page that fills the content area itself (grids). */
  fill?: boolean;
  /** An editing page: disabled as a whole while the year is 定稿 (the 预算明细 grid locks itself). */
  lockWhenFinal?: boolean;
  /** Listed only when the database holds budgets of several departments of one year (汇总). */
  whenSeveralDepartments?: boolean;
  render(): ReactNode;
}

export const PAGES: PageDef[] = [
  { id: 'start', label: '开始', needsBudget: false, render: () => <StartPage /> },
  { id: 'department', label: '部门与单位', needsBudget: true, lockWhenFinal: true, render: () => <DepartmentPage /> },
  { id: 'control', label: '控制数', needsBudget: true, render: () => <ControlPage /> },
  { id: 'lines', label: '预算明细', needsBudget: true, fill: true, render: () => <LinesPage /> },
  { id: 'projects', label: '项目与绩效', needsBudget: true, lockWhenFinal: true, render: () => <ProjectsPage /> },
  { id: 'procurement', label: '政府采购与固定资产', needsBudget: true, lockWhenFinal: true, render: () => <ProcurementAssetsPage /> },
  { id: 'narrative', label: '情况说明', needsBudget: true, lockWhenFinal: true, render: () => <NarrativePage /> },
  { id: 'catalog', label: '科目表', needsBudget: true, render: () => <CatalogPage /> },
  { id: 'checks', label: '校验', needsBudget: true, render: () => <ChecksPage /> },
  { id: 'preview', label: '报表预览', needsBudget: true, render: () => <PreviewPage /> },
  { id: 'compare', label: '往年对比', needsBudget: true, render: () => <ComparePage /> },
  { id: 'export', label: '导出', needsBudget: true, render: () => <ExportPage /> },
  // The bureau's view over all departments of a year; listed only when some year holds several (App.tsx).
  { id: 'summary', label: '汇总', needsBudget: false, whenSeveralDepartments: true, render: () => <SummaryPage /> },
];

/** Where a year switcher goes (top bar, next to the open budget). SLOT(prior-years) renders into it. */
export const TOPBAR_SLOTS: Array<() => ReactNode> = [YearSwitcher];
