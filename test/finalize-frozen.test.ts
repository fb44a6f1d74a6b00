// 定稿 freezes a year's disclosure (issue 24 points 1–4) through the real browser-mode HTTP server over a real
// SQLite file: the finalized 2025's PDF text, budget file, 审核, 情况说明 and 往年对比 stay byte for byte the same
// while 2024 is edited, the 2025 科目表 renames a code and 2024 is deleted; 解除定稿 (with its reason) reads the
// live sources again. 定稿 with 错误 needs despiteErrors; every 定稿 and 解除定稿 is recorded.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../api/handlers';
import { startServer, type RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { FIXTURE_2024, fixture2025WithoutPrior } from './helpers/compare-years';
import { postApi, apiValue } from './helpers/http-api';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;
const b2025 = { dept: '711', year: 2025 };

const value = (channel: string, args: unknown) => apiValue(srv, channel, args);

/** Everything a clerk publishes or reads of 2025; the PDF (printed by Chromium, slow) only when asked — its
 *  source document, disclosure.html, is compared every time. */
async function published(withPdf = false) {
  const pdf = tmp.file(`p${Math.random().toString(36).slice(2)}.pdf`);
  if (withPdf) writeFileSync(pdf, Buffer.from((await value('export.pdf', { budget: b2025 })).data, 'base64'));
  return {
    pdfText: withPdf ? execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }) : '',
    html: (await value('disclosure.html', { budget: b2025 })).html as string,
    budgetFile: Buffer.from((await value('export.budgetFile', { budget: b2025 })).data, 'base64').toString('utf8'),
    checks: JSON.stringify(await value('checks.run', { budget: b2025 })),
    narrative: JSON.stringify(await value('narrative.document', { budget: b2025 })),
    tables: JSON.stringify(await value('tables.preview', { budget: b2025 })),
    compare: JSON.stringify((await value('compare.get', { budget: b2025 })).comparison),
  };
}

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('years.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 8 * 1024 * 1024 });
  await value('import.budgetFile', { fileName: '2024.budget.json', text: readFileSync(FIXTURE_2024, 'utf8') });
  await value('import.budgetFile', { fileName: '2025.budget.json', text: fixture2025WithoutPrior() });
});
afterAll(async () => {
  await srv?.close();
  engine?.close();
  tmp?.cleanup();
});

describe('a finalized year never changes', () => {
  it('2025 finalized: editing 2024, renaming a 2025 科目 and deleting 2024 leave its PDF text and budget file byte-identical', async () => {
    const live = await published();
    expect(live.html).toContain('较2024年预算');
    const errors = (await value('checks.run', { budget: b2025 })).summary.errors;
    expect((await value('years.finalize', { budget: b2025, despiteErrors: true })).errors).toBe(errors);
    // 定稿 itself changes nothing but the record it adds to the budget file.
    const justFinalized = await published();
    const { finalizeLog, ...fileBody } = JSON.parse(justFinalized.budgetFile);
    expect(finalizeLog).toEqual([expect.objectContaining({ event: '定稿', errors })]);
    expect(fileBody).toEqual(JSON.parse(live.budgetFile));
    expect({ ...justFinalized, budgetFile: '' }).toEqual({ ...live, budgetFile: '' });
    const before = await published(true);
    expect(before.pdfText).toContain('较2024年预算');

    // Last year edited: one line of 2024 + 100,000 元.
    const doc = JSON.parse(readFileSync(FIXTURE_2024, 'utf8'));
    doc.lines[0].amount = (Number(doc.lines[0].amount) + 100000).toFixed(2);
    await value('import.budgetFile', { fileName: '2024.budget.json', text: JSON.stringify(doc), replace: true });
    expect(await published()).toEqual({ ...before, pdfText: '' });

    // A 科目表 import renaming the code every 2025 line uses.
    const csv = '科目编码,科目名称\n201,一般公共服务支出\n20129,群众团体事务\n2012901,改名后的行政运行\n';
    await value('catalog.import', { year: 2025, kind: 'function', fileName: '功能科目.csv', data: Buffer.from(csv).toString('base64') });
    expect(await published()).toEqual({ ...before, pdfText: '' });
    expect(before.html).not.toContain('改名后的行政运行');

    // Last year deleted.
    await value('budgets.delete', { budget: { dept: '711', year: 2024 } });
    const after = await published(true);
    expect(after).toEqual(before);
    expect(after.pdfText).not.toContain('无上年预算数据');

    // 解除定稿 with a reason: the year reads the live sources again (2024 is gone, 2012901 renamed).
    await value('years.unfinalize', { budget: b2025, confirmed: true, reason: '财政局退回，调整项目支出' });
    const unfrozen = await published();
    expect(unfrozen.html).toContain('无上年预算数据');
    expect(unfrozen.tables).toContain('改名后的行政运行');
    const log = await value('years.finalizeLog', { budget: b2025 });
    expect(log.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['定稿', ''],
      ['解除定稿', '财政局退回，调整项目支出'],
    ]);
    expect(log[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const file = JSON.parse(unfrozen.budgetFile);
    expect(file.finalizeLog.map((e: { event: string }) => e.event)).toEqual(['定稿', '解除定稿']);
    expect(file.finalizeLog[1].reason).toBe('财政局退回，调整项目支出');
  }, 240_000);

  it('定稿 while 错误 remain needs despiteErrors: true; the count is said and recorded', async () => {
    const created = await value('years.create', { dept: '711', fromYear: 2025, toYear: 2026, zeroAmounts: true });
    expect(created.status).toBe('created');
    const b2026 = { dept: '711', year: 2026 };
    const refused = await postApi(srv, 'years.finalize', { budget: b2026 });
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('validation');
    expect(refused.error.field).toBe('despiteErrors');
    expect(refused.error.message).toMatch(/2026 年的预算还有 \d+ 个错误（见“校验”页），未定稿/);
    expect((await value('budgets.list', {})).find((b: { year: number }) => b.year === 2026).finalized).toBe(false);
    const done = await value('years.finalize', { budget: b2026, despiteErrors: true });
    expect(done.errors).toBeGreaterThan(0);
    const log = await value('years.finalizeLog', { budget: b2026 });
    expect(log).toEqual([expect.objectContaining({ action: '定稿', errors: done.errors })]);
  });
});
