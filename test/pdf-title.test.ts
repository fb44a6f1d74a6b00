// Long headings of the disclosure PDF wrap between phrases, never inside a word (the clerk saw
// `…信息公 / 开情况说明`): the real CLI prints a department with a long name through Chromium, and
// pdftotext reads the lines back.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fixtureDoc } from './helpers/fixture';
import { useCli } from './helpers/cli';

const fx = useCli();
const LONG_NAME = '中华全国总工会某某省总工会机关事务管理服务中心';

/** The text lines of page `n`, white space inside a line removed. */
function pageLines(pdf: string, n: number): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean);
}

/** Where `heading` may be broken: after the department name and before a phrase. */
function allowedBreaks(heading: string): Set<number> {
  const at = new Set<number>([heading.indexOf(LONG_NAME) + LONG_NAME.length]);
  for (const phrase of ['部门预算', '信息公开', '情况说明', '公开表']) {
    for (let i = heading.indexOf(phrase); i >= 0; i = heading.indexOf(phrase, i + 1)) at.add(i);
  }
  return at;
}

/** The lines starting at `first` that together spell `heading`, and the offsets where they break. */
function breaksOf(lines: string[], heading: string): number[] {
  const first = lines.findIndex((l) => heading.startsWith(l) && l.length >= 4);
  expect(first, `“${heading}” not found in ${JSON.stringify(lines.slice(0, 8))}`).toBeGreaterThanOrEqual(0);
  const breaks: number[] = [];
  let got = '';
  for (let i = first; got.length < heading.length; i++) {
    got += lines[i]!;
    if (got.length < heading.length) breaks.push(got.length);
  }
  expect(got).toBe(heading);
  return breaks;
}

describe('PDF headings', () => {
  test('a long 情况说明 title wraps after the department name, not inside 信息公开', () => {
    const doc = fixtureDoc();
    doc.department.name = LONG_NAME;
    const file = fx.tmp.file('long.budget.json');
    writeFileSync(file, JSON.stringify(doc));
    const db = fx.tmp.file('long.db');
    expect(fx.budget('import', file, '--db', db).code).toBe(0);
    const pdf = fx.tmp.file('long.pdf');
    const r = fx.budget('export', db, '--year', '2025', '--pdf', pdf);
    expect(r.err).toBe('');

    const title = `${LONG_NAME}2025年部门预算信息公开情况说明`;
    const page3 = pageLines(pdf, 3);
    expect(page3[0]).toBe('第一部分');
    const titleBreaks = breaksOf(page3, title);
    expect(titleBreaks.length).toBeGreaterThan(0); // too long for one line: it does wrap
    for (const b of titleBreaks) expect(allowedBreaks(title).has(b), `break at ${b}: ${title.slice(0, b)} / ${title.slice(b)}`).toBe(true);
    // The 目录 lists the same title; it may wrap only at the same places.
    const toc = pageLines(pdf, 2);
    const tocLabel = `第一部分${title}`;
    for (const b of breaksOf(toc, tocLabel)) expect(allowedBreaks(tocLabel).has(b), `目录 break at ${tocLabel.slice(0, b)} / ${tocLabel.slice(b)}`).toBe(true);
  }, 120_000);
});
