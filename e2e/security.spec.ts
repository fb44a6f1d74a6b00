// Text the clerk (or an imported file) puts into names, memos and the 情况说明 is shown as text: markup in it
// never becomes elements and no script runs — in every page of the app and in the disclosure HTML the PDF is
// printed from. Detection is real: a native dialog (alert) fails the test, an <img src=x> element in the DOM
// fails it, and the fixture fails on any console error (a CSP-blocked inline handler logs one).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect, nav } from './fixtures';

const XSS = '<img src=x onerror=alert(1)>';
const SHARED = resolve(import.meta.dirname, '../test/shared/fixtures');

function hostileBudgetFile(): string {
  const doc = JSON.parse(readFileSync(join(SHARED, '711-2025.budget.json'), 'utf8'));
  doc.department.name = `工会部门${XSS}`;
  doc.units[0].name = `本级${XSS}`;
  doc.projects[0].name = `${doc.projects[0].name}${XSS}`;
  doc.projects[0].purpose = `目的${XSS}`;
  doc.lines[0].memo = `备注${XSS}`;
  doc.narrative.other = `其他说明${XSS}<script>alert(2)</script>`;
  if (doc.narrative.duties?.[0]) doc.narrative.duties[0].text = `职责${XSS}`;
  doc.procurement = [{ item: `采购${XSS}`, source: 'general', amount: '1000.00' }];
  return JSON.stringify(doc);
}

test('markup in names, memos and narrative is shown as text: no element is created and no script runs', async ({ app: page, engine }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await engine.call('db.create', { path: engine.dbPath });
  const imported = await engine.call<{ budget: { dept: string; year: number } }>('import.budgetFile', {
    fileName: 'hostile.budget.json',
    text: hostileBudgetFile(),
  });
  await page.reload();

  const noInjection = async (where: string) => {
    expect(await page.locator('img[src="x"], script:not([src])').count(), `injected element on ${where}`).toBe(0);
    expect(dialogs, `a dialog opened on ${where}`).toEqual([]);
  };

  const list = page.getByTestId('budget-list');
  await expect(list).toContainText(`工会部门${XSS}`); // the markup is visible as characters
  await noInjection('开始');
  await list.getByRole('button', { name: '打开' }).first().click();
  await expect(page.getByTestId('current-budget')).toContainText(XSS);

  for (const label of ['部门与单位', '预算明细', '项目与绩效', '政府采购与固定资产', '情况说明', '校验', '报表预览', '导出']) {
    await nav(page, label);
    await page.waitForLoadState('networkidle');
    await noInjection(label);
  }
  // The values really are on screen somewhere as text or field values (not dropped).
  const shown = await page.evaluate(
    (x) => document.body.innerText.includes(x) || [...document.querySelectorAll('input,textarea')].some((e) => (e as HTMLInputElement).value.includes(x)),
    XSS,
  );
  expect(shown).toBe(true);

  // The disclosure HTML (what the PDF is printed from), opened as a page of its own without any CSP.
  const html = await engine.call<{ html: string }>('disclosure.html', { budget: imported.budget });
  expect(html.html).not.toContain(XSS);
  expect(html.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  const pdfPage = await page.context().newPage();
  const pdfDialogs: string[] = [];
  pdfPage.on('dialog', (d) => {
    pdfDialogs.push(d.message());
    void d.dismiss();
  });
  await pdfPage.setContent(html.html, { waitUntil: 'load' });
  expect(await pdfPage.locator('img[src="x"]').count()).toBe(0);
  expect(await pdfPage.locator('body').innerText()).toContain(XSS);
  expect(pdfDialogs).toEqual([]);
  await pdfPage.close();
});
