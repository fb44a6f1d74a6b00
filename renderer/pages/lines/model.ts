// The 预算明细 grid's shared shapes: the new-line draft, a refused cell, the sort, and the filtered,
// sorted view (indices into the loaded lines).
import { useMemo } from 'react';
import type { LineDto } from '../../../api/contract';
import type { LineField } from '../../../core/validate-line';
import { cellText, type Lookup } from '../../lib/lineFields';
import { fenOf, grouped } from '../../lib/format';

export const ROW_H = 28;
export type Draft = { [K in LineField]: K extends 'carryover' ? boolean : string };
export type Sort = { field: LineField; dir: 1 | -1 } | null;
export type Filters = Partial<Record<LineField, string>>;
/** A refused cell edit: the line id (or the draft row) and the field, with the engine's message. */
export interface CellError {
  row: number | 'draft';
  field: LineField;
  message: string;
}

export function emptyDraft(prev?: Draft, unit = ''): Draft {
  return {
    unit: prev?.unit || unit,
    function: prev?.function ?? '',
    economic: '',
    kind: prev?.kind ?? 'basic',
    source: prev?.source ?? 'general',
    carryover: prev?.carryover ?? false,
    amount: '',
    project: prev?.project ?? '',
    memo: '',
  };
}

export function lineValue(line: LineDto | Draft, f: LineField): string | boolean | null {
  return (line as Record<LineField, string | boolean | null>)[f];
}

/** Filter then sort: the grid's rows as indices into `lines`. */
export function useLineView(lines: LineDto[], filters: Filters, sort: Sort, look: Lookup): number[] {
  return useMemo(() => {
    const active = (Object.entries(filters) as [LineField, string][]).filter(([, v]) => v.trim() !== '');
    let idx = lines.map((_, i) => i);
    if (active.length) {
      const fs = active.map(([f, v]) => [f, v.trim().toLowerCase()] as const);
      idx = idx.filter((i) =>
        fs.every(([f, q]) => {
          const l = lines[i]!;
          const t = f === 'amount' ? `${l.amount} ${grouped(l.amount)}` : cellText(f, lineValue(l, f), look);
          return t.toLowerCase().includes(q);
        }),
      );
    }
    if (sort) {
      const { field, dir } = sort;
      if (field === 'amount') {
        const fen = lines.map((l) => fenOf(l.amount));
        idx.sort((a, b) => (fen[a]! < fen[b]! ? -dir : fen[a]! > fen[b]! ? dir : a - b));
      } else {
        const key = lines.map((l) => cellText(field, lineValue(l, field), look));
        idx.sort((a, b) => (key[a]! < key[b]! ? -dir : key[a]! > key[b]! ? dir : a - b));
      }
    }
    return idx;
  }, [lines, filters, sort, look]);
}
