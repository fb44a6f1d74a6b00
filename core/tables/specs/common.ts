// Column building blocks shared by the specs.
import type { ColumnSpec, HeaderGroup } from '../types';
import { CODE_COL, NAME_COL } from '../derive/hierarchy';

export const SERIAL: ColumnSpec = { key: 'serial', label: '序号', kind: 'serial', width: 6 };

export function amountCol(key: string, label: string, width = 13): ColumnSpec {
  return { key, label, kind: 'amount', width };
}
export function textCol(key: string, label: string, width: number): ColumnSpec {
  return { key, label, kind: 'text', width };
}

/** 科目编码 + 科目名称 under a group caption ('功能分类科目', '支出部门经济分类科目'). */
export function subjectGroup(label: string, nameWidth = 30): HeaderGroup {
  return {
    label,
    children: [
      { key: CODE_COL, label: '科目编码', kind: 'code', width: 11 },
      { key: NAME_COL, label: '科目名称', kind: 'text', width: nameWidth },
    ],
  };
}
