// Line-item sheets written from a budget document in each layout of spec import-sheets.md, the way a
// clerk's working sheet or a 一体化 export prints them: titles above the header, a two-row header with
// a merged 资金来源 group and one amount column per source, a 万元 CSV in GBK, `code name` and
// `[code]name` cells, separate 类/款/项 columns, 一体化 project classes, a 合计 row.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { builtinCatalog } from '../../core/catalogs/builtin';
import { formatYuanGrouped } from '../../core/money';
import { LINE_KIND_NAMES, SOURCE_NAMES, SOURCES, type LineKind, type Source } from '../../core/model';

export interface DocLine {
  unit: string;
  function: string;
  economic: string;
  kind: LineKind;
  source: Source;
  carryover?: boolean;
  amount: string;
  project?: string;
  memo?: string;
}
export interface SheetDoc {
  year: number;
  units: { code: string; name: string }[];
  projects: { code: string; name: string }[];
  lines: DocLine[];
}

export const LAYOUTS = ['titles-code-name', 'two-row-per-source', 'wan-csv-gbk', 'class-columns', 'yitihua-csv-utf8'] as const;
export type Layout = (typeof LAYOUTS)[number];

const names = (kind: 'function' | 'economic') => new Map((builtinCatalog(2025, kind) ?? []).map((e) => [e.code, e.name]));
const FN = names('function');
const EC = names('economic');

const fen = (yuan: string): bigint => BigInt(yuan.replace('.', ''));
/** 元 as a spreadsheet number: the shortest decimal of a 2-decimal amount parses back to the same text. */
const yuanNumber = (yuan: string): number => Number(yuan);
/** 万元 as exact decimal text (分 / 1,000,000), with thousands separators. */
function wanText(f: bigint): string {
  const int = (f / 1_000_000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const dec = (f % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return dec ? `${int}.${dec}` : int;
}
const yuanText = (f: bigint): string => `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`;

/** 一体化 project class for a line (basic: 人员类 for 301/303, 运转类 otherwise; project: 特定目标类). */
function projectClass(l: DocLine): string {
  if (l.kind === 'basic') return /^30[13]/.test(l.economic) ? '人员类项目' : '运转类项目';
  if (l.kind === 'project') return '特定目标类项目';
  return LINE_KIND_NAMES[l.kind];
}

export async function lineSheet(doc: SheetDoc, layout: Layout): Promise<{ fileName: string; bytes: Uint8Array }> {
  const unitName = new Map(doc.units.map((u) => [u.code, u.name]));
  const projName = new Map(doc.projects.map((p) => [p.code, p.name]));
  const total = doc.lines.reduce((s, l) => s + fen(l.amount), 0n);
  switch (layout) {
    case 'titles-code-name': {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('明细');
      ws.addRow([`${doc.year}年部门预算明细表`]);
      ws.mergeCells('A1:K1');
      ws.addRow(['单位：元']);
      ws.addRow([
        '预算单位',
        '支出功能分类科目',
        '部门预算支出经济分类',
        '政府预算支出经济分类',
        '支出类型',
        '项目编码',
        '项目名称',
        '资金性质',
        '是否上年结转',
        '预算金额（元）',
        '备注',
      ]);
      for (const l of doc.lines) {
        ws.addRow([
          `${l.unit} ${unitName.get(l.unit)}`,
          `${l.function} ${FN.get(l.function)}`,
          `${l.economic} ${EC.get(l.economic)}`,
          '50101 工资奖金津补贴',
          LINE_KIND_NAMES[l.kind],
          l.project ?? '',
          l.project ? projName.get(l.project) : '',
          SOURCE_NAMES[l.source],
          l.carryover ? '是' : '否',
          yuanNumber(l.amount),
          l.memo ?? '',
        ]);
      }
      ws.addRow(['合计', '', '', '', '', '', '', '', '', yuanNumber(yuanText(total)), '']);
      return { fileName: 'titles.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    }
    case 'two-row-per-source': {
      // One row per (unit, codes, kind, project, carry-over), one amount column per source.
      const groups = new Map<string, { l: DocLine; by: Map<Source, bigint> }>();
      for (const l of doc.lines) {
        const key = [l.unit, l.function, l.economic, l.kind, l.project ?? '', l.carryover ? 1 : 0].join('|');
        const g = groups.get(key) ?? { l, by: new Map() };
        g.by.set(l.source, (g.by.get(l.source) ?? 0n) + fen(l.amount));
        groups.set(key, g);
      }
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('项目明细');
      ws.addRow(['部门预算支出明细表']);
      ws.mergeCells(1, 1, 1, 8 + SOURCES.length);
      ws.addRow([
        '单位',
        '功能分类科目',
        '经济分类科目',
        '支出类别',
        '项目代码',
        '项目名称',
        '是否上年结转',
        '合计',
        '资金来源',
        ...Array(SOURCES.length - 1).fill(null),
      ]);
      ws.addRow([null, null, null, null, null, null, null, null, ...SOURCES.map((s) => SOURCE_NAMES[s])]);
      for (let c = 1; c <= 8; c++) ws.mergeCells(2, c, 3, c);
      ws.mergeCells(2, 9, 2, 8 + SOURCES.length);
      for (const { l, by } of groups.values()) {
        const sum = [...by.values()].reduce((a, b) => a + b, 0n);
        ws.addRow([
          `[${l.unit}]${unitName.get(l.unit)}`,
          `[${l.function}]${FN.get(l.function)}`,
          `[${l.economic}]${EC.get(l.economic)}`,
          LINE_KIND_NAMES[l.kind],
          l.project ?? null,
          l.project ? projName.get(l.project) : null,
          l.carryover ? '是' : '否',
          yuanNumber(yuanText(sum)),
          ...SOURCES.map((s) => (by.has(s) ? yuanNumber(yuanText(by.get(s)!)) : null)),
        ]);
      }
      return { fileName: 'two-row.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    }
    case 'wan-csv-gbk': {
      const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const rows = [
        ['部门预算明细表（单位：万元）'],
        ['单位名称', '功能科目', '经济科目', '支出类型', '项目编码', '项目名称', '资金来源', '是否上年结转', '金额', '摘要'],
      ];
      for (const l of doc.lines) {
        rows.push([
          `${l.unit} ${unitName.get(l.unit)}`,
          `${l.function} ${FN.get(l.function)}`,
          `${l.economic} ${EC.get(l.economic)}`,
          LINE_KIND_NAMES[l.kind],
          l.project ?? '',
          l.project ? projName.get(l.project)! : '',
          SOURCE_NAMES[l.source],
          l.carryover ? '是' : '否',
          wanText(fen(l.amount)),
          l.memo ?? '',
        ]);
      }
      rows.push(['合计', '', '', '', '', '', '', '', wanText(total), '']);
      const text = rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
      return { fileName: 'wan-gbk.csv', bytes: new Uint8Array(iconv.encode(text, 'gbk')) };
    }
    case 'class-columns': {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('一体化');
      ws.addRow([
        '单位编码',
        '单位名称',
        '类',
        '款',
        '项',
        '经济科目编码',
        '经济科目名称',
        '项目类别',
        '项目编码',
        '项目名称',
        '资金性质',
        '是否上年结转',
        '本年预算',
      ]);
      for (const l of doc.lines) {
        const f = l.function;
        ws.addRow([
          l.unit,
          unitName.get(l.unit),
          f.slice(0, 3),
          f.slice(3, 5),
          f.slice(5, 7),
          Number(l.economic),
          EC.get(l.economic),
          projectClass(l),
          l.project ?? (l.kind === 'basic' ? `${l.unit}RY${l.economic}` : ''),
          l.project ? projName.get(l.project) : '',
          SOURCE_NAMES[l.source].replace('拨款', '资金'),
          l.carryover ? '是' : '否',
          formatYuanGrouped(fen(l.amount)),
        ]);
      }
      ws.addRow(['总计', null, null, null, null, null, null, null, null, null, null, null, yuanNumber(yuanText(total))]);
      return { fileName: 'classes.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
    }
    case 'yitihua-csv-utf8': {
      const rows = [
        [
          'AGENCY_CODE',
          'AGENCY_NAME',
          'EXP_FUNC_CODE',
          'EXP_FUNC_NAME',
          'DEP_BGT_ECO_CODE',
          'GOV_BGT_ECO_CODE',
          '项目类型',
          'PRO_CODE',
          'PRO_NAME',
          '经费来源',
          'CUR_AMT',
        ],
      ];
      for (const l of doc.lines) {
        const src = `${SOURCE_NAMES[l.source]}${l.carryover ? '（上年结转）' : ''}`;
        rows.push([
          l.unit,
          unitName.get(l.unit)!,
          l.function,
          FN.get(l.function)!,
          l.economic,
          '50201',
          LINE_KIND_NAMES[l.kind],
          l.project ?? '',
          l.project ? projName.get(l.project)! : '',
          src,
          l.amount,
        ]);
      }
      const text = '\ufeff' + rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
      return { fileName: 'yitihua.csv', bytes: new TextEncoder().encode(text) };
    }
  }
}
