// The group a finding is listed under on the 校验 page: a table, a section of the 情况说明, 预算明细 …
import { TABLE_SPECS } from '../tables';
import { narrativeOf } from './derived';
import { placeOf } from './place';
import type { CheckContext, FindingTarget } from './types';

const PAGE_GROUPS: Record<string, string> = {
  lines: '预算明细',
  projects: '项目与绩效目标',
  units: '部门与单位',
  procurement: '政府采购',
  assets: '固定资产',
  narrative: '情况说明',
  rules: '审核规则',
  control: '控制数',
};

/**
 * The table or section a finding is listed under on the 校验 page: a table's title, a 情况说明 section
 * ('三、“三公”经费预算情况说明'), or the page for lines, projects, units and procurement. Never throws: a
 * derivation that fails (already a finding of its own) leaves the page's name.
 */
export function groupOf(ctx: CheckContext, t: FindingTarget): string {
  if (t.page === 'lines') return PAGE_GROUPS.lines!; // the common case, thousands at a time
  const place = placeOf(t);
  try {
    if (place.page === 'tables') return TABLE_SPECS.find((x) => x.id === place.table)?.title ?? '公开表';
    if (place.page === 'narrative') {
      const doc = narrativeOf(ctx);
      const key = place.paragraph;
      const section = doc.sections.find(
        (s) => s.key === key || s.blocks.some((b) => b.type === 'paragraph' && (b.editable === key || b.figures?.includes(key))),
      );
      if (section) return `情况说明 ${section.no}、${section.title}`;
    }
  } catch {
    /* the derivation's own finding says what failed */
  }
  return PAGE_GROUPS[place.page] ?? '其他';
}
