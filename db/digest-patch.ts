// A stored digest moved along by lines that changed (db/budget-cache.ts): each grain's groups stay in the
// order its table keeps them (its primary key), so a patched grain is exactly what reading the table again
// would give — the same groups, sums and order, hence the same findings in the same order.
import { blankGroup, fieldOf, inGrain, LINE_GRAINS, type GrainName, type Group } from '../core/line-digest';
import type { Line, LineKind, Source } from '../core/model';
import type { Row } from './edit-rows';

/** SQLite's BINARY order of TEXT (UTF-8 bytes, which is code point order) and numeric order of INTEGER. */
function compareValue(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a),
    y = String(b);
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x.charCodeAt(i),
      q = y.charCodeAt(i);
    if (p === q) continue;
    // UTF-16 order differs from code point order only where a surrogate meets U+E000–U+FFFF.
    if (p >= 0xd800 && q >= 0xd800) return (p >= 0xe000 ? p - 0x800 : p + 0x2000) - (q >= 0xe000 ? q - 0x800 : q + 0x2000);
    return p - q;
  }
  return x.length - y.length;
}

/** A line taken out of the lines (-1) or put in (+1). */
export interface LineMove {
  line: Line;
  sign: 1 | -1;
}

/**
 * One grain's groups with the moves applied in order (a line edited twice leaves the group it came into): a
 * new array of new groups where they changed (a digest already handed out stays as it was). Throws when a
 * line leaves a group the grain does not hold (the digest was not what the database held: the caller reads
 * it again).
 */
export function patchGrain(name: GrainName, held: readonly Group[], moves: readonly LineMove[]): Group[] {
  const groups = held.slice();
  const spec = LINE_GRAINS[name];
  const fields = spec.fields;
  // The first group not ordered before `key`, and whether it is the group of `key`.
  const seek = (key: (string | number)[]): { at: number; found: boolean } => {
    let lo = 0,
      hi = groups.length;
    let c = 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      c = 0;
      for (let i = 0; i < fields.length && c === 0; i++) c = compareValue(fieldOf(groups[mid]!, fields[i]!), key[i]!);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === groups.length) return { at: lo, found: false };
    return { at: lo, found: fields.every((f, i) => compareValue(fieldOf(groups[lo]!, f), key[i]!) === 0) };
  };
  const move = (l: Line, sign: 1 | -1) => {
    if (!inGrain(spec, l)) return;
    const key = fields.map((f) => fieldOf(l, f));
    const { at, found } = seek(key);
    let g: Group | undefined;
    if (found) groups[at] = g = { ...groups[at]! };
    else {
      if (sign < 0) throw new Error(`digest patch: no ${name} group for a line that left it`);
      g = blankGroup(name);
      for (const f of fields) (g as unknown as Record<string, unknown>)[f] = f === 'project' ? (l.project ?? '') : l[f];
      groups.splice(at, 0, g);
    }
    g.amount += sign < 0 ? -l.amount : l.amount;
    g.n += sign;
    if (l.amount <= 0n) g.zeros += sign;
    if (g.n === 0) groups.splice(at, 1);
    else if (g.n < 0) throw new Error(`digest patch: a ${name} group below no lines`);
  };
  for (const m of moves) move(m.line, m.sign);
  return groups;
}

/** A line as a row image of `lines` (db/undo.ts) holds it: the fields the grains read. */
export function lineOfImage(r: Row): Line {
  const l: Line = {
    unit: String(r.unit_code),
    function: String(r.function_code),
    economic: String(r.economic_code),
    kind: String(r.kind) as LineKind,
    source: String(r.source) as Source,
    carryover: Number(r.carryover) === 1,
    amount: BigInt(r.amount_fen as bigint | number),
  };
  if (r.project_code !== null && r.project_code !== undefined) l.project = String(r.project_code);
  return l;
}
