// The zip central directory of an .xlsx, checked before anything is inflated: declared sizes, compression
// ratios, ZIP64, encryption. core/files/guard.ts then inflates and scans every part.

/** Zip-bomb guard for .xlsx, checked on the zip central directory before anything is expanded. */
export const MAX_XLSX_ENTRIES = 1_000;
/** The default cap on a workbook's declared unpacked size (catalogs, prior-year workbooks); sheets pass their own. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
export const MAX_XLSX_COMPRESSION_RATIO = 100;
/** Entries smaller than this may have any ratio (tiny XML parts compress extremely well and are harmless). */
export const XLSX_RATIO_EXEMPT_BYTES = 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Reads the zip central directory and refuses archives that would expand too far — using only the sizes
 * the archive declares, so nothing is inflated. Returns the entries or the reason for refusal.
 */
export function inspectZip(data: Uint8Array, maxUnpacked = MAX_XLSX_UNCOMPRESSED_BYTES): { ok: true; entries: ZipEntryInfo[] } | { ok: false; reason: string } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const bad = (why: string) => ({ ok: false as const, reason: `不是有效的 .xlsx 文件（${why}）` });
  if (data.byteLength < 22) return bad('文件过短');
  let eocd = -1;
  for (let o = data.byteLength - 22; o >= Math.max(0, data.byteLength - 22 - 0xffff); o--) {
    if (u32(o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) return bad('找不到压缩包目录');
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || (eocd >= 20 && u32(eocd - 20) === 0x07064b50)) {
    return { ok: false, reason: '文件使用 ZIP64 格式（超大压缩包），已拒绝读取' };
  }
  if (count > MAX_XLSX_ENTRIES) return { ok: false, reason: `压缩包内文件过多（${count} 个，最多 ${MAX_XLSX_ENTRIES} 个），已拒绝读取` };
  if (cdOffset + cdSize > eocd) return bad('压缩包目录位置错误');
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let totalCompressed = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(p) !== 0x02014b50) return bad('压缩包目录损坏');
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const compressedSize = u32(p + 20);
    const uncompressedSize = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const localHeaderOffset = u32(p + 42);
    const name = new TextDecoder().decode(data.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) return { ok: false, reason: '工作簿已加密，请先在 Excel 中取消密码再导入' };
    if (method !== 0 && method !== 8) return bad(`“${name}”使用了不支持的压缩方式 ${method}`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) return { ok: false, reason: '文件使用 ZIP64 格式（超大压缩包），已拒绝读取' };
    if (localHeaderOffset + 30 > data.byteLength || compressedSize > data.byteLength) return bad(`“${name}”的位置或大小超出文件范围`);
    total += uncompressedSize;
    totalCompressed += compressedSize;
    if (uncompressedSize > maxUnpacked || total > maxUnpacked) {
      return { ok: false, reason: `解压后过大（声明 ${mb(total)}，最多 ${mb(maxUnpacked)}），疑似压缩炸弹，已拒绝读取` };
    }
    if (uncompressedSize > XLSX_RATIO_EXEMPT_BYTES && uncompressedSize > compressedSize * MAX_XLSX_COMPRESSION_RATIO) {
      return {
        ok: false,
        reason: `“${name}”压缩比异常（${Math.round(uncompressedSize / Math.max(1, compressedSize))} 倍，最多 ${MAX_XLSX_COMPRESSION_RATIO} 倍），疑似压缩炸弹，已拒绝读取`,
      };
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
  }
  if (total > XLSX_RATIO_EXEMPT_BYTES && total > totalCompressed * MAX_XLSX_COMPRESSION_RATIO) {
    return {
      ok: false,
      reason: `整体压缩比异常（${Math.round(total / Math.max(1, totalCompressed))} 倍，最多 ${MAX_XLSX_COMPRESSION_RATIO} 倍），疑似压缩炸弹，已拒绝读取`,
    };
  }
  return { ok: true, entries };
}

/** A size for messages ("0.50 MB", "64.0 MB"). */
export function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;
}
