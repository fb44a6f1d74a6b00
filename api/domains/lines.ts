// 预算明细: the lines of a budget and the totals the 预算明细 page shows. Amounts cross as 元 strings.
import { z } from 'zod';
import { formatYuan } from '../../core/money';
import * as edits from '../../db/edits';
import { lineOfRow, type LineDto, type LineRow } from '../line-row';
import { method, type EngineApi } from '../method';
import { idSchema, withBudget, yuanSchema } from '../schemas';
import { backupWriter } from './backup';

/** A line as typed/pasted: strings everywhere (validated by core/validate-line.ts in the engine). */
// Missing cells default to '' so that an incomplete pasted row gets validateLine's row-level Chinese reason
// ("缺少金额") instead of an argument error.
export const lineInputSchema = z.object({
  unit: z.string().max(64).default(''),
  function: z.string().max(32).default(''),
  economic: z.string().max(32).default(''),
  kind: z.string().max(32).default(''),
  source: z.string().max(32).default(''),
  carryover: z.boolean().optional(),
  amount: yuanSchema.default(''),
  project: z.string().max(64).nullish(),
  memo: z.string().max(2000).nullish(),
});

/** 总计, 基本支出 (人员经费: economic 301xx + 303xx; 公用经费: the rest), 项目支出, 经营/上解/对附属单位补助
 *  (other), 财政拨款 (fiscal) — in 元. */
export function totals(api: EngineApi, b: edits.BudgetInfo) {
  const t = edits.budgetTotals(api.db(), b.id);
  return {
    total: formatYuan(t.total),
    basic: formatYuan(t.basic),
    project: formatYuan(t.project),
    personnel: formatYuan(t.personnel),
    publicExpense: formatYuan(t.publicExpense),
    other: formatYuan(t.other),
    fiscal: formatYuan(t.fiscal),
    lineCount: t.lineCount,
  };
}

/** The most lines one lines.chunk answers. */
const MAX_CHUNK = 50_000;

/** A stored line as lines.chunk sends it (../line-row.ts): amount in 元, no project/memo as null. */
const lineRow = (l: edits.LineValues): LineRow => [
  l.id,
  l.unit,
  l.function,
  l.economic,
  l.kind,
  l.source,
  l.carryover,
  formatYuan(l.amount),
  l.project ?? null,
  l.memo ?? null,
];
/** The same line as an object (lines.list, lines.update): one mapping for both channels. */
const lineDto = (l: edits.LineValues): LineDto => lineOfRow(lineRow(l));

export const lines = {
  'lines.list': method(withBudget({}), ({ budget }, api) => edits.listLines(api.db(), api.budget(budget).id).map(lineDto)),
  /** The lines after line `after` (none or 0: from the first), at most `limit`, in id order, as compact rows
   *  (lineOfRow reads them), with the budget's line count: 预算明细 shows its first rows at once and streams
   *  the rest behind them. */
  'lines.chunk': method(
    withBudget({ after: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(MAX_CHUNK) }),
    ({ budget, after, limit }, api) => {
      const id = api.budget(budget).id;
      return { rows: edits.listLinesAfter(api.db(), id, after ?? 0, limit).map(lineRow), total: edits.lineCount(api.db(), id) };
    },
  ),
  /** All or nothing: one bad row → nothing stored, error.rows lists every bad row. */
  'lines.add': method(withBudget({ lines: z.array(lineInputSchema).min(1).max(50_000) }), async ({ budget, lines }, api) => ({
    ids: await edits.pasteLines(api.db(), api.writable(budget), lines, backupWriter(api)),
  })),
  /** Usually one cell ({amount: "100.00"}); several fields when they go together (kind → project plus its
   *  project code). Changing kind away from project clears project by itself. null clears project/memo.
   *  Answers the stored line plus what the page shows after an edit (totals, undo state): one round trip. */
  'lines.update': method(
    withBudget({ id: idSchema, changes: lineInputSchema.partial().refine((c) => Object.keys(c).length > 0, '至少要修改一个字段') }),
    ({ budget, id, changes }, api) => {
      const b = api.writable(budget);
      const line = edits.updateLine(api.db(), b, id, changes);
      return { ...lineDto(line), totals: totals(api, b), edit: edits.undoState(api.db(), b.id) };
    },
  ),
  'lines.delete': method(withBudget({ ids: z.array(idSchema).min(1).max(50_000) }), ({ budget, ids }, api) => ({
    deleted: edits.deleteLines(api.db(), api.writable(budget), ids),
  })),

  'budget.totals': method(withBudget({}), ({ budget }, api) => totals(api, api.budget(budget))),
};
