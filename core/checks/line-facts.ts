// Facts about the lines that several rules read, built in one pass (derived.ts shares them per run).
// At 300,000 lines every pass that reads a line's fields costs some 20 ms before any test is made,
// and hashing a code string per line as much again; the rules on codes, units, kinds and projects
// used to make a pass each. Here the line objects are read once, into columns of small integers.
import type { Fen } from '../money';
import type { Line, Source } from '../model';
import { ExactSum } from '../tables/derive/slots';

/** The line fields kept as columns: few distinct values each (codes, units, kinds, sources, projects). */
export type ColumnField = 'function' | 'economic' | 'unit' | 'kind' | 'source' | 'project';

/** The distinct values of one field, in order of first use, and per line the index of its value. */
export interface LineColumn<V> {
  values: V[];
  /** at[i] = index in `values` of line i's value. */
  at: Int32Array;
}

export type LineColumns = { [F in ColumnField]: LineColumn<Line[F]> };

class Interner<V> {
  readonly values: V[] = [];
  readonly at: Int32Array;
  private readonly index = new Map<V, number>();
  constructor(n: number) {
    this.at = new Int32Array(n);
  }
  put(i: number, v: V): void {
    let k = this.index.get(v);
    if (k === undefined) {
      k = this.values.length;
      this.index.set(v, k);
      this.values.push(v);
    }
    this.at[i] = k;
  }
  column(): LineColumn<V> {
    return { values: this.values, at: this.at };
  }
}

export function lineColumns(lines: readonly Line[]): LineColumns {
  const n = lines.length;
  const fn = new Interner<string>(n),
    ec = new Interner<string>(n),
    unit = new Interner<string>(n);
  const kind = new Interner<Line['kind']>(n),
    source = new Interner<Source>(n),
    project = new Interner<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    fn.put(i, l.function);
    ec.put(i, l.economic);
    unit.put(i, l.unit);
    kind.put(i, l.kind);
    source.put(i, l.source);
    project.put(i, l.project);
  }
  return {
    function: fn.column(),
    economic: ec.column(),
    unit: unit.column(),
    kind: kind.column(),
    source: source.column(),
    project: project.column(),
  };
}

/** A project's 项目支出 lines: their total and their total per fund source. */
export interface ProjectLineSum {
  total: Fen;
  bySource: Map<Source, Fen>;
}

/**
 * Per project code named by a 项目支出 line (kind 'project'), its lines' sums. Lines of other kinds
 * that name a project are not counted (line.non-project-has-project reports them). A line whose
 * project is '' counts under ''.
 */
export function projectLineSums(lines: readonly Line[], cols: LineColumns): Map<string, ProjectLineSum> {
  const out = new Map<string, ProjectLineSum>();
  const projectKind = cols.kind.values.indexOf('project');
  if (projectKind < 0) return out;
  const { kind, project, source } = cols;
  const width = source.values.length;
  // Exact sums per (project, source), by their column indices.
  const sums: (ExactSum | undefined)[] = new Array(project.values.length * width);
  for (let i = 0; i < lines.length; i++) {
    if (kind.at[i] !== projectKind) continue;
    const p = project.at[i]!;
    if (project.values[p] === undefined) continue;
    const j = p * width + source.at[i]!;
    (sums[j] ??= new ExactSum()).add(lines[i]!.amount);
  }
  project.values.forEach((code, p) => {
    if (code === undefined) return;
    let total = 0n,
      named = false;
    const bySource = new Map<Source, Fen>();
    for (let s = 0; s < width; s++) {
      const sum = sums[p * width + s];
      if (!sum) continue;
      named = true;
      bySource.set(source.values[s]!, sum.value);
      total += sum.value;
    }
    if (named) out.set(code, { total, bySource });
  });
  return out;
}
