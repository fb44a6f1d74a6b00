// 预算明细's 上年数: a line of this year matches last year's lines of the same unit × function × economic × kind ×
// project. One key for storage (db/years.ts priorLineAmounts sums last year by it) and the grid (which looks it up).

/** The match key of a line ('' for no project). */
export function lineMatchKey(l: { unit: string; function: string; economic: string; kind: string; project: string | null }): string {
  return [l.unit, l.function, l.economic, l.kind, l.project ?? ''].join('|');
}
