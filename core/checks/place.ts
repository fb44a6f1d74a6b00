// Where a finding is, in two forms: the structured place the `budget check --json` output and the
// 校验 page's 定位 read (page + line id / project code / indicator index / paragraph key / table row),
// and the group the 校验 page lists it under (a table, a section of the 情况说明, 预算明细 …).
import { narrativeOf, tablesOf } from './derived';
import type { CheckContext, FindingTarget } from './types';

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
  /** `row`: 1-based position in the 政府采购 list. */
  | { page: 'procurement'; row: number }
  | { page: 'rules'; rule: string };

/** The structured place of a finding's target. */
export function placeOf(t: FindingTarget): FindingPlace {
  switch (t.kind) {
    case 'line': return { page: 'lines', line: t.id };
    case 'project': return { page: 'projects', project: t.id };
    case 'indicator': {
      const hash = t.id.lastIndexOf('#');
      return { page: 'projects', project: t.id.slice(0, hash), indicator: Number(t.id.slice(hash + 1)) };
    }
    case 'unit': return { page: 'units', unit: t.id };
    case 'narrative': return { page: 'narrative', paragraph: t.id };
    case 'table': return { page: 'tables', table: t.id };
    case 'table-row': {
      const hash = t.id.indexOf('#');
      return { page: 'tables', table: t.id.slice(0, hash), row: t.id.slice(hash + 1) };
    }
    case 'procurement-row': return { page: 'procurement', row: Number(t.id) };
    default: return { page: 'rules', rule: t.id };
  }
}

const PAGE_GROUPS: Record<string, string> = {
  lines: '预算明细', projects: '项目与绩效目标', units: '部门与单位', procurement: '政府采购', narrative: '情况说明', rules: '审核规则',
};

/**
 * The table or section a finding is listed under on the 校验 page: a table's title, a 情况说明 section
 * ('三、“三公”经费预算情况说明'), or the page for lines, projects, units and procurement. Never throws: a
 * derivation that fails (already a finding of its own) leaves the page's name.
 */
export function groupOf(ctx: CheckContext, t: FindingTarget): string {
  const place = placeOf(t);
  try {
    if (place.page === 'tables') return tablesOf(ctx).find((x) => x.id === place.table)?.title ?? '公开表';
    if (place.page === 'narrative') {
      const doc = narrativeOf(ctx);
      const key = place.paragraph;
      const section = doc.sections.find((s) => s.key === key || s.blocks.some((b) => b.type === 'paragraph' && (b.editable === key || b.figures?.includes(key))));
      if (section) return `情况说明 ${section.no}、${section.title}`;
    }
  } catch { /* the derivation's own finding says what failed */ }
  return PAGE_GROUPS[place.page] ?? '其他';
}
