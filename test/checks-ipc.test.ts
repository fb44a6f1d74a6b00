// The 审核 / 情况说明 / disclosure channels over a real SQLite file, and the two-print PDF path the
// Electron app uses (HTML from the engine, printed by Chromium, 目录 pages read back, printed again).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openChromiumPrinter, pdfDestinationPages } from '../core/export/pdf';
import { importedBudgetFile, useTestEngine } from './helpers/engine';

const fx = useTestEngine({ setup: importedBudgetFile() });
const { value } = fx;
const budget = { dept: '711', year: 2025 };

describe('checks channels', () => {
  it('checks.run passes the reference and reports a broken line after an edit', async () => {
    const ok = await value('checks.run', { budget });
    expect(ok.summary).toEqual({ errors: 0, hints: 0, text: '审核通过，未发现问题' });
    expect(ok.rules.length).toBeGreaterThan(20);
    await value('narrative.set', { budget, narrative: { duties: [], performanceGoals: ['×××'], changeReasons: { basic: 'a', project: 'b' }, other: '' } });
    const bad = await value('checks.run', { budget });
    expect(bad.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['narrative.duties-missing', 'narrative.placeholder']));
    expect(bad.summary.errors).toBeGreaterThan(0);
  });

  it('narrative.document is JSON-safe and carries the printed figures', async () => {
    const doc = await value('narrative.document', { budget });
    expect(doc.sections).toHaveLength(11);
    expect(doc.figures['expense.basic']).toEqual({ key: 'expense.basic', label: '基本支出', fen: '47232550', wan: '47.23' });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('disclosure.html printed twice gives a PDF whose 目录 has the real page numbers', async () => {
    const first = await value('disclosure.html', { budget });
    expect(first.fileName).toBe('711工会部门2025年部门预算公开.pdf');
    const printer = await openChromiumPrinter();
    try {
      const pages = pdfDestinationPages(await printer.print(first.html));
      expect(Object.keys(pages).sort()).toEqual([...first.anchors].sort());
      const second = await value('disclosure.html', { budget, pages });
      const out = fx.tmp.file('app.pdf');
      writeFileSync(out, await printer.print(second.html));
      // -layout keeps each 目录 row on one line: title, dot leader, page number.
      const toc = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', out, '-'], { encoding: 'utf8' });
      expect(toc).toMatch(/目\s*录/);
      expect(toc).toMatch(new RegExp(`一、部门职责及机构设置情况\\D*${pages['sec-duties']}\\s*\\n`));
      expect(toc).toMatch(new RegExp(`部门预算一般公共预算财政拨款基本支出表\\D*${pages['table-general-basic']}\\s*\\n`));
    } finally {
      await printer.close();
    }
  });
});
