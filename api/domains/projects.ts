// 项目 of a budget with their 绩效目标 and 指标. `projects.update` addresses the project by `code`.
import { z } from 'zod';
import * as edits from '../../db/edits';
import { copyIndicators } from '../../db/indicator-copy';
import { method } from '../method';
import { codeSchema as code, withBudget, yearSchema as year } from '../schemas';

const indicatorSchema = z.object({
  level1: z.string().max(32),
  level2: z.string().max(32),
  name: z.string().max(500),
  description: z.string().max(2000).default(''),
  op: z.string().max(4),
  value: z.string().max(64),
  unit: z.string().max(32).default(''),
  basis: z.string().max(500).default(''),
});
const pct = z.string().max(8).nullable();
export const projectSchema = z.object({
  code,
  name: z.string().max(500),
  unit: z.string().max(64),
  purpose: z.string().max(5000).default(''),
  spendingPlan: z.object({ mar: pct, jun: pct, oct: pct, dec: pct }).default({ mar: null, jun: null, oct: null, dec: null }),
  goals: z.array(z.string().max(2000)).max(100).default([]),
  indicators: z.array(indicatorSchema).max(500).default([]),
});

export const projects = {
  'projects.list': method(withBudget({}), ({ budget }, api) => edits.listProjects(api.db(), api.budget(budget).id)),
  'projects.add': method(withBudget({ project: projectSchema }), ({ budget, project }, api) => {
    edits.addProject(api.db(), api.writable(budget), project);
    return project;
  }),
  'projects.update': method(withBudget({ code, project: projectSchema }), ({ budget, code, project }, api) => {
    edits.updateProject(api.db(), api.writable(budget), code, project);
    return project;
  }),
  'projects.delete': method(withBudget({ code }), ({ budget, code }, api) => {
    edits.deleteProject(api.db(), api.writable(budget), code);
    return { deleted: code };
  }),
  /** 复制绩效指标: all indicators of project `from.code` (of `from.year`, default the budget's year) added to
   *  project `code`, those it already has skipped; one undoable edit. */
  'projects.copyIndicators': method(withBudget({ code, from: z.object({ year: year.optional(), code }) }), ({ budget, code, from }, api) =>
    copyIndicators(api.db(), api.writable(budget), code, from.year === undefined ? { code: from.code } : { year: from.year, code: from.code }),
  ),
};
