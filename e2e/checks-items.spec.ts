// 校验 as the clerk sees it (issue 20): one entry per item listing everything found about it, rules by their
// Chinese title only (never an id), the app's own placeholder text never a finding, and 定位 that lands on
// the n-th project, indicator, 政府采购 row and unit — not the first.
import { readFileSync } from 'node:fs';
import { test, expect, nav, screen, FIXTURE_711, seedReference, openFirstBudget } from './fixtures';

/** The reference with: two more projects (the 2nd without goals, indicators or lines; the 3rd's 2nd
 *  indicator without its unit), two more units without lines, a 2nd 政府采购 row over its source, no 部门职责,
 *  and a purchase of fixed assets without 政府采购. */
function manyItems(): string {
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  const p1 = doc.projects[0];
  doc.projects.push({ ...p1, code: 'P2', name: '空白项目', goals: [], indicators: [] });
  const indicators = structuredClone(p1.indicators);
  indicators[1].unit = '';
  doc.projects.push({ ...p1, code: 'P3', name: '第三个项目', indicators });
  doc.lines.push({ ...doc.lines.find((l: { project?: string }) => l.project === p1.code), project: 'P3', amount: '100.00' });
  doc.units.push({ ...doc.units[0], code: '711002', name: '第二单位' }, { ...doc.units[0], code: '711003', name: '第三单位' });
  const row = {
    project: p1.code,
    item: '帮扶物资',
    catalog: 'A99',
    measure: '批',
    quantity: '1',
    unitPrice: null,
    source: 'general',
    amount: '1000.00',
    sme: null,
  };
  doc.procurement = [row, { ...row, item: '办公设备', source: 'business' }];
  doc.lines.push({ unit: '711001', function: '2012901', economic: '31002', kind: 'basic', source: 'general', amount: '150000.00' });
  doc.narrative.duties = [];
  return JSON.stringify(doc);
}

const RULE_ID = /\b(?:line|policy|project|procurement|unit|table|narrative|wording)\.[a-z-]+/;

test('校验 lists one entry per item by rule title, and 定位 lands on the n-th project, indicator, row and unit', async ({ app: page, engine }) => {
  await seedReference(engine, manyItems());
  await openFirstBudget(page);
  await nav(page, '校验');
  const findings = page.getByTestId('checks-finding');
  await expect(findings.first()).toBeVisible();

  // No rule id anywhere the clerk reads: entries, and the rule list.
  await expect(page.locator('main')).not.toContainText(RULE_ID);
  await page.getByRole('button', { name: /查看全部审核规则/ }).click();
  await expect(page.getByRole('heading', { name: '审核规则' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(RULE_ID);
  await expect(page.locator('main')).toContainText('每个项目至少有一个产出指标');

  // One entry for the empty project, listing everything it lacks — no 提示 repeating the 错误.
  const empty = findings.filter({ hasText: '空白项目' });
  await expect(empty).toHaveCount(1);
  for (const missing of ['没有产出指标', '没有效益指标', '没有满意度指标', '未填写绩效目标', '没有任何项目支出明细'])
    await expect(empty).toContainText(missing);
  await expect(empty).not.toContainText('缺少产出指标');
  await expect(empty.locator('li')).toHaveCount(6); // the five above and 产出指标中没有成本指标

  // An empty 部门职责 is one finding: never one about the app's own “（待填写部门职责）”.
  await expect(findings.filter({ hasText: '未填写部门职责' })).toHaveCount(1);
  await expect(findings.filter({ hasText: '待填写部门职责' })).toHaveCount(0);

  // 定位 to the 3rd project's 2nd indicator.
  await findings.filter({ hasText: '第三个项目' }).filter({ hasText: '第 2 个指标' }).getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('项目与绩效');
  await expect(page.getByTestId('project-list').locator('tr[aria-selected="true"]')).toContainText('第三个项目');
  await expect(page.getByTestId('project-editor').locator('input[name="name"]')).toHaveValue('第三个项目');
  await expect(page.getByTestId('indicator-1')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('indicator-1').getByLabel('指标值', { exact: true })).toBeFocused();

  // 定位 to the 2nd project (not the first, which the page selects by itself).
  await nav(page, '校验');
  await findings.filter({ hasText: '空白项目' }).getByRole('button', { name: '定位' }).click();
  await expect(page.getByTestId('project-editor').locator('input[name="name"]')).toHaveValue('空白项目');

  // 定位 to the 2nd 政府采购 row.
  await nav(page, '校验');
  await findings.filter({ hasText: '政府采购预算第 2 条起' }).getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('政府采购与固定资产');
  await expect(page.getByTestId('procurement-2')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('procurement-1')).not.toHaveAttribute('aria-current', 'true');

  // The 固定资产 finding goes to 政府采购与固定资产 (its text says so), at the 政府采购 list's 添加 row.
  await nav(page, '校验');
  await findings.filter({ hasText: '拟购置固定资产' }).getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('政府采购与固定资产');
  await expect(page.getByTestId('new-procurement').getByLabel('项目')).toBeFocused();

  // 定位 to the 3rd unit.
  await nav(page, '校验');
  await findings.filter({ hasText: '第三单位' }).getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('部门与单位');
  const unit = page.getByTestId('units').locator('tr[data-unit="711003"]');
  await expect(unit).toHaveAttribute('aria-current', 'true');
  await expect(unit.getByLabel('单位名称')).toBeFocused();

  // 定位 to the narrative field: 部门职责.
  await nav(page, '校验');
  await findings.filter({ hasText: '未填写部门职责' }).getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('情况说明');
  await expect(page.locator('[data-testid="narrative-preview"] [data-section="duties"]')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('add-duty')).toBeFocused();
});

test('a group of many findings lists 200 at first, then more on request', async ({ app: page, engine }) => {
  // The reference with 450 more lines of 30108 (基本养老保险缴费) under 2012901: each breaks the
  // function–economic pairs, one finding per line.
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  for (let i = 0; i < 450; i++)
    doc.lines.push({ unit: '711001', function: '2012901', economic: '30108', kind: 'basic', source: 'general', amount: `${i + 1}.00` });
  await seedReference(engine, JSON.stringify(doc));
  await openFirstBudget(page);
  await nav(page, '校验');
  const group = page.getByTestId('checks-group').filter({ has: page.getByRole('heading', { name: /^预算明细/ }) });
  await expect(group.getByTestId('checks-finding')).toHaveCount(200);
  await expect(group).toContainText('已列出 200 条，还有 250 条');
  await group.getByRole('button', { name: '全部列出' }).scrollIntoViewIfNeeded();
  await screen(page, 'checks-many-findings');
  await group.getByRole('button', { name: '再列出 200 条' }).click();
  await expect(group.getByTestId('checks-finding')).toHaveCount(400);
  await group.getByRole('button', { name: '全部列出' }).click();
  await expect(group.getByTestId('checks-finding')).toHaveCount(450);
  await expect(group.getByRole('button', { name: '全部列出' })).toHaveCount(0);
});
