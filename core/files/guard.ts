// The one guard every workbook the app reads passes before a parser sees it (明细表, 科目表, 上年公开表, and
// later the bureau's 控制数): file size, the zip directory (declared sizes, ratios), then EVERY part inflated as
// a stream and scanned on its bytes — rows, cells per row, all cells, the longest text or attribute — and
// the clock. Every part, not only those with a standard name: exceljs parses `xl/worksheets/sheet1.xml.bak`
// as a sheet (its name rule is an unanchored pattern), so the guard does not guess which parts the parser
// will read. Limits are by shape, not by absolute size: a genuine 300,000-row sheet (88 MB of XML) passes,
// a bomb or a junk part is refused after at most its limit's worth of bytes.
import { createInflateRaw } from 'node:zlib';
import { inspectZip, mb, type ZipEntryInfo } from './zip';

/** Excel's own limits: columns of a sheet, characters of a cell. Nothing genuine exceeds them. */
export const MAX_COLUMNS = 16_384;
export const MAX_CELL_CHARS = 32_767;
/** Bytes between two tags: a cell's text at up to 4 UTF-8 bytes a character, plus its markup. */
const MAX_RUN_BYTES = MAX_CELL_CHARS * 4 + 4096;

export interface ReadLimits {
  /** The file as the clerk knows it, for messages: 文件“a.xlsx”. */
  file: string;
  maxBytes: number;
  /** Rows of one sheet part (CSV: records). */
  maxRows: number;
  /** How a refusal names the row limit (明细表最多 500000 行). */
  rowLimit: string;
  /** Cells in all sheet parts together. */
  maxCells: number;
  /** A workbook's declared unpacked size. */
  maxUnpacked: number;
  /** Wall-clock budget of the whole read, guard and parser. */
  timeMs: number;
}

/** The clock of one read: the guard and the parser ask it as they go. */
export class Deadline {
  private readonly end: number;
  constructor(private readonly limits: Pick<ReadLimits, 'file' | 'timeMs'>) {
    this.end = Date.now() + limits.timeMs;
  }
  /** The refusal once the time is up, else null. */
  over(): string | null {
    return Date.now() > this.end
      ? `${this.limits.file}读取超时（超过 ${Math.round(this.limits.timeMs / 1000)} 秒），已停止读取；请检查文件是否过大或已损坏`
      : null;
  }
}

export function sizeProblem(data: Uint8Array, limits: ReadLimits): string | null {
  if (data.byteLength === 0) return `${limits.file}是空的`;
  if (data.byteLength > limits.maxBytes) return `${limits.file}过大（${mb(data.byteLength)}，最多 ${mb(limits.maxBytes)}）`;
  return null;
}

/** Null when the workbook may be handed to the parser, else the reason (Chinese, naming the file). */
export async function guardWorkbook(data: Uint8Array, limits: ReadLimits, deadline = new Deadline(limits)): Promise<string | null> {
  const r = await guardWorkbookParts(data, limits, deadline, () => false);
  return r.ok ? null : r.reason;
}

/** A part the guard inflated and passed, kept for the parser so that nothing is inflated twice. */
export interface InflatedPart {
  entry: ZipEntryInfo;
  bytes: Buffer;
}

/**
 * The guard, keeping the inflated bytes of the parts `keep` names (every part is still inflated and scanned):
 * the parser reads those bytes instead of inflating the parts again.
 */
export async function guardWorkbookParts(
  data: Uint8Array,
  limits: ReadLimits,
  deadline: Deadline,
  keep: (name: string) => boolean,
): Promise<{ ok: true; parts: InflatedPart[] } | { ok: false; reason: string }> {
  const refuse = (why: string) => ({ ok: false as const, reason: `${limits.file}${why}` });
  const size = sizeProblem(data, limits);
  if (size) return { ok: false, reason: size };
  const zip = inspectZip(data, limits.maxUnpacked);
  if (!zip.ok) return refuse(zip.reason);
  const scan = new PartScanner(limits);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const parts: InflatedPart[] = [];
  for (const e of zip.entries) {
    if (view.getUint32(e.localHeaderOffset, true) !== 0x04034b50) return refuse(`不是有效的 .xlsx 文件（“${e.name}”的本地文件头损坏）`);
    const start = e.localHeaderOffset + 30 + view.getUint16(e.localHeaderOffset + 26, true) + view.getUint16(e.localHeaderOffset + 28, true);
    if (start + e.compressedSize > data.byteLength) return refuse(`不是有效的 .xlsx 文件（“${e.name}”的数据超出文件范围）`);
    const out = keep(e.name) ? Buffer.allocUnsafe(e.uncompressedSize) : null;
    const why = await scanEntry(data.subarray(start, start + e.compressedSize), e, scan, deadline, out);
    if (why) return refuse(why);
    if (out) parts.push({ entry: e, bytes: out });
  }
  return { ok: true, parts };
}

/** Inflates and scans one part; `out` (its declared size), when given, receives the inflated bytes. */
async function scanEntry(body: Uint8Array, e: ZipEntryInfo, scan: PartScanner, deadline: Deadline, out: Buffer | null): Promise<string | null> {
  scan.startPart(e.name);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) return `不是有效的 .xlsx 文件（“${e.name}”的大小不一致）`;
    const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    out?.set(bytes);
    return scan.feed(bytes);
  }
  const inflater = createInflateRaw({ chunkSize: 1 << 20 });
  inflater.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  let n = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      // The directory can lie: more bytes than declared is a bomb, caught having inflated at most one chunk more.
      if (n + chunk.byteLength > e.uncompressedSize) return `“${e.name}”解压后超过其声明的大小（${mb(e.uncompressedSize)}），疑似压缩炸弹，已拒绝读取`;
      out?.set(chunk, n);
      n += chunk.byteLength;
      const why = scan.feed(chunk) ?? deadline.over();
      if (why) return why;
    }
  } catch {
    return `不是有效的 .xlsx 文件（“${e.name}”无法解压）`;
  } finally {
    inflater.destroy();
  }
  if (n !== e.uncompressedSize) return `不是有效的 .xlsx 文件（“${e.name}”解压后的大小与声明不符）`;
  return null;
}

const LT = 0x3c;
const isNameEnd = (c: number) => c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Counts, on the raw bytes of one part after another, the elements `row` and `c` (any namespace prefix) and
 * the longest stretch without a tag. A tag name split across two chunks is carried over.
 */
class PartScanner {
  private rows = 0;
  private cellsInRow = 0;
  private cells = 0;
  private pos = 0;
  private lastTag = 0;
  private name: number[] | null = null;
  private part = '';
  constructor(private readonly limits: ReadLimits) {}

  startPart(name: string): void {
    this.part = name;
    this.rows = 0;
    this.cellsInRow = 0;
    this.pos = 0;
    this.lastTag = 0;
    this.name = null;
  }

  feed(buf: Buffer): string | null {
    let i = 0;
    if (this.name) {
      i = this.readName(buf, 0);
      if (i < 0) return this.tooLongRun(buf.length);
      const why = this.tag();
      if (why) return why;
    }
    const len = buf.length;
    for (;;) {
      // A loop, not indexOf: tags are a few bytes apart, and the call cost more than the search.
      let lt = i;
      while (lt < len && buf[lt] !== LT) lt++;
      if (lt >= len) break;
      if (this.pos + lt - this.lastTag > MAX_RUN_BYTES) return this.runRefusal();
      this.lastTag = this.pos + lt;
      // The name read in place; only one cut by the chunk's end is carried over.
      let j = lt + 1;
      while (j < len && !isNameEnd(buf[j]!) && j - lt - 1 < 32) j++;
      if (j >= len) {
        this.name = Array.from(buf.subarray(lt + 1, j));
        break;
      }
      const why = this.tagAt(buf, lt + 1, j);
      if (why) return why;
      i = j;
    }
    return this.tooLongRun(len);
  }

  /** After the chunk: the stretch since the last tag already too long (a 60 MB string is refused at 128 KB). */
  private tooLongRun(len: number): string | null {
    this.pos += len;
    return this.pos - this.lastTag > MAX_RUN_BYTES ? this.runRefusal() : null;
  }

  private runRefusal(): string {
    return `“${this.part}”中有超长的文字（一个单元格最多 ${MAX_CELL_CHARS} 个字符），不是正常的工作簿，已拒绝读取`;
  }

  /** Appends name bytes from `at`; the index after the name, or -1 when the chunk ended inside it. */
  private readName(buf: Buffer, at: number): number {
    const name = this.name!;
    let j = at;
    while (j < buf.length && !isNameEnd(buf[j]!) && name.length < 32) name.push(buf[j++]!);
    if (j >= buf.length) return -1;
    return j;
  }

  private tag(): string | null {
    const name = Buffer.from(this.name!);
    this.name = null;
    return this.tagAt(name, 0, name.length);
  }

  /** Counts the tag whose name is bytes [s, e). */
  private tagAt(buf: Buffer, s: number, e: number): string | null {
    let local = s;
    for (let k = e - 1; k >= s; k--) {
      if (buf[k] === 0x3a) {
        local = k + 1;
        break;
      }
    }
    const n = e - local;
    if (n === 3 && buf[local] === 0x72 && buf[local + 1] === 0x6f && buf[local + 2] === 0x77) {
      // row
      this.cellsInRow = 0;
      if (++this.rows > this.limits.maxRows) return `“${this.part}”中工作表行数过多（超过 ${this.limits.maxRows} 行），${this.limits.rowLimit}，已停止读取`;
    } else if (n === 1 && buf[local] === 0x63) {
      // c: a cell
      if (++this.cellsInRow > MAX_COLUMNS) return `工作表“${this.part}”的一行中有超过 ${MAX_COLUMNS} 个单元格，不是正常的工作簿，已拒绝读取`;
      if (++this.cells > this.limits.maxCells) return `单元格过多（超过 ${this.limits.maxCells} 个），${this.limits.rowLimit}，已停止读取`;
    }
    return null;
  }
}
