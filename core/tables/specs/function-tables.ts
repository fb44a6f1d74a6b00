// Tables 2, 3, 5, 7, 8: function hierarchy rows × amount columns, each column a set of slots.
import type { LineKind, Source } from '../../model';
import { LINE_KINDS } from '../../model';
import { functionHierarchyRows } from '../derive/hierarchy';
import type { SlotColumn } from '../derive/hierarchy';
import { ALL_SLOTS, slots } from '../derive/slots';
import type { GridTableSpec } from '../types';
import { SERIAL, amountCol, subjectGroup } from './common';

const FISCAL: readonly Source[] = ['general', 'fund', 'soe'];

export const incomeSpec: GridTableSpec = {
  layout: 'grid',
  id: 'income',
  name: '收入总表',
  title: '部门预算收入总表',
  period: 'year',
  unit: true,
  emptyNote: '注：无收入预算，空表列示。',
  header: [
    SERIAL,
    subjectGroup('功能分类科目', 22),
    amountCol('total', '合计', 11),
    {
      label: '本年收入',
      children: [
        amountCol('current', '小计', 11),
        amountCol('fiscal', '财政拨款收入', 11),
        amountCol('special', '财政专户收入', 11),
        amountCol('business', '事业收入', 10),
        amountCol('operating', '经营收入', 10),
        amountCol('superior', '上级补助收入', 10),
        amountCol('affiliate', '附属单位上缴收入', 10),
        amountCol('other', '其他收入', 10),
      ],
    },
    amountCol('carryover', '上年结转', 10),
  ],
  derive(ctx) {
    const cur = (sources: readonly Source[]) => slots({ sources, carryover: false });
    const columns: SlotColumn[] = [
      { key: 'total', slots: ALL_SLOTS },
      { key: 'current', slots: slots({ carryover: false }) },
      { key: 'fiscal', slots: cur(FISCAL) },
      { key: 'special', slots: cur(['special']) },
      { key: 'business', slots: cur(['business']) },
      { key: 'operating', slots: cur(['operating']) },
      { key: 'superior', slots: cur(['superior']) },
      { key: 'affiliate', slots: cur(['affiliate']) },
      { key: 'other', slots: cur(['other']) },
      { key: 'carryover', slots: slots({ carryover: true }) },
    ];
    return functionHierarchyRows(ctx, ALL_SLOTS, columns);
  },
};

const KIND_COLUMN_KEYS: Record<LineKind, string> = { basic: 'basic', project: 'project', operating: 'operating', remit: 'remit', subsidy: 'subsidy' };

export const expenseSpec: GridTableSpec = {
  layout: 'grid',
  id: 'expense',
  name: '支出总表',
  title: '部门预算支出总表',
  period: 'year',
  unit: true,
  emptyNote: '注：无支出预算，空表列示。',
  header: [
    SERIAL,
    subjectGroup('功能分类科目', 30),
    amountCol('total', '合计'),
    amountCol('basic', '基本支出'),
    amountCol('project', '项目支出'),
    amountCol('operating', '经营支出'),
    amountCol('remit', '上解上级支出'),
    amountCol('subsidy', '对附属单位补助支出'),
  ],
  derive(ctx) {
    const columns: SlotColumn[] = [{ key: 'total', slots: ALL_SLOTS }, ...LINE_KINDS.map((k) => ({ key: KIND_COLUMN_KEYS[k], slots: slots({ kinds: [k] }) }))];
    return functionHierarchyRows(ctx, ALL_SLOTS, columns);
  },
};

/** Tables 5, 7, 8: the lines of one 财政拨款 source (this year's and carried over) × 合计, 基本支出, 项目支出. */
function sourceExpenseSpec(id: GridTableSpec['id'], source: Source, label: string): GridTableSpec {
  return {
    layout: 'grid',
    id,
    name: `${label}财政拨款支出表`,
    title: `部门预算${label}财政拨款支出表`,
    period: 'year',
    unit: true,
    emptyNote: `注：无${label}财政拨款预算，空表列示。`,
    header: [
      SERIAL,
      subjectGroup('功能分类科目', 34),
      amountCol('total', '合计', 15),
      amountCol('basic', '基本支出', 15),
      amountCol('project', '项目支出', 15),
    ],
    derive(ctx) {
      const filter = slots({ sources: [source] });
      return functionHierarchyRows(ctx, filter, [
        { key: 'total', slots: filter },
        { key: 'basic', slots: slots({ sources: [source], kinds: ['basic'] }) },
        { key: 'project', slots: slots({ sources: [source], kinds: ['project'] }) },
      ]);
    },
  };
}

export const generalExpenseSpec = sourceExpenseSpec('general-expense', 'general', '一般公共预算');
export const fundExpenseSpec = sourceExpenseSpec('fund-expense', 'fund', '政府性基金预算');
export const soeExpenseSpec = sourceExpenseSpec('soe-expense', 'soe', '国有资本经营预算');
