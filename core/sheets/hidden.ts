// Hidden rows and columns of an .xlsx worksheet (spec import-sheets.md: they are never read). The sheet part's
// `<col … hidden="1">` and `<row … hidden="1">` tags are found on its inflated bytes (the guard's, core/sheets/xlsx.ts)
// by searching for `hidden=`, without parsing the XML for it.

interface HiddenParts {
  columns: Set<number>;
  rows: Set<number>;
}

/** The hidden columns (0-based) and rows (sheet numbers) of one worksheet part's XML; empty sets when none. */
export function hiddenParts(xml: Buffer): HiddenParts {
  const out: HiddenParts = { columns: new Set(), rows: new Set() };
  for (let i = xml.indexOf('hidden=', 0, 'latin1'); i !== -1; i = xml.indexOf('hidden=', i + 7, 'latin1')) {
    const open = xml.lastIndexOf(0x3c, i);
    const close = xml.indexOf(0x3e, i);
    if (open < 0 || close < 0) continue;
    const tag = xml.toString('latin1', open, close);
    if (!/\shidden=["'](1|true)["']/.test(tag)) continue;
    const name = /^<(?:\w+:)?(\w+)/.exec(tag)?.[1];
    if (name === 'row') {
      const r = /\sr=["'](\d+)["']/.exec(tag);
      if (r) out.rows.add(Number(r[1]));
    } else if (name === 'col') {
      const min = Number(/\smin=["'](\d+)["']/.exec(tag)?.[1] ?? 0);
      const max = Math.min(Number(/\smax=["'](\d+)["']/.exec(tag)?.[1] ?? min), min + 16_384);
      for (let c = min; c >= 1 && c <= max; c++) out.columns.add(c - 1);
    }
  }
  return out;
}
