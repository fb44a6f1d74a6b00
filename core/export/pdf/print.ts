// Printing the disclosure HTML to PDF with a headless Chromium (playwright-core drives the system
// browser; nothing is downloaded). Two prints: the first tells, through the PDF's named
// destinations, on which page each 目录 entry landed; the second fills those numbers in. The same
// `renderDisclosurePdf` works with any Chromium printer, e.g. Electron's webContents.printToPDF.
import { existsSync } from 'node:fs';
import { disclosureHtmlFromModel, disclosureModel, PDF_FOOTER_TEMPLATE, type DisclosureInput, type DisclosureModel } from './html';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export class ChromiumNotFoundError extends Error {}

/** CHROMIUM_PATH, else the usual system locations. Throws a Chinese message when none exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new ChromiumNotFoundError(`环境变量 CHROMIUM_PATH 指向的浏览器不存在：${configured}。请改为 Chromium 或 Google Chrome 可执行文件的路径。`);
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new ChromiumNotFoundError(
    `未找到 Chromium 浏览器，无法生成 PDF。已查找：${CHROMIUM_CANDIDATES.join('、')}。请安装 Chromium（如 apt-get install chromium），或用环境变量 CHROMIUM_PATH 指定浏览器路径。`,
  );
}

/** Prints one HTML document to PDF bytes. */
export type PrintHtml = (html: string) => Promise<Uint8Array>;

export interface PdfPrinter {
  print: PrintHtml;
  close(): Promise<void>;
}

/** Options shared by every printer so the CLI and the app produce the same pages. */
export const PRINT_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: '<div></div>',
  footerTemplate: PDF_FOOTER_TEMPLATE,
} as const;

/** A headless Chromium (playwright-core) that prints HTML strings; close() it when done. */
export async function openChromiumPrinter(executablePath: string = findChromium()): Promise<PdfPrinter> {
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (e) {
    throw new Error(`无法启动浏览器 ${executablePath} 生成 PDF：${(e as Error).message.split('\n')[0]}`);
  }
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  const page = await context.newPage();
  return {
    async print(html) {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ ...PRINT_OPTIONS, format: 'A4' });
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * The 1-based page of every named destination of a Chromium PDF. Chromium writes one named
 * destination per link target (`<a href="#id">` → `/id [page 0 R /XYZ …]` in the catalog's /Dests)
 * and plain page-tree dictionaries, so the 目录's own links tell where each entry landed.
 */
export function pdfDestinationPages(pdf: Uint8Array): Record<string, number> {
  const text = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const stream = body.indexOf('stream');
    objects.set(Number(m[1]), stream >= 0 ? body.slice(0, stream) : body);
  }
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o));
  const rootRef = catalog && /\/Pages\s+(\d+) 0 R/.exec(catalog);
  const destsRef = catalog && /\/Dests\s+(\d+) 0 R/.exec(catalog);
  if (!rootRef || !destsRef) return {};
  const order = new Map<number, number>();
  const walk = (num: number, depth: number) => {
    const o = objects.get(num);
    if (!o || depth > 50) return;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o);
    if (/\/Type\s*\/Pages/.test(o) && kids) {
      for (const k of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else order.set(num, order.size + 1);
  };
  walk(Number(rootRef[1]), 0);
  const out: Record<string, number> = {};
  const dests = objects.get(Number(destsRef[1])) ?? '';
  for (const m of dests.matchAll(/\/([^\s/\[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const name = m[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const page = order.get(Number(m[2]));
    if (page !== undefined) out[name] = page;
  }
  return out;
}

/** The page each 目录 entry starts on: print once and read where the 目录's links point. */
export async function paginate(m: DisclosureModel, print: PrintHtml): Promise<Record<string, number>> {
  return pdfDestinationPages(await print(disclosureHtmlFromModel(m, { pages: 'placeholder' })));
}

/** The finished disclosure PDF: pagination pass, then the whole document with page numbers in the 目录. */
export async function renderDisclosurePdf(input: DisclosureInput, print: PrintHtml): Promise<Uint8Array> {
  const m = disclosureModel(input);
  const pages = await paginate(m, print);
  return print(disclosureHtmlFromModel(m, { pages }));
}

/** CLI convenience: find Chromium, print, close. */
export async function exportDisclosurePdf(input: DisclosureInput, executablePath?: string): Promise<Uint8Array> {
  const printer = await openChromiumPrinter(executablePath ?? findChromium());
  try {
    return await renderDisclosurePdf(input, printer.print);
  } finally {
    await printer.close();
  }
}
