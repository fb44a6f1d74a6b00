// Print stylesheet of the disclosure: A4, 宋体-like body, 黑体-like headings, ruled tables whose
// header rows (thead) Chromium repeats on every page; wide tables on landscape pages.
export const DISCLOSURE_CSS = `
@page { size: A4 portrait; margin: 16mm 16mm 16mm 16mm; }
@page wide { size: A4 landscape; margin: 14mm 14mm 14mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
  font-size: 11.5pt; line-height: 1.75; }
h1, h2, h3, .part-label, .cover, .toc-title, th, .caption, .embedded-title, .block-title, figcaption {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", "Microsoft YaHei", sans-serif; }
/* Headings wrap between phrases only (escape.ts headingHtml puts the break opportunities), on balanced lines. */
h1, h2, .cover-dept, .cover-title, .toc-label { word-break: keep-all; overflow-wrap: anywhere; text-wrap: balance; }
.toc-label { text-wrap: wrap; }
.nw { white-space: nowrap; }
.part { break-before: page; }
.part:first-child { break-before: auto; }
.wide { page: wide; }
p { margin: 0 0 0.35em; text-indent: 2em; text-align: justify; }
h1 { font-size: 18pt; text-align: center; margin: 0.4em 0 0.8em; font-weight: 700; }
h2 { font-size: 13.5pt; margin: 0.9em 0 0.4em; font-weight: 700; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 0.5em 0 0.2em; text-indent: 2em; font-weight: 700; break-after: avoid; }
.part-label { text-align: center; font-size: 14pt; font-weight: 700; letter-spacing: 0.2em; margin-top: 0.5em; }

/* cover */
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; }
.cover-dept { font-size: 26pt; font-weight: 700; letter-spacing: 0.1em; margin-bottom: 0.6em; }
.cover-title { font-size: 30pt; font-weight: 700; letter-spacing: 0.15em; }
.cover-sub { font-size: 13pt; margin-top: 3em; color: #333; }

/* 目录 */
.toc-title { letter-spacing: 0.5em; margin-bottom: 1.2em; }
.toc { font-size: 12pt; }
.toc-row { display: flex; align-items: baseline; color: #000; text-decoration: none; line-height: 2; }
.toc-row.l1 { font-weight: 700; margin-top: 0.5em; font-family: "Noto Sans CJK SC", sans-serif; }
.toc-row.l2 { padding-left: 2em; }
.toc-dots { flex: 1; border-bottom: 1px dotted #555; margin: 0 0.4em; transform: translateY(-0.35em); }
.toc-page { min-width: 2em; text-align: right; }

/* tables */
.table-title { text-align: center; font-size: 15pt; margin: 0.2em 0 0.3em; }
table.std { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.6pt; line-height: 1.28; margin: 0 0 0.3em; }
table.std th, table.std td { border: 0.6pt solid #000; padding: 1.8pt 3pt; vertical-align: middle; word-break: break-all; overflow-wrap: anywhere; }
table.std thead { display: table-header-group; }
table.std tr { break-inside: avoid; }
table.std th { font-weight: 600; background: #eef1f5; text-align: center; }
.embedded.compact { break-inside: avoid; }
.embedded.compact table.std th { font-size: 7pt; line-height: 1.15; padding: 1pt 1pt; }
table.std tr.meta th { border: none; background: none; font-weight: 400; padding: 0 0 3pt; font-size: 9.5pt; text-align: left; white-space: nowrap; }
table.std tr.meta th.mc { text-align: center; }
table.std tr.meta th.mr { text-align: right; }
table.std tr.lanci th { background: #f7f8fa; font-weight: 400; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.serial { text-align: center; }
td.code { text-align: left; white-space: nowrap; }
tr.lv0 td { font-weight: 700; }
table.std td.ind1 { padding-left: 1.2em; }
table.std td.ind2 { padding-left: 2.4em; }
td.span { text-align: center; }
.tnote { text-indent: 0; font-size: 9.5pt; margin: 0.2em 0; }
table.form th { background: #eef1f5; }
table.form td { text-align: left; }
table.form td.num { text-align: right; }
.form-block { margin: 0.6em 0 1em; break-inside: avoid; }
.block-head { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 3pt; }
.block-title { font-weight: 700; font-size: 11pt; }
.block-head .r { font-size: 9.5pt; }
.small-table { margin: 0.4em 0 0.8em; }
.small-table .caption, .embedded-title { text-align: center; font-weight: 700; margin-bottom: 3pt; }
table.small { font-size: 10pt; }
table.small td { text-align: center; }
.embedded { margin: 0.6em 0 0.8em; }

/* chart */
figure.chart { margin: 0.6em 0 0.9em; text-align: center; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 10pt; margin-top: 2pt; }
`;
