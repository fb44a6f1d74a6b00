// 控制数 (issue 23, spec control-figures.md): the view's figures, the cells of one line (预算明细's panel),
// entry by hand, the bureau's sheet (preview, then import), and a unit's 下发 file. db/control*.ts and
// db/handout.ts do the work; these methods carry the DTOs.
import { z } from 'zod';
import { serializeBudgetFile } from '../../core/budget-file';
import { figureDto } from '../../core/control/report';
import { controlColumnReport } from '../../core/control/sheet';
import { parseYuan } from '../../core/money';
import { CONTROL_KINDS, CONTROL_SOURCES, LINE_KINDS, SOURCES, type ControlCell } from '../../core/model';
import { formatProblem } from '../../core/sheets';
import { controlFiguresOf, deleteControl, figuresForLine, storeControl } from '../../db/control';
import { importControlSheet } from '../../db/control-sheet';
import { Refusal } from '../../db/errors';
import { handoutBudgets } from '../../db/handout';
import { handoutFileName } from '../file-names';
import { method } from '../method';
import type { ExportFile } from '../result';
import { base64Schema, codeSchema, withBudget, yuanSchema } from '../schemas';

const cellSchema = {
  unit: codeSchema.optional(),
  source: z.enum(CONTROL_SOURCES),
  kind: z.enum(CONTROL_KINDS).optional(),
  project: codeSchema.optional(),
};

/** One figure as the view shows it: amounts in 元 (text), status in Chinese. */
const sheetArgs = withBudget({
  fileName: z.string().min(1).max(255),
  data: base64Schema,
  sheet: z.string().max(255).optional(),
  replace: z.boolean().default(false),
});

export const control = {
  /** Every 控制数 with 已编, 差额 and status. */
  'control.list': method(withBudget({}), ({ budget }, api) => controlFiguresOf(api.db(), api.budget(budget).id).map(figureDto)),
  /** The 控制数 a line (as it stands) falls in; none for 结转 and for sources and kinds without ceilings. */
  'control.forLine': method(
    withBudget({ unit: codeSchema, source: z.enum(SOURCES), kind: z.enum(LINE_KINDS), project: codeSchema.optional(), carryover: z.boolean().default(false) }),
    ({ budget, ...line }, api) => (line.carryover ? [] : figuresForLine(api.db(), api.budget(budget).id, line).map(figureDto)),
  ),
  /** One 控制数 by hand: added, or its amount changed when the cell exists. */
  'control.save': method(withBudget({ ...cellSchema, amount: yuanSchema }), ({ budget, amount, ...cell }, api) => {
    const a = parseYuan(amount, { allowZero: true });
    if (!a.ok) throw new Refusal('validation', `控制数：${a.reason}`, { field: 'amount' });
    if (cell.project !== undefined && cell.kind !== 'project') throw new Refusal('validation', '按项目给出的控制数，支出类型应为项目支出', { field: 'kind' });
    const c: ControlCell = { ...cell, amount: a.fen };
    return storeControl(api.db(), api.writable(budget), [c], { update: true, label: '修改控制数' });
  }),
  'control.delete': method(withBudget(cellSchema), ({ budget, ...cell }, api) => {
    deleteControl(api.db(), api.writable(budget), cell);
    return { deleted: true };
  }),
  /** The bureau's sheet read against the budget: columns, each 控制数 with 已编 after the import, every problem by row. Writes nothing. */
  'control.previewSheet': method(sheetArgs, async ({ budget, fileName, data, sheet, replace }, api) => {
    const r = await importControlSheet(api.db(), new Uint8Array(Buffer.from(data, 'base64')), fileName, {
      dept: budget.dept,
      year: budget.year,
      sheet,
      replace,
      dryRun: true,
    });
    return {
      columns: r.header ? controlColumnReport(r.header) : [],
      rows: r.rows,
      cells: r.cells.length,
      figures: r.figures.map(figureDto),
      problems: r.problems.map(formatProblem),
    };
  }),
  /** Imports the sheet all or nothing: refused with every problem when any. */
  'control.importSheet': method(sheetArgs, async ({ budget, fileName, data, sheet, replace }, api) => {
    api.writable(budget);
    const r = await importControlSheet(api.db(), new Uint8Array(Buffer.from(data, 'base64')), fileName, {
      dept: budget.dept,
      year: budget.year,
      sheet,
      replace,
    });
    if (r.problems.length)
      throw new Refusal('validation', `控制数表未导入，未作任何修改：共 ${r.problems.length} 处问题：${r.problems.slice(0, 50).map(formatProblem).join('；')}`);
    return r.written!;
  }),
  /** 下发: one unit's starter budget file (saved or downloaded by the transport, as the exports are). */
  'control.handout': method(withBudget({ unit: codeSchema }), ({ budget, unit }, api): ExportFile => {
    const [b] = handoutBudgets(api.db(), budget.dept, budget.year, [unit]);
    return { fileName: handoutFileName(b!), mime: 'application/json', data: Buffer.from(serializeBudgetFile(b!)).toString('base64') };
  }),
};
