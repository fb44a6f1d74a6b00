// Typed text is stored as it is typed (issue 20 §1): a reload right after typing (browser mode: the flush on
// unload goes over fetch keepalive through the HTTP bridge with its token) or a crash 2 s after typing loses
// nothing, on every page with text fields — 情况说明, 项目与绩效, 部门与单位, 政府采购与固定资产.
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import type { AssetsDto, NarrativeDto, ProcurementDto, ProjectDto, UnitDto } from '../api/contract';
import { test, expect, nav, FIXTURE_711, openFirstBudget, type Engine } from './fixtures';

const budget = { dept: '711', year: 2025 };

/** The reference with one 政府采购 row and one 固定资产 row to type into. */
async function seed(engine: Engine): Promise<void> {
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  doc.procurement = [
    {
      project: doc.projects[0].code,
      item: '帮扶物资',
      catalog: 'A99',
      measure: '批',
      quantity: '1',
      unitPrice: null,
      source: 'general',
      amount: '1000.00',
      sme: null,
    },
  ];
  doc.assets = [{ item: '房屋', quantity: '1', value: '100000.00' }];
  // Browser mode's server opened its --db file at start; the injected engine starts without one.
  if (engine.transport === 'injected') await engine.call('db.create', { path: engine.dbPath });
  await engine.call('import.budgetFile', { fileName: '711-2025.budget.json', text: JSON.stringify(doc) });
}

/** Types into a field as the clerk does (no blur: the field keeps the focus). */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('Control+End');
  await field.pressSequentially(text);
  await expect(field).toBeFocused();
}

const stored = {
  narrative: (e: Engine) => e.call<NarrativeDto>('narrative.get', { budget }),
  project: async (e: Engine) => (await e.call<ProjectDto[]>('projects.list', { budget }))[0]!,
  unit: async (e: Engine) => (await e.call<UnitDto[]>('units.list', { budget }))[0]!,
  procurement: async (e: Engine) => (await e.call<ProcurementDto[]>('procurement.list', { budget }))[0]!,
  assets: (e: Engine) => e.call<AssetsDto>('assets.list', { budget }),
};

for (const transport of ['browser', 'injected'] as const) {
  test.describe(`${transport}`, () => {
    test.use({ transport });

    test('a reload right after typing loses nothing, on every page', async ({ app: page, engine }) => {
      await seed(engine);
      await openFirstBudget(page);

      await nav(page, '情况说明');
      await typeInto(page.getByLabel('部门绩效目标'), '\n提高服务质量');
      await page.reload();
      await expect(page.locator('.topbar h1')).toHaveText('情况说明');
      await expect(page.getByLabel('部门绩效目标')).toHaveValue(/提高服务质量$/);
      expect((await stored.narrative(engine)).performanceGoals.at(-1)).toBe('提高服务质量');

      await nav(page, '项目与绩效');
      await typeInto(page.getByLabel('绩效目标', { exact: true }), '\n按时发放');
      await page.reload();
      await expect(page.getByLabel('绩效目标', { exact: true })).toHaveValue(/按时发放$/);
      await typeInto(page.getByTestId('indicator-1').getByLabel('指标值确定依据'), '（上年）');
      await page.reload();
      await expect(page.getByTestId('indicator-1').getByLabel('指标值确定依据')).toHaveValue('行业标准（上年）');
      expect((await stored.project(engine)).indicators[1]!.basis).toBe('行业标准（上年）');

      await nav(page, '部门与单位');
      await typeInto(page.getByTestId('units').getByLabel('单位名称'), '机关');
      await page.reload();
      await expect(page.getByTestId('units').getByLabel('单位名称')).toHaveValue(/机关$/);

      await nav(page, '政府采购与固定资产');
      await typeInto(page.getByTestId('procurement-1').getByLabel('采购品目'), '及办公用品');
      await page.reload();
      await expect(page.getByTestId('procurement-1').getByLabel('采购品目')).toHaveValue('帮扶物资及办公用品');
      await typeInto(page.getByTestId('asset-1').getByLabel('资产名称'), '及构筑物');
      await page.reload();
      await expect(page.getByTestId('asset-1').getByLabel('资产名称')).toHaveValue('房屋及构筑物');
      expect((await stored.procurement(engine)).item).toBe('帮扶物资及办公用品');
      expect((await stored.assets(engine)).rows[0]!.item).toBe('房屋及构筑物');
    });
  });
}

test('text is stored while the clerk is still typing in the field: 2 s later it is in the database', async ({ app: page, engine }) => {
  await seed(engine);
  await openFirstBudget(page);
  await nav(page, '情况说明');
  const other = page.getByLabel('其他需要说明的事项');
  await typeInto(other, '本部门无其他事项。');
  await page.waitForTimeout(2000); // the clerk pauses; nothing is left, hidden or closed
  await expect(other).toBeFocused();
  expect((await stored.narrative(engine)).other).toMatch(/本部门无其他事项。$/);

  await nav(page, '部门与单位');
  const name = page.getByTestId('units').getByLabel('单位名称');
  await typeInto(name, '本级');
  await page.waitForTimeout(2000);
  await expect(name).toBeFocused();
  expect((await stored.unit(engine)).name).toMatch(/本级$/);
});
