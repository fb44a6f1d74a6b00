export { buildDisclosureHtml, disclosureModel, disclosureHtmlFromModel, esc, PDF_FOOTER_TEMPLATE } from './html';
export type { DisclosureInput, DisclosureModel, HtmlOptions, TocEntry } from './html';
export {
  findChromium, openChromiumPrinter, renderDisclosurePdf, exportDisclosurePdf, paginate, countPdfPages, pdfDestinationPages,
  ChromiumNotFoundError, PRINT_OPTIONS, CHROMIUM_CANDIDATES,
} from './print';
export type { PrintHtml, PdfPrinter } from './print';
