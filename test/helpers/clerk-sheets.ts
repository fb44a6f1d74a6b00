// Sheets as clerks really hold them (issue 21, spec import-sheets.md): written from a budget document in the
// four further forms — a workbook opening with 填报说明 (hidden 一上 column, hidden row, unit subtotals, a
// footer, `30101-基本工资` cells, unit names without codes), a GBK CSV with 类/款/项 columns, the wide
// 支出预算明细表 in 万元 (合计, 基本支出 › 人员经费 / 公用经费, 项目支出, projects by name), and a reordered sheet
// with other header wording. Each is filled from any budget, so the reader is tested on variety, not on files.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { builtinCatalog } from '../../core/catalogs/builtin';
import { LINE_KINDS, LINE_KIND_NAMES, SOURCE_NAMES, type LineKind } from '../../core/model';
import type { DocLine, SheetDoc } from './line-sheets';

export const CLERK_LAYOUTS = ['instructions-first', 'gbk-class-csv', 'wide-wan', 'reordered'] as const;
type ClerkLayout = (typeof CLERK_LAYOUTS)[number];

const names = (kind: 'function' | 'economic') => new Map((builtinCatalog(2025, kind) ?? []).map((e) => [e.code, e.name]));
const FN = names('function');
const EC = names('economic');
const fen = (yuan: string): bigint => BigInt(yuan.replace('.', ''));
const yuanText = (f: bigint): string => `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`;
const grouped = (f: bigint): string => `${(f / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(f % 100n).toString().padStart(2, '0')}`;
/** 万元 as a spreadsheet number (分 / 1,000,000): its shortest decimal is exact. */
const wanNumber = (f: bigint): number => Number(`${f / 1_000_000n}.${(f % 1_000_000n).toString().padStart(6, '0')}`);
const sourceText = (l: DocLine) => `${SOURCE_NAMES[l.source]}${l.carryover ? '（上年结转）' : ''}`;
const sum = (ls: readonly DocLine[]) => ls.reduce((s, l) => s + fen(l.amount), 0n);

export async function clerkSheet(doc: SheetDoc & { department: { name: string } }, layout: ClerkLayout): Promise<{ fileName: string; bytes: Uint8Array }> {
  const unitName = new Map(doc.units.map((u) => [u.code, u.name]));
  const projName = new Map(doc.projects.map((p) => [p.code, p.name]));
  switch (layout) {
    case 'instructions-first': {
      const wb = new ExcelJS.Workbook();
      const notes = wb.addWorksheet('填报说明');
      notes.addRow(['填报说明']);
      notes.addRow(['1. 金额单位为元。']);
      notes.addRow(['2. 预算单位、功能科目、经济科目请按科目表填写。']);
      const ws = wb.addWorksheet('支出明细');
      ws.addRow([`${doc.department.name}${doc.year}年支出预算明细`]);
      ws.addRow(['预算单位', '功能分类科目', '经济分类科目', '支出类型', '项目编码', '项目名称', '资金性质', '是否上年结转', '预算数（一上）', '预算数']);
      ws.getColumn(9).hidden = true;
      const byUnit = new Map<string, DocLine[]>();
      for (const l of doc.lines) byUnit.set(l.unit, [...(byUnit.get(l.unit) ?? []), l]);
      for (const [unit, ls] of byUnit) {
        for (const l of ls) {
          ws.addRow([
            unitName.get(unit)!.replace(/（/g, '(').replace(/）/g, ')'),
            `${l.function}-${FN.get(l.function)}`,
            `${l.economic}－${EC.get(l.economic)}`,
            LINE_KIND_NAMES[l.kind],
            l.project ?? '',
            l.project ? projName.get(l.project) : '',
            SOURCE_NAMES[l.source],
            l.carryover ? '是' : '否',
            Number(l.amount) * 3 + 1,
            Number(l.amount),
          ]);
        }
        const hidden = ws.addRow([unitName.get(unit), '2010101 行政运行', '30101 基本工资', '基本支出', '', '', '一般公共预算拨款', '否', 5, 5]);
        hidden.hidden = true;
        ws.addRow([`${unitName.get(unit)}小计`, '', '', '', '', '', '', '', null, Number(yuanText(sum(ls)))]);
      }
      ws.addRow(['合计', '', '', '', '', '', '', '', null, Number(yuanText(sum(doc.lines)))]);
      ws.addRow([]);
      ws.addRow(['制表人：张三', '', '审核人：李四', '', '单位负责人：王五', '', '填报日期：2025年1月10日', '', '', '']);
      return { fileName: 'instructions.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    }
    case 'gbk-class-csv': {
      const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const rows = [
        ['2025年部门预算支出明细表'],
        ['单位：元'],
        ['单位代码', '单位名称', '类', '款', '项', '经济科目', '支出类别', '项目代码', '项目名称', '经费来源', '金额（元）', '用途'],
      ];
      for (const l of doc.lines) {
        const f = l.function;
        rows.push([
          l.unit,
          unitName.get(l.unit)!,
          f.slice(0, 3),
          f.slice(3, 5),
          f.slice(5, 7),
          `[${l.economic}]${EC.get(l.economic)}`,
          LINE_KIND_NAMES[l.kind],
          l.project ?? '',
          l.project ? projName.get(l.project)! : '',
          sourceText(l),
          grouped(fen(l.amount)),
          l.memo ?? '',
        ]);
      }
      rows.push(['总计', '', '', '', '', '', '', '', '', '', grouped(sum(doc.lines)), '']);
      return { fileName: 'classes-gbk.csv', bytes: new Uint8Array(iconv.encode(rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n', 'gbk')) };
    }
    case 'wide-wan': {
      // One row per unit × function × economic × project × source; amounts by kind, 基本支出 split into 人员经费/公用经费.
      const kinds = LINE_KINDS.filter((k) => k !== 'basic' && doc.lines.some((l) => l.kind === k));
      const groups = new Map<string, { l: DocLine; by: Map<string, bigint> }>();
      const partOf = (l: DocLine) => (l.kind === 'basic' ? (/^30[13]/.test(l.economic) ? 'person' : 'public') : l.kind);
      for (const l of doc.lines) {
        const key = [l.unit, l.function, l.economic, l.project ?? '', l.source, l.carryover ? 1 : 0].join('|');
        const g = groups.get(key) ?? { l, by: new Map() };
        g.by.set(partOf(l), (g.by.get(partOf(l)) ?? 0n) + fen(l.amount));
        groups.set(key, g);
      }
      const parts = ['person', 'public', ...kinds] as string[];
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('支出预算明细表');
      ws.addRow(['支出预算明细表']);
      ws.addRow([`编制单位：${doc.department.name}`, '', '', '', '', '', '单位：万元']);
      ws.addRow(['单位名称', '功能科目', '经济科目', '项目名称', '资金来源', '合计', '基本支出', null, ...kinds.map((k) => LINE_KIND_NAMES[k as LineKind])]);
      ws.addRow([null, null, null, null, null, null, '人员经费', '公用经费', ...kinds.map(() => null)]);
      for (let c = 1; c <= 6; c++) ws.mergeCells(3, c, 4, c);
      ws.mergeCells(3, 7, 3, 8);
      for (let c = 9; c < 9 + kinds.length; c++) ws.mergeCells(3, c, 4, c);
      for (const { l, by } of groups.values()) {
        const total = [...by.values()].reduce((a, b) => a + b, 0n);
        ws.addRow([
          `${l.unit} ${unitName.get(l.unit)}`,
          `${l.function} ${FN.get(l.function)}`,
          `${l.economic} ${EC.get(l.economic)}`,
          l.project ? projName.get(l.project) : '',
          sourceText(l),
          wanNumber(total),
          ...parts.map((p) => (by.has(p) ? wanNumber(by.get(p)!) : '-')),
        ]);
      }
      return { fileName: 'wide.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    }
    case 'reordered': {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['预算金额', '科目编码', '部门预算支出经济分类科目', '单位', '资金来源', '项目类型', '项目代码', '摘要']);
      for (const l of doc.lines) {
        ws.addRow([
          grouped(fen(l.amount)),
          `【${l.function}】${FN.get(l.function)}`,
          `${EC.get(l.economic)}(${l.economic})`,
          `[${l.unit}]${unitName.get(l.unit)}`,
          sourceText(l),
          LINE_KIND_NAMES[l.kind],
          l.project ?? '',
          l.memo ?? '',
        ]);
      }
      return { fileName: 'reordered.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    }
  }
}

/** Lines summed by every field but memo: what a sheet must reproduce, figure for figure. */
export function lineFigures(
  lines: readonly {
    unit: string;
    function: string;
    economic: string;
    kind: string;
    source: string;
    carryover?: boolean | number;
    amount: bigint;
    project?: string | null;
  }[],
): Record<string, string> {
  const out = new Map<string, bigint>();
  for (const l of lines) {
    const key = [l.unit, l.function, l.economic, l.kind, l.source, l.carryover ? 1 : 0, l.project ?? ''].join('|');
    out.set(key, (out.get(key) ?? 0n) + l.amount);
  }
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, yuanText(v)]));
}

/** The figures of every line stored in a database file, as lineFigures sums them. */
export function storedFigures(db: string): Record<string, string> {
  const h = new Database(db, { readonly: true });
  try {
    const rows = h
      .prepare(
        'SELECT unit_code AS unit, function_code AS function, economic_code AS economic, kind, source, carryover, amount_fen, project_code AS project ' +
          'FROM lines',
      )
      .all() as {
      unit: string;
      function: string;
      economic: string;
      kind: string;
      source: string;
      carryover: number;
      amount_fen: number;
      project: string | null;
    }[];
    return lineFigures(rows.map((r) => ({ ...r, amount: BigInt(r.amount_fen) })));
  } finally {
    h.close();
  }
}

/** The figures a budget document's lines must give. */
export const docFigures = (lines: readonly DocLine[]): Record<string, string> => lineFigures(lines.map((l) => ({ ...l, amount: fen(l.amount) })));
