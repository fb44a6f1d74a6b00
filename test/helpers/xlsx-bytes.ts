// Shared by the catalog-import tests: workbooks built with exceljs as bytes, and a minimal zip writer so
// that archives (zip bombs, lying directories) can declare whatever the test wants.
import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';

/** Every cell of every worksheet of a workbook file, as exceljs reads it back. */
export async function workbookCells(path: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, JSON.parse(JSON.stringify(ws.getSheetValues()))]));
}

export async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** One archive member: `data` is what it inflates to; `payload` replaces the stored bytes, `declaredSize` the
 *  uncompressed size the directory states; method 0 stores, 8 (default) deflates. */
export interface ZipPart {
  name: string;
  data: Uint8Array;
  method?: 0 | 8;
  declaredSize?: number;
  payload?: Uint8Array;
}

export function zip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const method = p.method ?? 8;
    const body = Buffer.from(p.payload ?? (method === 8 ? deflateRawSync(p.data) : p.data));
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? p.data.byteLength;
    const crc = crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.byteLength, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.byteLength, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += local.byteLength + name.byteLength + body.byteLength;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cdBuf.byteLength, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cdBuf, eocd]));
}
