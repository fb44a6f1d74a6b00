// The .xlsx sheets of a workbook, read from the parts the guard has already inflated (core/files/guard.ts keeps
// them: nothing is inflated twice) and scanned tag by tag on their UTF-8 bytes. It replaces exceljs's streaming
// reader, whose saxes events and Row/Cell objects per cell were most of a 300,000-row import, and follows it rule
// for rule: which parts are sheets and in what order, names from workbook.xml, shared, inline and formula strings,
// styles' date formats, booleans, errors, what a row's values are. The small parts (workbook.xml, its rels,
// styles.xml) are still read by exceljs's own parsers. Two differences, both corrections: text is decoded whole
// (exceljs decoded each chunk apart, garbling a Chinese character split across two chunks), and hidden rows and
// columns are those of the part read (they were looked up by sheetId, another part when it differs from the file's number).
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform';
import exceljsUtils from 'exceljs/lib/utils/utils';
import type { Deadline, InflatedPart } from '../files/guard';
import { hiddenParts } from './hidden';

type Cell = string | number | null;
interface SheetRow {
  number: number;
  cells: Cell[];
}
export interface XlsxSheet {
  name: string;
  rows: SheetRow[];
  hiddenColumns: Set<number>;
}

/** The streaming reader's rule for sheet parts: an unanchored pattern (`xl/worksheets/sheet1.xml.bak` is one). */
const SHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
const BOOK_PARTS = new Set(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
/** The parts the reader reads: the guard keeps their inflated bytes. */
export const isReaderPart = (name: string): boolean => BOOK_PARTS.has(name) || SHEET_PART.test(name);

/** A cell value as the grid keeps it (grid.ts cellValue): blank text is no value. */
const textCell = (s: string): Cell => (s.trim() === '' ? null : s);

interface BookState {
  rels?: { Id: string; Target: string }[];
  book?: WorkbookXform;
  styles: StylesXform;
  shared?: SharedStrings;
}

/**
 * Every sheet in the order the streaming reader emitted them: parts in the archive's order, a sheet read where it
 * stands once the shared strings and the rels were seen (with what had been read by then), the others after the
 * last part. Throws on XML the reader refused (malformed, an undefined entity); `late` when the deadline passed.
 */
export async function readXlsxSheets(
  parts: readonly InflatedPart[],
  deadline: Deadline,
  maxColumns: number,
): Promise<{ ok: true; sheets: XlsxSheet[] } | { ok: false; reason: string }> {
  const ordered = [...parts].sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset);
  const styles = new StylesXform();
  styles.init();
  const state: BookState = { styles };
  const sheets: XlsxSheet[] = [];
  const waiting: { part: InflatedPart; no: string }[] = [];
  const read = (part: InflatedPart, no: string, st: BookState): string | null => {
    const r = readSheet(part.bytes, no, st, deadline, maxColumns);
    if (typeof r === 'string') return r;
    sheets.push(r);
    return null;
  };
  for (const part of ordered) {
    switch (part.entry.name) {
      case 'xl/_rels/workbook.xml.rels':
        state.rels = await new RelationshipsXform().parseStream([part.bytes]);
        break;
      case 'xl/workbook.xml': {
        const book = new WorkbookXform();
        await book.parseStream([part.bytes]);
        state.book = book;
        break;
      }
      case 'xl/sharedStrings.xml':
        state.shared = readSharedStrings(part.bytes);
        break;
      case 'xl/styles.xml': {
        const s = new StylesXform();
        await s.parseStream([part.bytes]);
        state.styles = s;
        break;
      }
      default: {
        const no = SHEET_PART.exec(part.entry.name)?.[1];
        if (no === undefined) break;
        if (state.shared && state.rels) {
          const late = read(part, no, { ...state });
          if (late) return { ok: false, reason: late };
        } else waiting.push({ part, no });
      }
    }
    const late = deadline.over();
    if (late) return { ok: false, reason: late };
  }
  for (const w of waiting) {
    const late = read(w.part, w.no, state);
    if (late) return { ok: false, reason: late };
  }
  return { ok: true, sheets };
}

// ------------------------------------------------------------------------------------------- the XML scan

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const AMP = 0x26;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
const isNameEnd = (c: number) => c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;
const PI_END = Buffer.from('?>');
const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its entities replaced, as saxes did; an unknown entity is an error, as it was for saxes. */
function decodeEntities(s: string): string {
  return s.replace(/&([^;&<]*)(;?)/g, (_m, name: string, semi: string) => {
    if (!semi) throw new Error(`unterminated entity &${name}`);
    const known = ENTITIES[name];
    if (known !== undefined) return known;
    const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    const cp = num ? parseInt(num[1] ?? num[2]!, num[1] ? 16 : 10) : NaN;
    if (!(cp >= 1 && cp <= 0x10ffff)) throw new Error(`undefined entity &${name};`);
    return String.fromCodePoint(cp);
  });
}

/**
 * One pass over a part's bytes: open tags (attributes at `attr*`), close tags (a self-closing tag is both) and
 * text. Malformed markup throws, as saxes threw for exceljs: a close tag that is not the open one, text outside
 * the root, a broken tag or attribute, an undefined entity in text or in an attribute.
 */
abstract class XmlScan {
  protected attrCount = 0;
  protected readonly attrName: number[] = [];
  protected readonly attrValue: number[] = [];
  constructor(protected readonly buf: Buffer) {}
  protected abstract open(ns: number, ne: number): void;
  protected abstract close(ns: number, ne: number): void;
  /** Text inside the root; `plain`: ASCII without entities or carriage returns, readable as latin1. */
  protected abstract text(s: number, e: number, plain: boolean): void;

  /** The text of a range as saxes delivered it: UTF-8, entities replaced, line ends as \n. */
  protected decode(s: number, e: number): string {
    let t = this.buf.toString('utf8', s, e);
    // Line ends first: a carriage return written as &#13; stays one.
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    if (t.includes('&')) t = decodeEntities(t);
    return t;
  }

  /** The index of attribute `name` of the open tag, or -1. */
  protected attrAt(name: string): number {
    for (let i = 0; i < this.attrCount; i++) if (isName(this.buf, this.attrName[2 * i]!, this.attrName[2 * i + 1]!, name)) return i;
    return -1;
  }

  /** The value of attribute `name` of the open tag, or undefined. */
  protected attr(name: string): string | undefined {
    const i = this.attrAt(name);
    return i < 0 ? undefined : this.decode(this.attrValue[2 * i]!, this.attrValue[2 * i + 1]!);
  }

  /** Whether the value of attribute `i` is plain ASCII without entities (its bytes are its text). */
  protected attrPlain(i: number): boolean {
    const b = this.buf;
    for (let k = this.attrValue[2 * i]!, e = this.attrValue[2 * i + 1]!; k < e; k++) if (b[k] === AMP || b[k]! >= 0x80 || b[k] === 0x0d) return false;
    return true;
  }

  run(): void {
    const b = this.buf;
    const len = b.length;
    let p = len >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    const stack: number[] = [];
    let rootDone = false;
    const fail = (why: string, at: number): never => {
      throw new Error(`${why} (byte ${at})`);
    };
    while (p < len) {
      // The text up to the next tag, looked at once: whether it is plain, blank, holds an entity.
      let plain = true;
      let blank = true;
      let amp = false;
      let lt = p;
      for (; lt < len; lt++) {
        const c = b[lt]!;
        if (c === LT) break;
        if (c === AMP) amp = true;
        if (c === AMP || c >= 0x80 || c === 0x0d) plain = false;
        if (blank && !isSpace(c)) blank = false;
      }
      const end = lt;
      if (lt === len) lt = -1;
      if (end > p) {
        if (stack.length) {
          if (amp) decodeEntities(b.toString('utf8', p, end));
          this.text(p, end, plain);
        } else if (!blank) fail('text data outside of root node', p);
      }
      if (lt < 0) break;
      const c1 = b[lt + 1];
      if (c1 === SLASH) {
        let q = lt + 2;
        while (q < len && !isNameEnd(b[q]!)) q++;
        const ne = q;
        while (q < len && isSpace(b[q]!)) q++;
        if (b[q] !== GT) fail('unclosed close tag', lt);
        const os = stack[stack.length - 2];
        const oe = stack[stack.length - 1];
        if (os === undefined || oe === undefined || !sameBytes(b, os, oe, lt + 2, ne)) fail('unexpected close tag', lt);
        stack.length -= 2;
        this.close(lt + 2, ne);
        if (!stack.length) rootDone = true;
        p = q + 1;
      } else if (c1 === 0x3f) {
        const q = b.indexOf(PI_END, lt + 2);
        if (q < 0) fail('unclosed processing instruction', lt);
        p = q + 2;
      } else if (c1 === 0x21) {
        if (b[lt + 2] === 0x2d && b[lt + 3] === 0x2d) {
          const q = b.indexOf(COMMENT_END, lt + 4);
          if (q < 0) fail('unclosed comment', lt);
          p = q + 3;
        } else if (b.toString('latin1', lt, lt + 9) === '<![CDATA[') {
          // exceljs listened to text events only: CDATA content was never part of a value.
          const q = b.indexOf(CDATA_END, lt + 9);
          if (q < 0) fail('unclosed CDATA', lt);
          p = q + 3;
        } else {
          // <!DOCTYPE …> with an internal subset in brackets.
          let q = lt + 2;
          let depth = 0;
          for (; q < len; q++) {
            const c = b[q]!;
            if (c === 0x5b) depth++;
            else if (c === 0x5d) depth--;
            else if (c === GT && depth <= 0) break;
          }
          if (q >= len) fail('unclosed declaration', lt);
          p = q + 1;
        }
      } else {
        if (rootDone && !stack.length) fail('more than one root element', lt);
        let q = lt + 1;
        while (q < len && !isNameEnd(b[q]!)) q++;
        const ns = lt + 1;
        const ne = q;
        if (ne === ns) fail('disallowed character in tag name', lt);
        this.attrCount = 0;
        let selfClosing = false;
        for (;;) {
          while (q < len && isSpace(b[q]!)) q++;
          const c = b[q];
          if (c === GT) {
            q++;
            break;
          }
          if (c === SLASH && b[q + 1] === GT) {
            selfClosing = true;
            q += 2;
            break;
          }
          if (c === undefined) fail('unclosed tag', lt);
          const ks = q;
          while (q < len && !isNameEnd(b[q]!) && b[q] !== 0x3d) q++;
          const ke = q;
          while (q < len && isSpace(b[q]!)) q++;
          if (ke === ks || b[q] !== 0x3d) fail('attribute without value', q);
          q++;
          while (q < len && isSpace(b[q]!)) q++;
          const quote = b[q];
          if (quote !== 0x22 && quote !== 0x27) fail('unquoted attribute value', q);
          const vs = q + 1;
          const ve = b.indexOf(quote!, vs);
          if (ve < 0) fail('unclosed attribute value', q);
          const n = this.attrCount++;
          this.attrName[2 * n] = ks;
          this.attrName[2 * n + 1] = ke;
          this.attrValue[2 * n] = vs;
          this.attrValue[2 * n + 1] = ve;
          for (let i = vs; i < ve; i++) {
            if (b[i] === AMP) {
              decodeEntities(b.toString('utf8', vs, ve));
              break;
            }
          }
          q = ve + 1;
        }
        this.open(ns, ne);
        if (selfClosing) {
          this.close(ns, ne);
          if (!stack.length) rootDone = true;
        } else stack.push(ns, ne);
        p = q;
      }
    }
  }
}

/** Whether bytes [as, ae) and [bs, be) are the same (tag names: a few bytes). */
function sameBytes(b: Buffer, as: number, ae: number, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let k = 0; k < ae - as; k++) if (b[as + k] !== b[bs + k]) return false;
  return true;
}

/** Whether bytes [s, e) spell `name` (ASCII). */
function isName(b: Buffer, s: number, e: number, name: string): boolean {
  if (e - s !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (b[s + k] !== name.charCodeAt(k)) return false;
  return true;
}

// ------------------------------------------------------------------------------------------- shared strings

/** Each shared string as a cell reads it; `present[i]` false: the cell has no value at all (an empty <si/>). */
interface SharedStrings {
  value: Cell[];
  present: boolean[];
}

/** The streaming reader's rules: the text since the last <t> of an <si>, or its runs' texts joined. */
class SharedScan extends XmlScan {
  readonly out: SharedStrings = { value: [], present: [] };
  private text_: string | null = null;
  private runs: (string | null)[] = [];
  protected open(ns: number, ne: number): void {
    const b = this.buf;
    if (isName(b, ns, ne, 'si')) {
      this.runs = [];
      this.text_ = null;
    } else if (isName(b, ns, ne, 't')) this.text_ = null;
  }
  protected close(ns: number, ne: number): void {
    const b = this.buf;
    if (isName(b, ns, ne, 'r')) {
      this.runs.push(this.text_);
      this.text_ = null;
    } else if (isName(b, ns, ne, 'si')) {
      if (this.runs.length) {
        this.out.value.push(textCell(this.runs.join('')));
        this.out.present.push(true);
      } else {
        this.out.value.push(this.text_ === null ? null : textCell(this.text_));
        this.out.present.push(this.text_ !== null);
      }
      this.runs = [];
      this.text_ = null;
    }
  }
  protected text(s: number, e: number, plain: boolean): void {
    const t = plain ? this.buf.toString('latin1', s, e) : this.decode(s, e);
    this.text_ = this.text_ ? this.text_ + t : t;
  }
}

function readSharedStrings(bytes: Buffer): SharedStrings {
  const scan = new SharedScan(bytes);
  scan.run();
  return scan.out;
}

// ------------------------------------------------------------------------------------------- a worksheet

const enum Sink {
  None,
  Formula,
  Value,
}

/** Cell values of one row by column (1-based), kept across rows and cleared by the columns touched. */
class RowCells {
  private readonly value: Cell[] = [];
  /** 0: no cell yet, 1: a cell with a value, 2: a cell without (exceljs's Null: not among the row's values). */
  private readonly state = new Uint8Array(16_385);
  private readonly touched: number[] = [];
  set(col: number, v: Cell, present: boolean): void {
    if (this.state[col] === 0) this.touched.push(col);
    this.value[col] = v;
    this.state[col] = present ? 1 : 2;
  }
  /** The row's cells as grid.ts kept them: up to the last column with a value, at most `max`. */
  take(max: number): Cell[] {
    let n = 0;
    for (const c of this.touched) if (this.state[c] === 1 && c > n) n = c;
    n = Math.min(n, max);
    const cells: Cell[] = new Array(n);
    for (let c = 1; c <= n; c++) cells[c - 1] = this.state[c] === 1 ? (this.value[c] ?? null) : null;
    for (const c of this.touched) {
      this.state[c] = 0;
      this.value[c] = null;
    }
    this.touched.length = 0;
    return cells;
  }
}

/** Thrown out of the scan when the read's time is up. */
class Late {
  constructor(readonly reason: string) {}
}

class SheetScan extends XmlScan {
  readonly rows: SheetRow[] = [];
  private inRows = false;
  private inRow = false;
  private rowNumber = 0;
  private rowFmt: string | undefined;
  private readonly cells = new RowCells();
  private inCell = false;
  /** The cell's column (1-based); -1: the cell had no reference. */
  private col = -1;
  private style = NaN;
  private type: string | undefined;
  private formula = false;
  /** Text went to the formula (exceljs: a formula object, whose falsy result it dropped; an empty one kept it). */
  private formulaText = false;
  private hasValue = false;
  private sink = Sink.None;
  // The value's text: one range of the part (the usual case), or decoded pieces.
  private parts = 0;
  private vs = 0;
  private ve = 0;
  private vPlain = true;
  private vText = '';
  private readonly date1904: boolean;

  constructor(
    buf: Buffer,
    private readonly st: BookState,
    private readonly hiddenRows: ReadonlySet<number>,
    private readonly deadline: Deadline,
    private readonly maxColumns: number,
  ) {
    super(buf);
    this.date1904 = !!st.book?.map.workbookPr.model?.date1904;
  }

  protected open(ns: number, ne: number): void {
    const b = this.buf;
    switch (ne - ns) {
      case 1: {
        const c = b[ns];
        if (c === 0x63) {
          // c
          if (!this.inRow) return;
          this.inCell = true;
          // r, s and t as the streaming reader read them, from the bytes when they are plain (nearly always).
          const r = this.attrAt('r');
          this.col = r < 0 ? -1 : this.attrPlain(r) ? columnAt(this.buf, this.attrValue[2 * r]!, this.attrValue[2 * r + 1]!) : columnOf(this.attr('r')!);
          const si = this.attrAt('s');
          this.style =
            si < 0 ? NaN : this.attrPlain(si) ? intAt(this.buf, this.attrValue[2 * si]!, this.attrValue[2 * si + 1]!) : parseInt(this.attr('s')!, 10);
          const t = this.attrAt('t');
          this.type = t < 0 ? undefined : this.attrPlain(t) ? typeAt(this.buf, this.attrValue[2 * t]!, this.attrValue[2 * t + 1]!) : this.attr('t');
          this.formula = false;
          this.formulaText = false;
          this.hasValue = false;
        } else if (c === 0x66) {
          // f
          if (!this.inCell) return;
          this.formula = true;
          this.sink = Sink.Formula;
        } else if (c === 0x76 || c === 0x74) this.valueOpens(); // v, t
        return;
      }
      case 2:
        if (isName(b, ns, ne, 'is')) this.valueOpens();
        return;
      case 3:
        if (this.inRows && isName(b, ns, ne, 'row')) {
          this.inRow = true;
          this.rowNumber = parseInt(this.attr('r') as string, 10);
          this.rowFmt = undefined;
          const s = this.attr('s');
          if (s) {
            const style = this.st.styles.getStyleModel(parseInt(s, 10));
            if (style) this.rowFmt = style.numFmt;
          }
        }
        return;
      case 9:
        if (isName(b, ns, ne, 'sheetData')) this.inRows = true;
        return;
    }
  }

  /** <v>, <is> or <t> in a cell: a new value text (the streaming reader kept the last one opened). */
  private valueOpens(): void {
    if (!this.inCell) return;
    this.hasValue = true;
    this.sink = Sink.Value;
    this.parts = 0;
    this.vText = '';
  }

  protected text(s: number, e: number, plain: boolean): void {
    if (this.sink === Sink.Formula) this.formulaText = true;
    if (this.sink !== Sink.Value) return;
    if (this.parts === 0) {
      this.vs = s;
      this.ve = e;
      this.vPlain = plain;
      this.parts = 1;
      return;
    }
    if (this.parts === 1) this.vText = this.decode(this.vs, this.ve);
    this.vText += this.decode(s, e);
    this.parts = 2;
  }

  private valueText(): string {
    if (this.parts === 0) return '';
    if (this.parts === 2) return this.vText;
    return this.vPlain ? this.buf.toString('latin1', this.vs, this.ve) : this.decode(this.vs, this.ve);
  }

  protected close(ns: number, ne: number): void {
    const b = this.buf;
    switch (ne - ns) {
      case 1:
        if (b[ns] === 0x63 && this.inRow && this.inCell) this.cellCloses();
        return;
      case 3:
        if (isName(b, ns, ne, 'row')) {
          // The streaming reader emitted a row that never opened inside sheetData as null, and grid.ts failed on it.
          if (!this.inRow) throw new Error('a row outside sheetData');
          this.inRow = false;
          this.rowCloses();
        }
        return;
      case 9:
        if (isName(b, ns, ne, 'sheetData')) this.inRows = false;
        return;
    }
  }

  private rowCloses(): void {
    const cells = this.cells.take(this.maxColumns);
    if (this.hiddenRows.has(this.rowNumber)) return;
    if (this.rows.length % 4096 === 0) {
      const late = this.deadline.over();
      if (late) throw new Late(late);
    }
    if (cells.length) this.rows.push({ number: this.rowNumber, cells });
  }

  private cellCloses(): void {
    this.inCell = false;
    this.sink = Sink.None;
    if (this.col < 0) throw new Error('a cell without a reference');
    const col = this.col;
    // The cell's style (s="0" or none: the row's), looked up for every cell as exceljs did (and failed on as it did).
    const own = this.style ? this.st.styles.getStyleModel(this.style) : null;
    if (this.formula) {
      // A formula reads as its cached result: text for t="str", else a number (parseFloat, as exceljs); a result
      // of 0, NaN or '' read as no value where the formula had text (exceljs's formula value kept truthy fields only).
      const v = this.hasValue ? (this.type === 'str' ? exceljsUtils.xmlDecode(this.valueText()) : parseFloat(this.valueText())) : null;
      this.cells.set(col, this.formulaText && !v ? null : typeof v === 'string' ? textCell(v) : v, true);
      return;
    }
    if (!this.hasValue) return;
    switch (this.type) {
      case 's': {
        const i = this.parts === 1 && this.vPlain ? intAt(this.buf, this.vs, this.ve) : parseInt(this.valueText(), 10);
        const shared = this.st.shared;
        // Without a shared-string table exceljs kept the index as an object; the cell holds no text.
        this.cells.set(col, shared ? (shared.value[i] ?? null) : null, shared ? shared.present[i] === true : false);
        return;
      }
      case 'inlineStr':
      case 'str':
        this.cells.set(col, textCell(exceljsUtils.xmlDecode(this.valueText())), true);
        return;
      case 'e':
        this.cells.set(col, null, true);
        return;
      case 'b':
        this.cells.set(col, parseInt(this.valueText(), 10) !== 0 ? '是' : '否', true);
        return;
      default: {
        const n = parseFloat(this.valueText());
        const fmt = own ? own.numFmt : this.rowFmt;
        if (exceljsUtils.isDateFmt(fmt)) this.cells.set(col, exceljsUtils.excelToDate(n, this.date1904).toISOString().slice(0, 10), true);
        else this.cells.set(col, n, true);
      }
    }
  }
}

/** parseInt(text, 10) on an ASCII range without building the string. */
function intAt(b: Buffer, s: number, e: number): number {
  let i = s;
  while (i < e && isSpace(b[i]!)) i++;
  let sign = 1;
  if (b[i] === 0x2d || b[i] === 0x2b) {
    if (b[i] === 0x2d) sign = -1;
    i++;
  }
  const start = i;
  let n = 0;
  while (i < e && b[i]! >= 0x30 && b[i]! <= 0x39 && i - start < 15) n = n * 10 + b[i++]! - 0x30;
  if (i === start) return NaN;
  // Longer digit runs: let parseInt decide, exactly as before.
  if (i < e && b[i]! >= 0x30 && b[i]! <= 0x39) return parseInt(b.toString('latin1', s, e), 10);
  return sign * n;
}

/** A `t` attribute's value: the usual ones without building a string. */
function typeAt(b: Buffer, s: number, e: number): string {
  if (e - s === 1) {
    if (b[s] === 0x73) return 's';
    if (b[s] === 0x6e) return 'n';
    if (b[s] === 0x62) return 'b';
    if (b[s] === 0x65) return 'e';
  }
  if (isName(b, s, e, 'str')) return 'str';
  if (isName(b, s, e, 'inlineStr')) return 'inlineStr';
  return b.toString('latin1', s, e);
}

/** columnOf on an ASCII range. */
function columnAt(b: Buffer, s: number, e: number): number {
  let col = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) hasRow = true;
    else if (hasRow && hasCol && c !== 36) break;
  }
  if (!hasCol || col > 16_384) throw new Error(`invalid cell reference ${b.toString('latin1', s, e)}`);
  return col;
}

/** The column (1-based) of a cell reference, by exceljs's colCache.decodeAddress rules. */
function columnOf(ref: string): number {
  let col = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) hasRow = true;
    else if (hasRow && hasCol && c !== 36) break;
  }
  if (!hasCol || col > 16_384) throw new Error(`invalid cell reference ${ref}`);
  return col;
}

function readSheet(bytes: Buffer, no: string, st: BookState, deadline: Deadline, maxColumns: number): XlsxSheet | string {
  const rel = (st.rels ?? []).find((r) => r.Target === `worksheets/sheet${no}.xml`);
  // As the streaming reader: a rel without workbook.xml read yet fails (its sheets looked up on no model).
  if (rel && !st.book?.model) throw new Error('worksheet before workbook.xml');
  const sheet = rel ? (st.book!.model!.sheets ?? []).find((s) => s.rId === rel.Id) : undefined;
  const hidden = hiddenParts(bytes);
  const scan = new SheetScan(bytes, st, hidden.rows, deadline, maxColumns);
  try {
    scan.run();
  } catch (e) {
    if (e instanceof Late) return e.reason;
    throw e;
  }
  return { name: sheet ? sheet.name : `Sheet${no}`, rows: scan.rows, hiddenColumns: hidden.columns };
}
