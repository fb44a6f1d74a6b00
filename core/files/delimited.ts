// The one CSV/TSV reader (明细表 and 科目表): decoded and parsed a megabyte at a time, refused by records,
// fields per record and characters per field WHILE reading — a 48 MB file of junk lines stops at the row limit,
// a line of ten million columns at the column limit, a 60 MB field at the cell limit, none read to its end.
// Encoding: a BOM (UTF-8, UTF-16), else UTF-8 when every byte is valid UTF-8, else GB18030 (a superset of the
// GBK that Excel on Chinese Windows writes); bytes that are not GB18030 either name their row.
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { Deadline, MAX_CELL_CHARS, MAX_COLUMNS, sizeProblem, type ReadLimits } from './guard';

type TextEncodingName = 'UTF-8' | 'UTF-16' | 'GB18030';
type DelimitedResult = { ok: true; encoding: TextEncodingName } | { ok: false; reason: string };

const CHUNK = 1 << 20;

interface Decoder {
  write(b: Buffer): string;
  end(): string;
}

function decoderFor(data: Buffer): { decoder: Decoder; start: number; encoding: TextEncodingName } {
  const td = (label: string): Decoder => {
    const d = new TextDecoder(label);
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  };
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { decoder: td('utf-8'), start: 3, encoding: 'UTF-8' };
  if (data[0] === 0xff && data[1] === 0xfe) return { decoder: td('utf-16le'), start: 2, encoding: 'UTF-16' };
  if (data[0] === 0xfe && data[1] === 0xff) return { decoder: td('utf-16be'), start: 2, encoding: 'UTF-16' };
  if (isUtf8(data)) return { decoder: td('utf-8'), start: 0, encoding: 'UTF-8' };
  const d = iconv.getDecoder('gb18030');
  return { decoder: { write: (b) => d.write(b), end: () => d.end() ?? '' }, start: 0, encoding: 'GB18030' };
}

/**
 * Reads every record of a delimited file into `onRecord(cells, line)` (line: the record's first line number);
 * `pickDelimiter` sees the first decoded megabyte. Stops with the reason at the first limit passed.
 */
export function readDelimited(
  data: Uint8Array,
  limits: ReadLimits,
  pickDelimiter: (head: string) => string,
  onRecord: (cells: string[], line: number) => void,
): DelimitedResult {
  const size = sizeProblem(data, limits);
  if (size) return { ok: false, reason: size };
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const { decoder, start, encoding } = decoderFor(bytes);
  const deadline = new Deadline(limits);
  let parser: DelimitedParser | null = null;
  const take = (text: string): string | null => {
    parser ??= new DelimitedParser(pickDelimiter(text), limits, (cells, line) => {
      // Not GB18030 either: the decoder put U+FFFD where the bytes made no character. Name the row.
      if (encoding === 'GB18030' && cells.some((c) => c.includes('\uFFFD'))) {
        return `${limits.file}第 ${line} 行有无法识别的字符（文件编码无法识别：既不是有效的 UTF-8 也不是有效的 GBK），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入`;
      }
      onRecord(cells, line);
      return null;
    });
    return parser.push(text) ?? deadline.over();
  };
  for (let at = start; at < bytes.length; at += CHUNK) {
    const why = take(decoder.write(bytes.subarray(at, Math.min(bytes.length, at + CHUNK))));
    if (why) return { ok: false, reason: why };
  }
  const why = take(decoder.end()) ?? parser!.end();
  return why ? { ok: false, reason: why } : { ok: true, encoding };
}

/** RFC 4180-style, fed in pieces: quoted fields may hold the delimiter, "" and line breaks. */
class DelimitedParser {
  private cells: string[] = [];
  private field = '';
  private quoted = false;
  private atFieldStart = true;
  private line = 1;
  private recordLine = 1;
  private records = 0;
  /** A last character whose meaning depends on the next ('\r' before '\n', '"' before '"'). */
  private carry = '';
  constructor(
    private readonly delim: string,
    private readonly limits: ReadLimits,
    private readonly onRecord: (cells: string[], line: number) => string | null,
  ) {}

  push(chunk: string): string | null {
    const text = this.carry + chunk;
    this.carry = '';
    const last = text.length - 1;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (i === last && (ch === '\r' || ch === '"')) {
        this.carry = ch;
        break;
      }
      if (this.quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else this.quoted = false;
        } else {
          if (ch === '\n') this.line++;
          this.field += ch;
        }
        if (this.field.length > MAX_CELL_CHARS) return this.longField();
        continue;
      }
      if (ch === '"' && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
        continue;
      }
      if (ch === this.delim) {
        const why = this.endField();
        if (why) return why;
        continue;
      }
      if (ch === '\r' && text[i + 1] === '\n') continue;
      if (ch === '\n' || ch === '\r') {
        const why = this.endRecord();
        if (why) return why;
        this.line++;
        this.recordLine = this.line;
        continue;
      }
      this.field += ch;
      if (this.field.length > MAX_CELL_CHARS) return this.longField();
      if (ch !== ' ' && ch !== '\t') this.atFieldStart = false;
    }
    return null;
  }

  end(): string | null {
    if (this.carry) {
      const c = this.carry;
      this.carry = '';
      // Alone at the very end: a closing quote, or a line break.
      if (c === '"' && this.quoted) this.quoted = false;
      else if (c === '\r') return this.endRecord();
      else this.field += c;
    }
    if (this.field !== '' || this.cells.length) return this.endRecord();
    return null;
  }

  private endField(): string | null {
    this.cells.push(this.field);
    this.field = '';
    this.atFieldStart = true;
    return this.cells.length >= MAX_COLUMNS ? `${this.limits.file}第 ${this.recordLine} 行的列数过多（超过 ${MAX_COLUMNS} 列），已停止读取` : null;
  }

  private endRecord(): string | null {
    this.cells.push(this.field);
    if (++this.records > this.limits.maxRows) return `${this.limits.file}行数过多（超过 ${this.limits.maxRows} 行），${this.limits.rowLimit}，已停止读取`;
    const why = this.onRecord(this.cells, this.recordLine);
    this.cells = [];
    this.field = '';
    this.atFieldStart = true;
    return why;
  }

  private longField(): string {
    return `${this.limits.file}第 ${this.recordLine} 行有一格超过 ${MAX_CELL_CHARS} 个字符，已停止读取`;
  }
}
