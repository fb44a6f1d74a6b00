// Reading last year's published workbook back into comparison figures (导入上年公开表). The workbook
// must be laid out as BudgetDesk's own export (core/export/xlsx over core/tables): the expected title,
// header and 栏次 rows are derived from the same table specs, so the reader follows any change to the
// tables by itself. Anything that does not fit is refused with the reason, never guessed at.
import ExcelJS from 'exceljs';
import { logDetail } from '../files/detail';
import { guardWorkbook } from '../files/guard';
import { MAX_XLSX_UNCOMPRESSED_BYTES } from '../files/zip';
import { Catalog, type Catalogs } from '../catalog';
import { Dec, formatWanCents, type Fen } from '../money';
import { groupingProblem, normaliseTyped } from '../money-text';
import { blankBudget } from '../model';
import { deriveTable } from '../tables';
import { expenseSpec } from '../tables/specs/function-tables';
import { generalBasicSpec } from '../tables/specs/general-basic';
import { summarySpec } from '../tables/specs/summary';
import { threePublicSpec } from '../tables/specs/three-public';
import type { GridTableSpec, RenderedGridTable } from '../tables/types';
import { THREE_PUBLIC_ITEM_KEYS, THREE_PUBLIC_ITEM_NAMES, type FunctionFigure, type ThreePublicItemKey, type YearFigures } from './types';

/** The tables a published workbook must have, in the order they are checked. */
export const REQUIRED_TABLES: readonly GridTableSpec[] = [summarySpec, expenseSpec, generalBasicSpec, threePublicSpec];

export type ReadWorkbookResult = { ok: true; figures: YearFigures; fileName: string } | { ok: false; reason: string };

class Misfit extends Error {}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text;
  }
  return '';
}
const norm = (s: string) => s.replace(/\s+/g, '');

/** A printed 万元 figure in 0.01 万元 units; blank = 0. */
function wanCents(v: ExcelJS.CellValue, where: string): bigint {
  if (v && typeof v === 'object' && 'result' in v) v = (v.result ?? null) as ExcelJS.CellValue;
  if (v === null || v === undefined || v === '') return 0n;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Misfit(`${where}不是数字`);
    const x = new Dec(v).times(100);
    const c = x.toDecimalPlaces(0);
    // A printed figure has at most two decimals; more means it is not a 万元 table cell. The tolerance
    // absorbs a foreign writer's binary float (76.61 stored as 76.60999999999999).
    if (x.minus(c).abs().gt('1e-6') || c.abs().gt(Number.MAX_SAFE_INTEGER)) throw new Misfit(`${where}的数值 ${v} 不是保留两位小数的万元数`);
    return BigInt(c.toFixed(0));
  }
  const text = cellText(v).trim();
  const s = normaliseTyped(text);
  if (s === '') return 0n;
  if (groupingProblem(s) || !/^-?\d+(?:\.\d{1,2})?$/.test(s.replace(/,/g, ''))) throw new Misfit(`${where}的内容“${text}”不是万元金额`);
  return BigInt(new Dec(s.replace(/,/g, '')).times(100).toFixed(0));
}
const fenOf = (c: bigint): Fen => c * 10_000n;

/** The table as BudgetDesk would print it with no lines: its title, header rows and columns. */
function expectedTable(spec: GridTableSpec, year: number, department: { code: string; name: string }): RenderedGridTable {
  const budget = blankBudget(year, department);
  const catalogs: Catalogs = { year, function: new Catalog('function', []), economic: new Catalog('economic', []) };
  const t = deriveTable(spec, budget, catalogs);
  if (t.layout !== 'grid') throw new Error(`${spec.id} is not a grid table`);
  return t;
}

interface SheetInfo {
  ws: ExcelJS.Worksheet;
  dept: { code: string; name: string };
  year: number;
}

function findSheet(wb: ExcelJS.Workbook, spec: GridTableSpec): ExcelJS.Worksheet {
  const byName = wb.worksheets.find((w) => norm(w.name) === norm(spec.name));
  if (byName) return byName;
  // A sheet renamed by hand is still found by its printed title.
  const byTitle = wb.worksheets.find((w) => norm(cellText(w.getCell(1, 1).value)) === norm(spec.title));
  if (byTitle) return byTitle;
  throw new Misfit(`缺少“${spec.name}”工作表（${spec.title}）`);
}

function readMeta(ws: ExcelJS.Worksheet, spec: GridTableSpec): SheetInfo {
  const title = norm(cellText(ws.getCell(1, 1).value));
  if (title !== norm(spec.title)) throw new Misfit(`工作表“${ws.name}”第 1 行应为标题“${spec.title}”，实际为“${cellText(ws.getCell(1, 1).value) || '（空）'}”`);
  const texts: string[] = [];
  ws.getRow(2).eachCell((c) => {
    const t = cellText(c.value).trim();
    if (t) texts.push(t);
  });
  const yearText = texts.find((t) => /^预算年度[：:]/.test(t));
  const ym = yearText ? /^预算年度[：:]\s*(\d{4})/.exec(yearText) : null;
  if (!ym) throw new Misfit(`工作表“${ws.name}”第 2 行没有“预算年度：年份”`);
  const unit = texts.find((t) => /^单位[：:]/.test(t));
  if (!unit) throw new Misfit(`工作表“${ws.name}”第 2 行没有“单位：万元”`);
  if (norm(unit).replace(':', '：') !== '单位：万元')
    throw new Misfit(`工作表“${ws.name}”的金额单位是“${unit.replace(/^单位[：:]\s*/, '')}”，只能导入以万元为单位的公开表`);
  const deptText = texts.find((t) => t !== yearText && t !== unit) ?? '';
  const dm = /^(\S+)\s+(.+)$/.exec(deptText);
  if (!dm) throw new Misfit(`工作表“${ws.name}”第 2 行没有“部门编码 部门名称”`);
  return { ws, dept: { code: dm[1]!, name: dm[2]!.trim() }, year: Number(ym[1]) };
}

/** Checks the header block and 栏次 row against the spec; returns the first data row (1-based). */
function checkHeader(info: SheetInfo, t: RenderedGridTable): number {
  const { ws } = info;
  const top = 3;
  for (const hc of t.header) {
    const got = cellText(ws.getCell(top + hc.row, hc.col + 1).value);
    if (norm(got) !== norm(hc.label)) {
      throw new Misfit(
        `工作表“${ws.name}”的表头与 BudgetDesk 公开表格式不符：第 ${top + hc.row} 行第 ${hc.col + 1} 列应为“${hc.label}”，实际为“${got || '（空）'}”`,
      );
    }
  }
  const lanciRow = top + t.headerRowCount;
  t.lanci.forEach((label, i) => {
    const got = cellText(ws.getCell(lanciRow, i + 1).value);
    if (norm(got) !== norm(label)) throw new Misfit(`工作表“${ws.name}”第 ${lanciRow} 行应为栏次行，第 ${i + 1} 列应为“${label}”，实际为“${got || '（空）'}”`);
  });
  if (ws.getCell(lanciRow, t.lanci.length + 1).value !== null && cellText(ws.getCell(lanciRow, t.lanci.length + 1).value).trim() !== '') {
    throw new Misfit(`工作表“${ws.name}”的列数多于 BudgetDesk 公开表（栏次行第 ${t.lanci.length + 1} 列不应有内容）`);
  }
  return lanciRow + 1;
}

interface ReadRow {
  rowNo: number;
  byKey: Map<string, ExcelJS.CellValue>;
}

/** Data rows: consecutive rows whose 序号 is 1, 2, 3 … (notes and footnotes below end the table). */
function dataRows(info: SheetInfo, t: RenderedGridTable, first: number): ReadRow[] {
  const out: ReadRow[] = [];
  for (let r = first; r <= info.ws.rowCount; r++) {
    const serial = cellText(info.ws.getCell(r, 1).value).trim();
    if (!/^\d+$/.test(serial)) break;
    if (Number(serial) !== out.length + 1) throw new Misfit(`工作表“${info.ws.name}”第 ${r} 行的序号应为 ${out.length + 1}，实际为 ${serial}`);
    const byKey = new Map<string, ExcelJS.CellValue>();
    t.columns.forEach((c, i) => byKey.set(c.key, info.ws.getCell(r, i + 1).value));
    out.push({ rowNo: r, byKey });
  }
  return out;
}

function amountAt(info: SheetInfo, row: ReadRow, t: RenderedGridTable, key: string): bigint {
  const col = t.columns.findIndex((c) => c.key === key);
  return wanCents(row.byKey.get(key) ?? null, `工作表“${info.ws.name}”第 ${row.rowNo} 行第 ${col + 1} 列（${t.columns[col]?.label ?? key}）`);
}

function textAt(row: ReadRow, key: string): string {
  return cellText(row.byKey.get(key) ?? null).trim();
}

/**
 * Reads a published workbook (.xlsx bytes) into figures. `expect` (optional) names the department and
 * year the clerk is importing for; a workbook of another department or year is refused.
 */
export async function readPublishedWorkbook(
  data: Uint8Array,
  fileName: string,
  expect: { deptCode?: string; year?: number } = {},
): Promise<ReadWorkbookResult> {
  // The one guard of every workbook read (core/files/guard.ts) before exceljs builds it in memory.
  const refused = await guardWorkbook(data, {
    file: `“${fileName}”`,
    maxBytes: 20 * 1024 * 1024,
    maxRows: 100_000,
    rowLimit: '上年公开表的每张表不会有这么多行',
    maxCells: 2_000_000,
    maxUnpacked: MAX_XLSX_UNCOMPRESSED_BYTES,
    timeMs: 60_000,
  });
  const notWorkbook = `“${fileName}”不是有效的 Excel 工作簿（.xlsx），无法读取`;
  if (refused) return { ok: false, reason: refused.includes('不是有效的 .xlsx') ? notWorkbook : refused };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, reason: `${notWorkbook}${logDetail(e, `读取上年公开表 ${fileName}`)}` };
  }
  try {
    const sheets = REQUIRED_TABLES.map((spec) => ({ spec, info: readMeta(findSheet(wb, spec), spec) }));
    const first = sheets[0]!.info;
    for (const { info } of sheets) {
      if (info.year !== first.year) throw new Misfit(`各表的预算年度不一致：“${first.ws.name}”为 ${first.year} 年，“${info.ws.name}”为 ${info.year} 年`);
      if (info.dept.code !== first.dept.code)
        throw new Misfit(`各表的部门不一致：“${first.ws.name}”为 ${first.dept.code}，“${info.ws.name}”为 ${info.dept.code}`);
    }
    if (expect.deptCode !== undefined && first.dept.code !== expect.deptCode) {
      throw new Misfit(`这是部门 ${first.dept.code} ${first.dept.name} 的公开表，不是部门 ${expect.deptCode} 的`);
    }
    if (expect.year !== undefined && first.year !== expect.year) {
      throw new Misfit(`这是 ${first.year} 年的公开表，需要的是 ${expect.year} 年的`);
    }

    const rowsOf = new Map<string, { t: RenderedGridTable; info: SheetInfo; rows: ReadRow[] }>();
    for (const { spec, info } of sheets) {
      const t = expectedTable(spec, info.year, info.dept);
      rowsOf.set(spec.id, { t, info, rows: dataRows(info, t, checkHeader(info, t)) });
    }

    // 支出总表: 合计 and the function hierarchy.
    const exp = rowsOf.get(expenseSpec.id)!;
    if (exp.rows.length === 0) throw new Misfit(`工作表“${exp.info.ws.name}”没有数据行，无法作为上年数`);
    const functions: FunctionFigure[] = [];
    let total: bigint | null = null,
      basic = 0n,
      project = 0n;
    for (const row of exp.rows) {
      const code = textAt(row, 'code');
      if (norm(code) === '合计') {
        total = amountAt(exp.info, row, exp.t, 'total');
        basic = amountAt(exp.info, row, exp.t, 'basic');
        project = amountAt(exp.info, row, exp.t, 'project');
        continue;
      }
      if (!/^\d{3}(\d{2}(\d{2})?)?$/.test(code))
        throw new Misfit(`工作表“${exp.info.ws.name}”第 ${row.rowNo} 行的科目编码“${code || '（空）'}”不是 3、5 或 7 位功能分类编码`);
      if (functions.some((f) => f.code === code)) throw new Misfit(`工作表“${exp.info.ws.name}”第 ${row.rowNo} 行的科目编码 ${code} 重复`);
      functions.push({ code, name: textAt(row, 'name'), amount: fenOf(amountAt(exp.info, row, exp.t, 'total')) });
    }
    if (total === null) throw new Misfit(`工作表“${exp.info.ws.name}”没有“合计”行`);
    if (functions.length === 0) throw new Misfit(`工作表“${exp.info.ws.name}”没有科目行`);

    // 收支总表: its 本年支出合计 must be the same printed figure as 支出总表's 合计.
    const sum = rowsOf.get(summarySpec.id)!;
    const spendRow = sum.rows.find((r) => norm(textAt(r, 'expense.item')) === '本年支出合计');
    if (!spendRow) throw new Misfit(`工作表“${sum.info.ws.name}”没有“本年支出合计”行`);
    const spend = amountAt(sum.info, spendRow, sum.t, 'expense.amount');
    if (spend !== total) {
      throw new Misfit(`“${sum.info.ws.name}”的本年支出合计 ${formatWanCents(spend)} 万元与“${exp.info.ws.name}”的合计 ${formatWanCents(total)} 万元不一致`);
    }

    // 基本支出表 合计 → 人员经费 / 公用经费; an empty table (note only) means none.
    const gb = rowsOf.get(generalBasicSpec.id)!;
    const gbTotal = gb.rows.find((r) => norm(textAt(r, 'code')) === '合计');
    if (gb.rows.length && !gbTotal) throw new Misfit(`工作表“${gb.info.ws.name}”没有“合计”行`);
    const personnel = gbTotal ? amountAt(gb.info, gbTotal, gb.t, 'personnel') : 0n;
    const publicCost = gbTotal ? amountAt(gb.info, gbTotal, gb.t, 'publicUse') : 0n;

    // 三公 table 合计.
    const tp = rowsOf.get(threePublicSpec.id)!;
    const tpTotal = tp.rows.find((r) => norm(textAt(r, 'item')) === '合计');
    if (tp.rows.length && !tpTotal) throw new Misfit(`工作表“${tp.info.ws.name}”没有“合计”行`);
    const threePublic = tpTotal ? amountAt(tp.info, tpTotal, tp.t, 'total') : 0n;
    // Its items (比上年增减 of each, e.g. 公务接待费), found by the row's name as the table prints it; an empty table: none.
    const tpItem = (name: string): Fen => {
      const r = tp.rows.find((row) => norm(textAt(row, 'item')).endsWith(name));
      return r ? fenOf(amountAt(tp.info, r, tp.t, 'total')) : 0n;
    };
    const threePublicItems = Object.fromEntries(THREE_PUBLIC_ITEM_KEYS.map((k) => [k, tpItem(THREE_PUBLIC_ITEM_NAMES[k])])) as Record<ThreePublicItemKey, Fen>;

    return {
      ok: true,
      fileName,
      figures: {
        year: first.year,
        department: first.dept,
        origin: 'workbook',
        functions,
        summary: {
          total: fenOf(total),
          basic: fenOf(basic),
          project: fenOf(project),
          personnel: fenOf(personnel),
          publicCost: fenOf(publicCost),
          threePublic: fenOf(threePublic),
          // Not printed in these tables: unknown for an imported year.
          runningCost: null,
        },
        threePublicItems,
      },
    };
  } catch (e) {
    if (e instanceof Misfit) return { ok: false, reason: `“${fileName}”不能作为上年公开表导入：${e.message}` };
    // A workbook shaped unlike any exceljs expects ("Cannot read properties of undefined …"): Chinese, detail logged.
    return { ok: false, reason: `“${fileName}”不能作为上年公开表导入：无法读取其中的表格${logDetail(e, `读取上年公开表 ${fileName}`)}` };
  }
}
