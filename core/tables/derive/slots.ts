// Every line falls into one "slot" = (kind, source, carryover). The aggregation pass sums lines per
// code into a vector of slots; a printed column is then a sum over a set of slots. One place defines
// which slots each column means.
import { LINE_KINDS, SOURCES } from '../../model';
import type { LineKind, Source } from '../../model';

const KIND_INDEX: Record<string, number> = Object.fromEntries(LINE_KINDS.map((k, i) => [k, i]));
const SOURCE_INDEX: Record<string, number> = Object.fromEntries(SOURCES.map((s, i) => [s, i]));

export const SLOT_COUNT = LINE_KINDS.length * SOURCES.length * 2;

export function slotOf(kind: LineKind, source: Source, carryover: boolean): number {
  const k = KIND_INDEX[kind];
  const s = SOURCE_INDEX[source];
  if (k === undefined || s === undefined) throw new Error(`unknown kind/source ${kind}/${source}`);
  return (k * SOURCES.length + s) * 2 + (carryover ? 1 : 0);
}

export interface SlotFilter {
  kinds?: readonly LineKind[];
  sources?: readonly Source[];
  /** undefined: both this year's and carried-over lines. */
  carryover?: boolean;
}

/** The slots matching a filter (all slots for {}). */
export function slots(f: SlotFilter = {}): number[] {
  const out: number[] = [];
  for (const kind of f.kinds ?? LINE_KINDS)
    for (const source of f.sources ?? SOURCES) for (const c of f.carryover === undefined ? [false, true] : [f.carryover]) out.push(slotOf(kind, source, c));
  return out.sort((a, b) => a - b);
}

export const ALL_SLOTS: readonly number[] = slots();

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_FEN = BigInt(MAX_SAFE);

/**
 * Exact per-slot sums in 分. Sums are kept as float64 integers while they stay below 2^53 (exact and
 * allocation-free, which is what makes 30,000 lines cheap); a sum that would pass 2^53 spills into a
 * bigint part. A float sum is exact iff the true sum ≤ 2^53-1, and rounding is monotonic, so the
 * `s <= MAX_SAFE` test on the float result decides exactness correctly.
 */
export class SlotVector {
  readonly n = new Float64Array(SLOT_COUNT);
  big: bigint[] | null = null;

  private spill(slot: number, x: bigint): void {
    if (!this.big) this.big = new Array<bigint>(SLOT_COUNT).fill(0n);
    this.big[slot]! += x;
  }
  /** Adds an integer number of 分 (|x| ≤ 2^53-1). */
  addNumber(slot: number, x: number): void {
    const s = this.n[slot]! + x;
    if (s <= MAX_SAFE && s >= -MAX_SAFE) this.n[slot] = s;
    else {
      this.spill(slot, BigInt(this.n[slot]!) + BigInt(x));
      this.n[slot] = 0;
    }
  }
  add(slot: number, fen: bigint): void {
    if (fen <= MAX_SAFE_FEN && fen >= -MAX_SAFE_FEN) this.addNumber(slot, Number(fen));
    else this.spill(slot, fen);
  }
  addVector(o: SlotVector): void {
    for (let i = 0; i < SLOT_COUNT; i++) if (o.n[i] !== 0) this.addNumber(i, o.n[i]!);
    if (o.big) for (let i = 0; i < SLOT_COUNT; i++) if (o.big[i] !== 0n) this.spill(i, o.big[i]!);
  }
  get(slot: number): bigint {
    return BigInt(this.n[slot]!) + (this.big ? this.big[slot]! : 0n);
  }
  /** Exact sum over the selected slots. */
  sum(sel: readonly number[]): bigint {
    let t = 0;
    let b = 0n;
    for (const i of sel) {
      const s = t + this.n[i]!;
      if (s <= MAX_SAFE && s >= -MAX_SAFE) t = s;
      else {
        b += BigInt(t) + BigInt(this.n[i]!);
        t = 0;
      }
    }
    if (this.big) for (const i of sel) b += this.big[i]!;
    return b === 0n ? BigInt(t) : b + BigInt(t);
  }
  /** True when no selected slot holds money (amounts are positive, so a zero sum means no lines). */
  isEmpty(sel: readonly number[]): boolean {
    for (const i of sel) if (this.n[i] !== 0 || (this.big && this.big[i] !== 0n)) return false;
    return true;
  }
}

/** One exact running sum of 分 with the same float fast path as SlotVector (no bigint per add). */
export class ExactSum {
  private n = 0;
  private big = 0n;
  add(fen: bigint): void {
    if (fen <= MAX_SAFE_FEN && fen >= -MAX_SAFE_FEN) {
      const x = Number(fen);
      const s = this.n + x;
      if (s <= MAX_SAFE && s >= -MAX_SAFE) {
        this.n = s;
        return;
      }
      this.big += BigInt(this.n) + fen;
      this.n = 0;
    } else this.big += fen;
  }
  /** Adds an integer number of 分 given as a number (|x| ≤ 2^53-1). */
  addNumber(x: number): void {
    const s = this.n + x;
    if (s <= MAX_SAFE && s >= -MAX_SAFE) this.n = s;
    else {
      this.big += BigInt(this.n) + BigInt(x);
      this.n = 0;
    }
  }
  get value(): bigint {
    return this.big === 0n ? BigInt(this.n) : this.big + BigInt(this.n);
  }
}
