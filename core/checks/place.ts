// Where a finding is, as the structured place the `budget check --json` output and the 校验 page's
// 定位 read (page + line id / project code / indicator index / paragraph key / table row). Pure and
// free of derivation, so the renderer imports it as it is.
import type { FindingTarget } from './types';

export type FindingPlace =
  /** `line`: the line's database id, or its 1-based position in a budget that is not stored. */
  | { page: 'lines'; line: string }
  /** `indicator`: 1-based position in the project's indicator list. */
  | { page: 'projects'; project: string; indicator?: number }
  | { page: 'units'; unit: string }
  /** `paragraph`: the narrative key the clerk edits or the figure key printed in it ('changeReasons', 'income.total'). */
  | { page: 'narrative'; paragraph: string }
  /** `row`: the row's key as printed (合计, 收入总计, a code). */
  | { page: 'tables'; table: string; row?: string }
  /** `row`: 1-based position in the 政府采购 list; without it, the list as a whole (its 添加 row). */
  | { page: 'procurement'; row?: number }
  /** `asset`: 1-based position in the 固定资产 list; without it, the list as a whole. Both lists share one page. */
  | { page: 'assets'; asset?: number }
  /** `cell`: the 控制数's cell key (core/control/cells.ts cellKey). */
  | { page: 'control'; cell: string }
  | { page: 'rules'; rule: string };

/** The structured place of a finding's target. */
export function placeOf(t: FindingTarget): FindingPlace {
  switch (t.kind) {
    case 'line':
      return { page: 'lines', line: t.id };
    case 'project':
      return { page: 'projects', project: t.id };
    case 'indicator': {
      const hash = t.id.lastIndexOf('#');
      return { page: 'projects', project: t.id.slice(0, hash), indicator: Number(t.id.slice(hash + 1)) };
    }
    case 'unit':
      return { page: 'units', unit: t.id };
    case 'narrative':
      return { page: 'narrative', paragraph: t.id };
    case 'table':
      return { page: 'tables', table: t.id };
    case 'table-row': {
      const hash = t.id.indexOf('#');
      return { page: 'tables', table: t.id.slice(0, hash), row: t.id.slice(hash + 1) };
    }
    case 'procurement-row':
      return t.id === '' ? { page: 'procurement' } : { page: 'procurement', row: Number(t.id) };
    case 'asset':
      return t.id === '' ? { page: 'assets' } : { page: 'assets', asset: Number(t.id) };
    case 'control':
      return { page: 'control', cell: t.id };
    default:
      return { page: 'rules', rule: t.id };
  }
}
