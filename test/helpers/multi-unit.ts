// Multi-unit and multi-department budget files for the merge and summary tests, from the benchmark's
// seeded generator (bench/generate.ts) at a small size, and the split of one department's file into one
// file per unit — as the units would send them to their department's finance office.
import ExcelJS from 'exceljs';
import { generateBudgetDoc, type GeneratedShape } from '../../bench/generate';

type Doc = Record<string, unknown> & {
  department: { code: string; name: string };
  units: { code: string }[];
  lines: { unit: string; project?: string }[];
  projects: { code: string; unit: string }[];
  procurement: { project: string }[];
  assets: unknown[];
  narrative: Record<string, unknown>;
};

export const SMALL: GeneratedShape = { units: 4, lines: 240, projects: 10, indicatorsPerProject: 4, functionCodes: 40, procurement: 8, assets: 5 };

/** A department's file with projects and procurement listed unit by unit (as a department's file usually is). */
export function multiUnitDoc(seed = 7, shape = SMALL): Doc {
  const doc = generateBudgetDoc(shape, seed) as Doc;
  const unitPos = new Map(doc.units.map((u, i) => [u.code, i]));
  const projectUnit = new Map(doc.projects.map((p) => [p.code, p.unit]));
  const byUnit = (u: string) => unitPos.get(u)!;
  doc.projects = [...doc.projects].sort((a, b) => byUnit(a.unit) - byUnit(b.unit));
  doc.procurement = [...doc.procurement].sort((a, b) => byUnit(projectUnit.get(a.project)!) - byUnit(projectUnit.get(b.project)!));
  return doc;
}

/** One file per unit: its lines, projects and their procurement; the first also keeps the department's
 *  assets, prior-year figures and narrative, the others bring a narrative of their own. */
export function splitByUnit(doc: Doc): Doc[] {
  const projectUnit = new Map(doc.projects.map((p) => [p.code, p.unit]));
  return doc.units.map((u, i) => {
    const part: Doc = {
      ...doc,
      units: [u],
      lines: doc.lines.filter((l) => l.unit === u.code),
      projects: doc.projects.filter((p) => p.unit === u.code),
      procurement: doc.procurement.filter((r) => projectUnit.get(r.project) === u.code),
      assets: i === 0 ? doc.assets : [],
      narrative: i === 0 ? doc.narrative : { duties: [{ title: '单位职责', text: `单位 ${u.code} 负责本单位的业务工作。` }], other: `单位 ${u.code} 的说明` },
    };
    if (i !== 0) delete part.priorYear;
    return part;
  });
}

/** A department of its own: codes of units and projects made unique to it. */
export function departmentDoc(code: string, name: string, seed: number, shape = SMALL): Doc {
  const doc = generateBudgetDoc(shape, seed) as Doc;
  const unit = (c: string) => `${code}${c.slice(3)}`;
  const project = (c: string) => `${code}${c}`;
  doc.department = { code, name };
  for (const u of doc.units) u.code = unit(u.code);
  for (const p of doc.projects) {
    p.code = project(p.code);
    p.unit = unit(p.unit);
  }
  for (const l of doc.lines) {
    l.unit = unit(l.unit);
    if (l.project) l.project = project(l.project);
  }
  for (const r of doc.procurement) r.project = project(r.project);
  return doc;
}

/** Every sheet of a workbook as rows of cell values (merges and styles aside). */
export async function workbookValues(path: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      rows[r - 1] = (row.values as unknown[]).slice(1);
    });
    out[ws.name] = rows;
  }
  return out;
}
