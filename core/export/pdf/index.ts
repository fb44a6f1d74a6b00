export { buildDisclosureHtml } from './html';
export { findChromium, openChromiumPrinter, exportDisclosurePdf, pdfDestinationPages, ChromiumNotFoundError } from './print';
