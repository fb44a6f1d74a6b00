// Parsed sheet rows → budget lines, against one department-year (its units, projects and the year's
// catalogs), with the same line rules as every other way in (core/validate-line.ts). Units and projects
// the sheet names but the budget lacks are planned for creation; codes missing from the catalog are
// accepted when the sheet names them (like a budget file's `names`). Pure: the caller supplies the context.
import type { Catalogs } from '../catalog';
import { formatYuan, type Fen } from '../money';
import type { CodeNames, Line, LineKind, Source } from '../model';
import { validateLine, type AddedCode, type LineField, CATALOG_KIND_LABELS } from '../validate-line';
import { kindOfField, type SheetField } from './fields';
import { LINE_KIND_NAMES } from '../model';
import type { SheetHeader } from './header';
import type { CodeName, ParsedRow, SheetProblem } from './rows';

export interface SheetContext {
  year: number;
  /** The department's name: a unit or project name may start with it ("万里街道办事处 机关" = "机关"). */
  deptName?: string;
  catalogs: Catalogs | null;
  units: readonly { code: string; name: string }[];
  projects: readonly { code: string; name: string; unit: string }[];
}

export interface NewUnit {
  code: string;
  name: string;
  row: number;
}
export interface NewProject {
  code: string;
  name: string;
  unit: string;
  row: number;
}
export interface SheetLine extends Line {
  row: number;
}
export interface SheetTotals {
  total: Fen;
  byKind: Partial<Record<LineKind, Fen>>;
  bySource: Partial<Record<Source, Fen>>;
}

export interface ResolvedSheet {
  lines: SheetLine[];
  newUnits: NewUnit[];
  newProjects: NewProject[];
  addedCodes: AddedCode[];
  warnings: string[];
  problems: SheetProblem[];
  totals: SheetTotals;
  /** Names matched to codes ("单位“…”→ 217001 …"), once each. */
  matched: string[];
}

export function resolveRows(rows: readonly ParsedRow[], h: SheetHeader, ctx: SheetContext): ResolvedSheet {
  const header = (f: SheetField): string | null => h.columns.find((c) => c.field === f)?.header ?? null;
  const fnHeader = header('function') ?? (['functionClass', 'functionSection', 'functionItem'] as const).map(header).filter(Boolean).join('/');
  const fieldHeader: Record<LineField, string | null> = {
    unit: header('unit') ?? header('unitName'),
    function: fnHeader || null,
    economic: header('economic'),
    kind: header('kind'),
    source: header('source'),
    carryover: header('carryover'),
    amount: header('amount'),
    project: header('project') ?? header('projectName'),
    memo: header('memo'),
  };
  const problems: SheetProblem[] = [];

  // Names the sheet gives to codes ("2080505 名称"), the budget file's `names` for the line rules.
  const names: CodeNames = { function: {}, economic: {} };
  for (const r of rows) {
    for (const kind of ['function', 'economic'] as const) {
      const cn = r[kind];
      if (cn && cn.code && cn.name && !(cn.code in names[kind])) names[kind][cn.code] = cn.name;
    }
  }

  const unitByCode = new Map(ctx.units.map((u) => [u.code, u.name]));
  const matched = new Set<string>();
  const nameKey = nameMatcher(ctx.deptName);
  const unitByName = new Map<string, string>();
  for (const u of ctx.units) for (const k of nameKey(u.name)) if (!unitByName.has(k)) unitByName.set(k, u.code);
  const projectsByName = new Map<string, { code: string; name: string; unit: string }[]>();
  for (const p of ctx.projects) for (const k of nameKey(p.name)) projectsByName.set(k, [...(projectsByName.get(k) ?? []), p]);
  const exampleUnit = ctx.units[0]?.code ?? '001001';
  const projectCodes = new Map(ctx.projects.map((p) => [p.code, p]));
  const newUnits = new Map<string, NewUnit>();
  const newProjects = new Map<string, NewProject>();
  const onlyUnit = ctx.units.length === 1 ? ctx.units[0]!.code : null;
  const hasUnitColumn = fieldHeader.unit !== null;
  if (!hasUnitColumn && !onlyUnit)
    problems.push({
      row: h.row,
      column: null,
      message: `找不到预算单位列（如“预算单位”“单位编码”）；本预算有 ${ctx.units.length} 个预算单位，须写明每行属于哪个单位`,
    });

  const unitOf = (r: ParsedRow, bad: (f: LineField, m: string) => void): string => {
    if (!r.unit) return onlyUnit ?? '';
    const { code, name } = r.unit;
    if (code === '') {
      if (name === '') {
        bad('unit', '缺少预算单位');
        return '';
      }
      const keys = nameKey(name);
      const byName = keys.map((k) => unitByName.get(k)).find(Boolean) ?? [...newUnits.values()].find((u) => nameKey(u.name)[0] === keys[0])?.code;
      if (byName) matched.add(`预算单位“${name}” → ${byName} ${unitByCode.get(byName) ?? newUnits.get(byName)?.name ?? ''}`);
      if (!byName) {
        const known = ctx.units
          .slice(0, 5)
          .map((u) => `${u.code} ${u.name}`)
          .join('、');
        bad('unit', `预算单位“${name}”不在本预算中（本预算的单位：${known || '无'}），请写明单位编码（如“${exampleUnit} ${name}”）以便新建`);
      }
      return byName ?? '';
    }
    if (unitByCode.has(code) || newUnits.has(code)) return code;
    if (name === '') {
      bad('unit', `预算单位 ${code} 不在本预算中，表中也没有给出单位名称，无法新建`);
      return '';
    }
    newUnits.set(code, { code, name, row: r.row });
    return code;
  };

  const takenCodes = new Set(ctx.projects.map((p) => p.code));
  const projectOf = (r: ParsedRow, unit: string, bad: (f: LineField, m: string) => void): string | undefined => {
    const p: CodeName | null = r.project;
    if (!p || (p.code === '' && p.name === '')) {
      bad('project', '项目支出必须写明项目（项目编码或项目名称）');
      return undefined;
    }
    if (p.code === '') return projectByName(p.name, r, unit, bad);
    if (projectCodes.has(p.code) || newProjects.has(p.code)) return p.code;
    if (p.name === '') {
      bad('project', `项目 ${p.code} 不在本预算中，表中也没有给出项目名称，无法新建`);
      return undefined;
    }
    if (unit) {
      newProjects.set(p.code, { code: p.code, name: p.name, unit, row: r.row });
      takenCodes.add(p.code);
    }
    return p.code;
  };
  // A project given by name alone: the department-year's project of that name; several: a problem naming them;
  // none: created with a code of the code rule (unit code + XM + number), shown in the preview.
  const byNewName = new Map<string, string>();
  const projectByName = (name: string, r: ParsedRow, unit: string, bad: (f: LineField, m: string) => void): string | undefined => {
    const keys = nameKey(name);
    const found = keys.map((k) => projectsByName.get(k)).find((l) => l && l.length);
    if (found && found.length > 1) {
      bad('project', `项目名称“${name}”对应本预算中的多个项目（${found.map((p) => `${p.code} ${p.name}`).join('、')}），请写明项目编码`);
      return undefined;
    }
    if (found) {
      matched.add(`项目“${name}” → ${found[0]!.code} ${found[0]!.name}`);
      return found[0]!.code;
    }
    const made = byNewName.get(keys[0]!);
    if (made) return made;
    if (!unit) return undefined;
    let n = 1;
    while (takenCodes.has(`${unit}XM${String(n).padStart(3, '0')}`)) n++;
    const code = `${unit}XM${String(n).padStart(3, '0')}`;
    takenCodes.add(code);
    byNewName.set(keys[0]!, code);
    newProjects.set(code, { code, name, unit, row: r.row });
    return code;
  };

  const lineCtx = () => ({
    catalogs: ctx.catalogs,
    units: new Set([...unitByCode.keys(), ...newUnits.keys()]),
    projects: new Set([...projectCodes.keys(), ...newProjects.keys()]),
    names,
  });
  let cachedCtx = lineCtx();
  let ctxSize = -1;

  const lines: SheetLine[] = [];
  const added = new Map<string, AddedCode>();
  for (const r of rows) {
    const bad = (f: LineField, message: string, column?: string | null) =>
      problems.push({ row: r.row, column: column !== undefined ? column : fieldHeader[f], message });
    const unit = unitOf(r, bad);
    let projectDone = false;
    let rowProject: string | undefined;
    const projectFor = () => {
      if (!projectDone) {
        rowProject = projectOf(r, unit, bad);
        projectDone = true;
      }
      return rowProject;
    };
    // The row's kind (a kind column, an existing project's code, or a project name): for amounts whose column names none.
    const rowKind = (): { kind: LineKind; project?: string } => {
      const kind: LineKind = r.kind?.kind ?? 'basic';
      if (fieldHeader.kind !== null) return r.kind && !r.kind.dropsProject && kind === 'project' ? { kind, project: projectFor() } : { kind };
      const p = r.project;
      // A project by name alone (no code column, no kind column) is 项目支出: that project, or a new one.
      const known = p && (p.code ? projectCodes.has(p.code) : p.name !== '');
      return known ? { kind: 'project', project: projectFor() } : { kind };
    };
    // A row whose amounts could not be read still has its codes checked, so every problem is listed at once.
    const amounts = r.amounts.length ? r.amounts : [null];
    for (const a of amounts) {
      const { kind, project } = a?.kind ? { kind: a.kind, project: a.kind === 'project' ? projectFor() : undefined } : rowKind();
      const size = newUnits.size * 100_000 + newProjects.size;
      if (size !== ctxSize) {
        cachedCtx = lineCtx();
        ctxSize = size;
      }
      const raw: Record<string, unknown> = { unit, function: r.function?.code ?? '', economic: r.economic?.code ?? '', kind };
      if (project !== undefined) raw.project = project;
      if (r.memo) raw.memo = r.memo;
      Object.assign(raw, { source: a?.source ?? 'general', carryover: a?.carryover ?? false, amount: a ? formatYuan(a.fen) : '0.01' });
      if (kind === 'project' && project === undefined) raw.kind = 'basic'; // the project problem is reported above
      const v = validateLine(raw, cachedCtx);
      if (!v.ok) {
        for (const p of v.problems) {
          if (p.field === 'unit' && unit === '') continue; // already reported with the clerk's text
          const column = p.field === 'amount' || p.field === 'source' ? (a?.column ?? fieldHeader[p.field]) : p.field ? fieldHeader[p.field] : null;
          bad(p.field ?? 'unit', p.reason.replace('，预算文件的科目名称表也未给出其名称', '，表中也未给出其名称'), column);
        }
        if (amounts.length > 1) break;
        continue;
      }
      if (a === null || (kind === 'project' && project === undefined)) continue;
      for (const c of v.added) added.set(`${c.kind}:${c.code}`, c);
      // validateLine's line is new: given its row in place (a spread copy per line cost more than the check).
      const line = v.line as SheetLine;
      line.row = r.row;
      lines.push(line);
    }
  }

  const totals: SheetTotals = { total: 0n, byKind: {}, bySource: {} };
  for (const l of lines) {
    totals.total += l.amount;
    totals.byKind[l.kind] = (totals.byKind[l.kind] ?? 0n) + l.amount;
    totals.bySource[l.source] = (totals.bySource[l.source] ?? 0n) + l.amount;
  }
  const addedCodes = [...added.values()];
  problems.push(...oneKindOnly(lines, h));
  const warnings = addedCodes.map((c) => `${CATALOG_KIND_LABELS[c.kind]} ${c.code}“${c.name}”不在 ${ctx.year} 年科目表中，已按表中名称添加`);
  return { lines, newUnits: [...newUnits.values()], newProjects: [...newProjects.values()], addedCodes, warnings, problems, totals, matched: [...matched] };
}

/** Full-width/half-width, spaces and a leading department name do not tell names apart: the keys a name is matched by. */
function nameMatcher(deptName?: string): (name: string) => string[] {
  const norm = (t: string) => t.normalize('NFKC').replace(/[\s\u3000]/g, '');
  const dept = deptName ? norm(deptName) : '';
  return (name) => {
    const n = norm(name);
    return dept && n.startsWith(dept) && n.length > dept.length ? [n, n.slice(dept.length)] : [n];
  };
}

/** Never silent: lines all of one kind from a sheet whose read columns name another kind would be a misreading. */
function oneKindOnly(lines: readonly SheetLine[], h: SheetHeader): SheetProblem[] {
  if (!lines.length) return [];
  const kinds = new Set(lines.map((l) => l.kind));
  if (kinds.size !== 1) return [];
  const only = lines[0]!.kind;
  const other = h.columns.find((c) => !c.hidden && c.field !== null && (kindOfField(c.field) ?? c.kind ?? only) !== only);
  if (!other) return [];
  return [{ row: h.row, column: other.header, message: `全部明细都被读成${LINE_KIND_NAMES[only]}，但表中有“${other.header}”列；请检查各列的用途后再导入` }];
}
