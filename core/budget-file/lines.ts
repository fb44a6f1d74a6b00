// The lines of a budget file: each checked by validateLine (shared with UI edits); codes missing from the
// year's catalogs are gathered per code so that a file with many such lines gives one readable problem.
import type { CatalogKind, Catalogs } from '../catalog';
import type { CodeNames, Line } from '../model';
import type { AddedCode, LineField } from '../validate-line';
import { LINE_FIELD_LABELS, validateLine } from '../validate-line';
import type { Problems, Reader } from './reader';

export interface LineContext {
  year: number | null;
  catalogs: Catalogs | null;
  unitCodes: ReadonlySet<string>;
  projectCodes: ReadonlySet<string>;
  names: CodeNames | null;
}

/** `lines` of the document read by `top`, and the codes the file adds to the year's catalogs (keyed kind:code). */
export function readLines(P: Problems, top: Reader, ctx: LineContext): { lines: Line[]; added: Map<string, AddedCode> } {
  const { year, catalogs, names } = ctx;
  const lines: Line[] = [];
  const added = new Map<string, AddedCode>();
  const unknown = new Map<string, { kind: CatalogKind; code: string; lines: number[] }>();
  const lineCtx = { catalogs, units: ctx.unitCodes, projects: ctx.projectCodes, names };
  const rawLines = top.arr('lines', true);
  rawLines.forEach((raw, i) => {
    const r = validateLine(raw, lineCtx);
    if (r.ok) {
      lines.push(r.line);
      for (const a of r.added) added.set(`${a.kind}:${a.code}`, a);
      return;
    }
    for (const pr of r.problems) {
      if (pr.unknownCode) {
        const key = `${pr.unknownCode.kind}:${pr.unknownCode.code}`;
        const u = unknown.get(key) ?? { ...pr.unknownCode, lines: [] };
        u.lines.push(i);
        unknown.set(key, u);
        continue;
      }
      const field = pr.field as LineField | null;
      const extra = pr.reason.startsWith('未知字段') ? /“(.*)”/.exec(pr.reason)?.[1] : undefined;
      P.add(
        field ? `lines[${i}].${field}` : extra ? `lines[${i}].${extra}` : `lines[${i}]`,
        field ? `第 ${i + 1} 条明细的${LINE_FIELD_LABELS[field]}` : `第 ${i + 1} 条明细`,
        pr.reason,
      );
    }
  });
  for (const kind of ['function', 'economic'] as const) {
    const list = [...unknown.values()].filter((u) => u.kind === kind).sort((a, b) => a.code.localeCompare(b.code));
    if (!list.length) continue;
    const where = (idx: number[]) =>
      idx.length <= 5
        ? `第 ${idx.map((i) => i + 1).join('、')} 条明细`
        : `第 ${idx
            .slice(0, 5)
            .map((i) => i + 1)
            .join('、')} 等 ${idx.length} 条明细`;
    P.add(
      `lines[].${kind}`,
      `明细的${LINE_FIELD_LABELS[kind]}`,
      `以下 ${list.length} 个编码不在 ${year} 年科目表中，预算文件的科目名称表也未给出名称：${list.map((u) => `${u.code}（${where(u.lines)}）`).join('、')}`,
    );
  }
  return { lines, added };
}
