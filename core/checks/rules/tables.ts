// Rules on the derived tables: balances, 合计 rows, cross-table equalities, empty tables. They guard
// the derivation itself (and catalog data such as a 类 missing from the 收支总表 list).
import { formatYuan, type Fen } from '../../money';
import type { Budget } from '../../model';
import { TABLE_SPECS, type TableFigures } from '../../tables';
import type { RenderedGridTable, RenderedTable, TableId } from '../../tables/types';
import { amountAt, gridTable, gridTablesOf, projectAmountsOf, projectSumsOf, tableFiguresOf, tableIsEmpty } from '../derived';
import type { FindingTarget, Rule } from '../types';

const tableTarget = (t: Pick<RenderedTable, 'id'>, row?: string): FindingTarget => ({
  page: 'tables',
  kind: row ? 'table-row' : 'table',
  id: row ? `${t.id}#${row}` : t.id,
});
const yuan = (f: Fen) => `${formatYuan(f)} 元`;
const fenAt = (t: RenderedGridTable, row: string, col: string): Fen => amountAt(t, row, col)?.fen ?? 0n;
const amountColumns = (t: RenderedGridTable) => t.columns.filter((c) => c.kind === 'amount');

/** Whether each table should have rows, from the figures and the budget — the other side of t.empty. */
const HAS_CONTENT: Record<TableId, (b: Budget, f: TableFigures) => boolean> = {
  summary: (_b, f) => f.total !== 0n,
  income: (_b, f) => f.total !== 0n,
  expense: (_b, f) => f.total !== 0n,
  'fiscal-summary': (_b, f) => f.fiscal.total !== 0n,
  'general-expense': (_b, f) => f.bySource.general.total !== 0n,
  'general-basic': (_b, f) => f.generalBasic.total !== 0n,
  'fund-expense': (_b, f) => f.bySource.fund.total !== 0n,
  'soe-expense': (_b, f) => f.bySource.soe.total !== 0n,
  'three-public': (_b, f) => f.threePublicTotal !== 0n,
  performance: (b) => b.projects.length > 0,
  procurement: (b) => b.procurement.length > 0,
  assets: (b) => b.assets.length > 0,
};

export const tableRules: Rule[] = [
  {
    id: 'table.balance',
    severity: '错误',
    title: '收支总表、财政拨款收支总表：收入总计 = 支出总计',
    run: (ctx) =>
      (
        [
          ['summary', 'income.amount', 'expense.amount'],
          ['fiscal-summary', 'income.amount', 'expense.total'],
        ] as const
      ).flatMap(([id, inCol, outCol]) => {
        const t = gridTable(ctx, id);
        if (!t || t.empty) return [];
        const income = fenAt(t, '收入总计', inCol),
          expense = fenAt(t, '支出总计', outCol);
        return income === expense
          ? []
          : [{ message: `${t.title}：收入总计 ${yuan(income)} 不等于支出总计 ${yuan(expense)}`, target: tableTarget(t, '收入总计') }];
      }),
  },
  {
    id: 'table.total-equals-classes',
    severity: '错误',
    title: '各表合计 = 各类（一级）行之和（按元计）',
    run: (ctx) =>
      gridTablesOf(ctx).flatMap((t) => {
        if (t.empty) return [];
        // 收支总表 tables: 本年支出合计 against their 类 rows (the rows keyed by a 3-digit code).
        const twoSided = t.id === 'summary' || t.id === 'fiscal-summary';
        const totalKey = twoSided ? '本年支出合计' : '合计';
        const total = t.rows.find((r) => r.keys.includes(totalKey));
        if (!total) return [];
        const parts = twoSided ? t.rows.filter((r) => r.keys.some((k) => /^\d{3}$/.test(k))) : t.rows.filter((r) => r.level === 1);
        const cols = amountColumns(t).filter((c) => !twoSided || c.key.startsWith('expense.'));
        return cols.flatMap((c) => {
          const i = t.columns.indexOf(c);
          // A column the 合计 row leaves without an amount (单价) is not a total.
          if (total.cells[i]?.kind !== 'amount') return [];
          const cellFen = (r: (typeof t.rows)[number]) => {
            const x = r.cells[i];
            return x && x.kind === 'amount' ? x.fen : 0n;
          };
          const sum = parts.reduce((s, r) => s + cellFen(r), 0n);
          const tot = cellFen(total);
          return sum === tot
            ? []
            : [
                {
                  message: `${t.title}：${totalKey}“${c.label}”栏 ${yuan(tot)} 不等于各类行之和 ${yuan(sum)}`,
                  target: tableTarget(t, totalKey),
                },
              ];
        });
      }),
  },
  {
    id: 'table.general-matches-fiscal',
    severity: '错误',
    title: '一般公共预算财政拨款支出表合计 = 财政拨款收支总表一般公共预算财政拨款支出',
    run: (ctx) => {
      const t5 = gridTable(ctx, 'general-expense'),
        t4 = gridTable(ctx, 'fiscal-summary');
      if (!t5 || !t4) return [];
      const a = fenAt(t5, '合计', 'total'),
        b = fenAt(t4, '支出总计', 'expense.general');
      return a === b ? [] : [{ message: `${t5.title}合计 ${yuan(a)} 不等于${t4.title}“一般公共预算财政拨款”支出 ${yuan(b)}`, target: tableTarget(t5, '合计') }];
    },
  },
  {
    id: 'table.basic-matches-general',
    severity: '错误',
    title: '一般公共预算财政拨款基本支出表合计 = 一般公共预算财政拨款支出表基本支出',
    run: (ctx) => {
      const t6 = gridTable(ctx, 'general-basic'),
        t5 = gridTable(ctx, 'general-expense');
      if (!t6 || !t5) return [];
      const a = fenAt(t6, '合计', 'total'),
        b = fenAt(t5, '合计', 'basic');
      return a === b ? [] : [{ message: `${t6.title}合计 ${yuan(a)} 不等于${t5.title}“基本支出” ${yuan(b)}`, target: tableTarget(t6, '合计') }];
    },
  },
  {
    id: 'table.empty-mismatch',
    severity: '错误',
    title: '有数据的表不能空表列示，无数据的表须空表列示',
    run: (ctx) => {
      const f = tableFiguresOf(ctx);
      return TABLE_SPECS.flatMap((t) => {
        const should = HAS_CONTENT[t.id](ctx.budget, f);
        if (should === !tableIsEmpty(ctx, t)) return [];
        return [
          {
            message: should ? `${t.title}：有相关预算数据，但表中没有任何行（空表列示）` : `${t.title}：没有相关预算数据，但表中列出了数据行`,
            target: tableTarget(t),
          },
        ];
      });
    },
  },
  {
    id: 'project.budget-mismatch',
    severity: '错误',
    title: '项目的明细之和 = 绩效目标表的预算数（财政资金 + 其他资金）',
    run: (ctx) => {
      const sums = projectSumsOf(ctx);
      const amounts = projectAmountsOf(ctx);
      return ctx.budget.projects.flatMap((p) => {
        const lines = sums.get(p.code)?.total ?? 0n;
        const a = amounts.get(p.code);
        const total = a?.total.fen ?? 0n,
          fiscal = a?.fiscal.fen ?? 0n,
          other = a?.other.fen ?? 0n;
        const out = [];
        const target: FindingTarget = { page: 'projects', kind: 'project', id: p.code };
        if (total !== lines) out.push({ message: `项目“${p.name}”（${p.code}）：项目支出明细合计 ${yuan(lines)}，绩效目标表预算数为 ${yuan(total)}`, target });
        if (fiscal + other !== total)
          out.push({ message: `项目“${p.name}”（${p.code}）：财政资金 ${yuan(fiscal)} 与其他资金 ${yuan(other)} 之和不等于预算数 ${yuan(total)}`, target });
        return out;
      });
    },
  },
];
