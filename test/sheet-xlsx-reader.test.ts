// The .xlsx reader of core/sheets (xlsx.ts on the bytes the guard inflated) reads every cell as exceljs's
// streaming reader, which it replaced, did — checked against that reader on the same files — except where that
// reader was wrong: Chinese text split across its chunks, and hidden rows/columns looked up by sheetId.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Deadline, guardWorkbookParts } from '../core/files/guard';
import { readSheetFile, type Cell, type Grid } from '../core/sheets/grid';
import { xlsxBytes, zip } from './helpers/xlsx-bytes';

/** Every sheet as exceljs's streaming reader gave it to grid.ts (its cellValue rules), for comparison. */
async function byStreamingReader(data: Uint8Array): Promise<{ name: string; rows: { number: number; cells: Cell[] }[] }[]> {
  const cellValue = (v: ExcelJS.CellValue): Cell => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return v;
    if (typeof v === 'string') return v.trim() === '' ? null : v;
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v && Array.isArray(v.richText)) return cellValue(v.richText.map((r) => r.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return cellValue((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return null;
    return String(v);
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(data)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = [];
  for await (const ws of reader) {
    const rows = [];
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const n = Math.min(values.length - 1, 200);
      if (n <= 0) continue;
      rows.push({ number: row.number, cells: Array.from({ length: n }, (_, c) => cellValue(values[c + 1])) });
    }
    sheets.push({ name: (ws as unknown as { name: string }).name, rows });
  }
  return sheets;
}

async function grids(data: Uint8Array): Promise<Grid[]> {
  const r = await readSheetFile(data, 'a.xlsx');
  if (!r.ok) throw new Error(r.reason);
  return r.book.sheetNames.map((n) => r.book.sheet(n)!);
}

const enc = (t: string) => new Uint8Array(Buffer.from(t, 'utf8'));
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** A workbook of hand-written parts: sheets as [name, sheetId, part number, xml], shared strings and styles. */
function handmade(sheets: [string, number, number, string][], shared: string[], styles = ''): Uint8Array {
  const rels = sheets.map(([, , no], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${no}.xml"/>`);
  return zip([
    { name: '[Content_Types].xml', data: enc(`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`) },
    {
      name: 'xl/workbook.xml',
      data: enc(
        `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>` +
          `${sheets.map(([name, id], i) => `<sheet name="${name}" sheetId="${id}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: enc(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
    },
    { name: 'xl/sharedStrings.xml', data: enc(`${XML}<sst xmlns="${NS}">${shared.join('')}</sst>`) },
    ...(styles ? [{ name: 'xl/styles.xml', data: enc(`${XML}<styleSheet xmlns="${NS}">${styles}</styleSheet>`) }] : []),
    ...sheets.map(([, , no, xml]) => ({ name: `xl/worksheets/sheet${no}.xml`, data: enc(`${XML}<worksheet xmlns="${NS}">${xml}</worksheet>`) })),
  ]);
}

describe('the .xlsx reader', () => {
  it('reads a workbook written by exceljs cell for cell as the streaming reader did', async () => {
    const data = await xlsxBytes((wb) => {
      wb.addWorksheet('填报说明').addRow(['说明：金额单位为元 & “万元”除外', null, '<不是标记>']);
      const ws = wb.addWorksheet('明细');
      ws.addRow(['预算单位', '功能科目', '经济科目', '是否上年结转', '金额', '日期', '备注']);
      for (let i = 0; i < 400; i++) {
        const r = ws.addRow([
          i % 5 ? `71100${i % 3} 单位${i % 3}` : { richText: [{ text: '711001 ' }, { font: { bold: true }, text: '工会' }] },
          i % 7 ? '2012901 行政运行' : 2012901,
          i % 4 ? '30201 办公费' : { formula: 'CONCAT("302","01")', result: '30201' },
          i % 6 === 0,
          i % 9 === 0 ? { formula: `E${i + 1}*0`, result: 0 } : i % 11 === 0 ? { error: '#N/A' } : i * 3.07 + 0.01,
          i % 2 ? new Date(Date.UTC(2025, i % 12, 1 + (i % 28))) : null,
          i % 13 === 0 ? '   ' : `第${i}条备注`,
        ]);
        if (i % 2) r.getCell(6).numFmt = i % 4 === 1 ? 'yyyy"年"m"月"d"日"' : 'yyyy-mm-dd';
        if (i % 50 === 0) r.hidden = true;
      }
      ws.getColumn(3).hidden = true;
      ws.mergeCells('A2:B2');
      wb.addWorksheet('空');
    });
    const mine = await grids(data);
    expect(mine.map((g) => ({ name: g.sheetName, rows: g.rows }))).toEqual(
      (await byStreamingReader(data)).map((s) => ({ ...s, rows: s.rows.filter((r) => s.name !== '明细' || (r.number - 2) % 50 !== 0 || r.number < 2) })),
    );
    expect([...mine[1]!.hiddenColumns!]).toEqual([2]);
  });

  it('reads hand-written XML by the streaming reader’s rules: entities, formula results, booleans, errors, date styles', async () => {
    const shared = [
      '<si><t>甲&amp;乙</t></si>',
      '<si><r><t>711001 </t></r><r><rPr><b/></rPr><t>工会</t></r></si>',
      '<si><t xml:space="preserve">  </t></si>',
      '<si/>',
    ];
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>';
    const cells = [
      '<c r="A1" t="s"><v>0</v></c>',
      '<c r="B1" t="s"><v>1</v></c>',
      '<c r="C1" t="s"><v>2</v></c>',
      '<c r="D1" t="s"><v>3</v></c>',
      '<c r="E1" t="inlineStr"><is><t>a&amp;lt;b &#x4E2D;&#25991;</t></is></c>',
      '<c r="F1" t="str"><f>A1&amp;""</f><v>算出的字</v></c>',
      '<c r="G1"><f>1-1</f><v>0</v></c>',
      '<c r="H1"><f t="shared" si="0"/><v>0</v></c>',
      '<c r="I1" t="b"><v>1</v></c>',
      '<c r="J1" t="b"><v>0</v></c>',
      '<c r="K1" t="e"><v>#DIV/0!</v></c>',
      '<c r="L1" s="1"><v>45658</v></c>',
      '<c r="M1" s="2"><v>45659.5</v></c>',
      '<c r="N1"><v>1234.5</v></c>',
      '<c r="P1" s="0"/>',
    ].join('\n');
    const rows =
      `<sheetData>\n<row r="1">${cells}</row>\n` +
      '<row r="2" s="1" customFormat="1"><c r="A2"><v>45660</v></c><c r="B2" s="0"><v>7</v></c></row>' +
      '<row r="3"><c r="C3"><v>3</v></c><c r="C3" t="s"><v>3</v></c></row></sheetData>';
    const data = handmade([['明细', 1, 1, rows]], shared, styles);
    const mine = await grids(data);
    const ref = await byStreamingReader(data);
    expect(mine.map((g) => ({ name: g.sheetName, rows: g.rows }))).toEqual(ref);
    expect(mine[0]!.rows[0]!.cells).toEqual([
      '甲&乙',
      '711001 工会',
      null,
      null,
      'a<b 中文',
      '算出的字',
      null,
      0,
      '是',
      '否',
      null,
      '2025-01-01',
      '2025-01-02',
      1234.5,
    ]);
    // s="0" is no style of the cell's own: the row's date format applies to both cells of row 2.
    expect(mine[0]!.rows[1]!.cells).toEqual(['2025-01-03', '1900-01-06']);
    // Row 3: its only cell was overwritten by one without a value: no cells, left out.
    expect(mine[0]!.rows).toHaveLength(2);
  });

  it('reads pretty-printed parts as the streaming reader did: whitespace, line ends, comments, CDATA, phonetic runs', async () => {
    const shared = [
      '\n  <si>\n    <t>abc</t>\n  </si>',
      '\n  <si>\n    <r>\n      <t>a</t>\n    </r>\n    <r><rPr><b/></rPr><t xml:space="preserve"> b </t></r>\n  </si>',
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><t>line1\r\nline2 &#13; x</t></si><!-- c -->',
      '<si><t><![CDATA[cd]]>ata</t></si>',
    ];
    const row = [
      '\n   <c r="A1" t="s">\n    <v>0</v>\n   </c>',
      '<c r="B1" t="s"><v>1</v></c>',
      '<c r="C1" t="s"><v>2</v></c>',
      '<c r="D1" t="s"><v> 3 </v></c>',
      '<c r="E1" t="s"><v>4</v></c>',
      '<c r="F1" t="inlineStr">\n<is>\n<t>x</t>\n</is>\n</c>',
      '<c r="G1"><v>\n12\n</v></c>',
      '<c r="$H$1"><v>1e3</v></c>',
      '<c r="I1" t="n"><!-- z --><v>4<!-- y -->5</v></c>',
    ].join('\n');
    const data = handmade([['明细', 1, 1, `\n <sheetData>\n  <row r="1">${row}\n  </row>\n </sheetData>\n`]], shared);
    const mine = await grids(data);
    expect(mine.map((g) => ({ name: g.sheetName, rows: g.rows }))).toEqual(await byStreamingReader(data));
    expect(mine[0]!.rows[0]!.cells).toEqual(['abc\n  ', 'a\n     b ', 'かんじ', 'line1\nline2 \r x', 'ata', 'x\n\n', 12, 1000, 45]);
  });

  it('reads Chinese text whole where the streaming reader garbled a character split across two chunks', async () => {
    const memo = (i: number) => `第${i}条明细备注：${'预算执行'.repeat(1 + (i % 17))}`;
    const data = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('明细');
      for (let i = 0; i < 20_000; i++) ws.addRow([`711${String(i % 500).padStart(3, '0')} 单位名称${i % 500}`, memo(i)]);
    });
    const [g] = await grids(data);
    expect(g!.rows).toHaveLength(20_000);
    g!.rows.forEach((r, i) => {
      expect(r.cells).toEqual([`711${String(i % 500).padStart(3, '0')} 单位名称${i % 500}`, memo(i)]);
    });
  });

  it('leaves out the hidden rows and columns of the part it reads, whatever the sheetId', async () => {
    const sheet = (hiddenRow: number) =>
      `<cols><col min="2" max="2" hidden="1"/></cols><sheetData>${[1, 2, 3]
        .map((r) => `<row r="${r}"${r === hiddenRow ? ' hidden="1"' : ''}><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>${r * 10}</v></c></row>`)
        .join('')}</sheetData>`;
    // sheet1.xml is the sheet with sheetId 2 and the other way round: each part's own hidden rows count.
    const data = handmade(
      [
        ['甲', 2, 1, sheet(2)],
        [
          '乙',
          1,
          2,
          `<sheetData>${[1, 2, 3].map((r) => `<row r="${r}"${r === 3 ? ' hidden="1"' : ''}><c r="A${r}"><v>${r}</v></c></row>`).join('')}</sheetData>`,
        ],
      ],
      [],
    );
    const [a, b] = await grids(data);
    expect(a!.sheetName).toBe('甲');
    expect(a!.rows.map((r) => r.number)).toEqual([1, 3]);
    expect([...a!.hiddenColumns!]).toEqual([1]);
    expect(b!.rows.map((r) => r.number)).toEqual([1, 2]);
    expect([...b!.hiddenColumns!]).toEqual([]);
  });

  it('refuses malformed XML in Chinese, as the streaming reader’s parser did', async () => {
    for (const xml of [
      '<sheetData><row r="1"><c r="A1"><v>1</v></row></c></sheetData>',
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nosuch;</t></is></c></row></sheetData>',
      '<sheetData><row r="1"><c r="A&bad;1"><v>1</v></c></row></sheetData>',
      '<sheetData><row r="1"><c><v>1</v></c></row></sheetData>',
    ]) {
      const r = await readSheetFile(handmade([['明细', 1, 1, xml]], []), '坏.xlsx');
      expect(r.ok, xml).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^文件“坏\.xlsx”不是有效的 \.xlsx 工作簿/);
    }
  });
});

describe('the guard keeps the parts the reader asks for', () => {
  it('hands over each kept part inflated exactly once, stored or deflated', async () => {
    const a = enc(`${XML}<worksheet>${'<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(5_000)}</worksheet>`);
    const b = enc('<sst><si><t>存储的部件</t></si></sst>');
    const data = zip([
      { name: 'xl/worksheets/sheet1.xml', data: a },
      { name: 'xl/sharedStrings.xml', data: b, method: 0 },
      { name: 'docProps/app.xml', data: enc('<x/>') },
    ]);
    const limits = { file: '文件“a.xlsx”', maxBytes: 1 << 20, maxRows: 10_000, rowLimit: '', maxCells: 100_000, maxUnpacked: 1 << 24, timeMs: 60_000 };
    const r = await guardWorkbookParts(data, limits, new Deadline(limits), (n) => n.startsWith('xl/'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.parts.map((p) => p.entry.name)).toEqual(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']);
    expect(Buffer.compare(r.parts[0]!.bytes, Buffer.from(a))).toBe(0);
    expect(Buffer.compare(r.parts[1]!.bytes, Buffer.from(b))).toBe(0);
  });
});
