// exceljs's parsers of the small workbook parts, used by core/sheets/xlsx.ts as its streaming reader used them
// (the package ships no types for its lib/ modules).
declare module 'exceljs/lib/xlsx/xform/style/styles-xform' {
  export default class StylesXform {
    init(): void;
    parseStream(chunks: Iterable<Buffer>): Promise<unknown>;
    /** The style of a cell's or row's `s`; null when the sheet names no such style. */
    getStyleModel(id: number): { numFmt?: string } | null;
  }
}
declare module 'exceljs/lib/xlsx/xform/book/workbook-xform' {
  export default class WorkbookXform {
    parseStream(chunks: Iterable<Buffer>): Promise<unknown>;
    model?: { sheets?: { id: number; name: string; rId: string }[] };
    map: { workbookPr: { model?: { date1904?: boolean } } };
  }
}
declare module 'exceljs/lib/xlsx/xform/core/relationships-xform' {
  export default class RelationshipsXform {
    parseStream(chunks: Iterable<Buffer>): Promise<{ Id: string; Target: string }[] | undefined>;
  }
}
declare module 'exceljs/lib/utils/utils' {
  const utils: {
    isDateFmt(fmt: string | undefined): boolean;
    excelToDate(v: number, date1904?: boolean): Date;
    xmlDecode(text: string): string;
  };
  export default utils;
}
