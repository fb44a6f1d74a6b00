// Header tree → merged header grid, generically: a group spans its leaves; a leaf above the deepest
// level spans down to the last header row. Every table's header comes from here.
import type { ColumnSpec, HeaderCell, HeaderNode } from '../types';
import { isGroup } from '../types';

function depth(nodes: readonly HeaderNode[]): number {
  let d = 0;
  for (const n of nodes) d = Math.max(d, isGroup(n) ? 1 + depth(n.children) : 1);
  return d;
}

export interface HeaderGrid {
  cells: HeaderCell[];
  rowCount: number;
  columns: ColumnSpec[];
}

export function headerGrid(nodes: readonly HeaderNode[]): HeaderGrid {
  const rowCount = depth(nodes);
  const cells: HeaderCell[] = [];
  const columns: ColumnSpec[] = [];
  const walk = (list: readonly HeaderNode[], row: number): void => {
    for (const n of list) {
      if (isGroup(n)) {
        const col = columns.length;
        walk(n.children, row + 1);
        cells.push({ label: n.label, row, col, rowSpan: 1, colSpan: columns.length - col });
      } else {
        cells.push({ label: n.label, row, col: columns.length, rowSpan: rowCount - row, colSpan: 1 });
        columns.push(n);
      }
    }
  };
  walk(nodes, 0);
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { cells, rowCount, columns };
}

/** The 栏次 row: '栏次' under 序号, then 1…n for every other column. */
export function lanciRow(columns: readonly ColumnSpec[]): string[] {
  return columns.map((c, i) => (i === 0 ? '栏次' : String(i)));
}
