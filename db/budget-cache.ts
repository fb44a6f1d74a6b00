// The engine's memory of the budgets being looked at: each one's budget without its lines (its projects
// read when first asked for), its lines' digest (each grain as first read) and last year's figures. 校验,
// 报表预览 and the exports of a 300,000-line budget read ≈100,000 groups and 4,000 projects; kept here, the
// next request reads none of them again unless something was written since (db/kept-budgets.ts), and 校验
// after typing an amount recomputes only the groups the edit touched.
import { GRAIN_NAMES, type GrainName, type Group, type LineDigest } from '../core/line-digest';
import type { Budget, Project } from '../core/model';
import type { PriorFigures } from '../core/narrative';
import type { BudgetDb } from './budget-db';
import { loadBudgetById, loadProjects } from './budgets';
import { patchGrain } from './digest-patch';
import { entryOf } from './kept-budgets';
import { loadDigest } from './line-aggregates';

/** The budget without its lines (and without projects unless asked for). Shared and frozen: never change it. */
export function cachedBudget(db: BudgetDb, budgetId: number, withProjects: boolean): Budget {
  const e = entryOf(db, budgetId);
  if (!e) return loadBudgetById(db, budgetId, { lines: false, projects: withProjects });
  const budget = (e.budget ??= frozen(loadBudgetById(db, budgetId, { lines: false, projects: false })));
  return withProjects ? { ...budget, projects: (e.projects ??= frozen(loadProjects(db, budgetId))) as Project[] } : budget;
}

/** The lines' digest, each grain read once until a write (an edit's lines patched in). */
export function cachedDigest(db: BudgetDb, budgetId: number): LineDigest {
  const e = entryOf(db, budgetId);
  if (!e) return loadDigest(db, budgetId);
  if (e.pending.length) {
    const moves = e.pending;
    e.pending = [];
    e.digest = undefined;
    try {
      const grains: Partial<Record<GrainName, Group[]>> = {};
      for (const name of GRAIN_NAMES) {
        const held = e.grains[name];
        if (held) grains[name] = patchGrain(name, held, moves);
      }
      e.grains = grains;
    } catch {
      e.grains = {}; // not what the database held: read again
    }
  }
  return (e.digest ??= loadDigest(db, budgetId, e.grains));
}

/** Last year's figures (which only a write can change), computed once. */
export function cachedPrior(db: BudgetDb, budgetId: number, compute: () => PriorFigures | null): PriorFigures | null {
  const e = entryOf(db, budgetId);
  if (!e) return compute();
  return (e.prior ??= { figures: compute() }).figures;
}

function frozen<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) frozen(x);
  }
  return v;
}
