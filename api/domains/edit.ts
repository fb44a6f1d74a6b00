// Undo/redo. The engine keeps a per-budget undo log in memory (db/edits.ts): each undoable write records the
// before/after images of the rows it touches inside its own transaction; `edit.undo` restores the before-
// images in one transaction (refusing with 'conflict' if a row changed behind its back) and moves the entry
// to the redo stack; any new write clears redo. Budget file import and budget creation clear the budget's
// log; opening another database starts empty. The renderer calls edit.undo / edit.redo (and edit.state for
// the menu labels) and then refetches what it shows.
import * as edits from '../../db/edits';
import { method, type EngineApi } from '../method';
import { withBudget, type BudgetRef } from '../schemas';

function undo(api: EngineApi, ref: BudgetRef, dir: 'undo' | 'redo') {
  const d = api.db();
  const b = api.budget(ref);
  const applied = edits.undoRedo(d, b, dir);
  return { applied, ...edits.undoState(d, b.id) };
}

export const edit = {
  'edit.state': method(withBudget({}), ({ budget }, api) => edits.undoState(api.db(), api.budget(budget).id)),
  /** What was undone/redone (Chinese label) and the new state. */
  'edit.undo': method(withBudget({}), ({ budget }, api) => undo(api, budget, 'undo')),
  'edit.redo': method(withBudget({}), ({ budget }, api) => undo(api, budget, 'redo')),
};
