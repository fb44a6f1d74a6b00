// A clerk prepares the 711 工会部门 budget for 2025 from an empty database, everything through the UI,
// exports the workbook, and the workbook prints every figure of the reference disclosure
// (fixtures/711-2025.expected.json). The same test bodies run over both transports: the injected bridge
// and browser mode (the real server process, its database file, exports as downloads); see fixtures.ts.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import { parseYuan } from '../core/money';
import { LINE_KIND_NAMES, SOURCE_NAMES, type LineKind, type Source } from '../core/model';
import { test, expect, screen, openDatabase, nav, exportFile, storedLineCount, type Transport } from './fixtures';
import { enterLine, lineCount } from './grid';
import { pdfText } from './pdf';
import { readWorkbook, findTable, headerCol, dataRow, labelled, printed, sheetHasText } from './workbook';

const SHARED = resolve(import.meta.dirname, '../test/shared/fixtures');
const budgetFile = JSON.parse(readFileSync(join(SHARED, '711-2025.budget.json'), 'utf8'));
const expected = JSON.parse(readFileSync(join(SHARED, '711-2025.expected.json'), 'utf8'));

/** Every figure of expected.json in the exported workbook, found by title, header and code/label. */
function checkWorkbook(wb: ExcelJS.Workbook): void {
  const T = expected.tables;
  for (const [name, t] of Object.entries(T) as [string, Record<string, unknown>][]) {
    const g = findTable(wb, name);
    if (t.empty) {
      expect(sheetHasText(g, t.note as string), `${name} note`).toBe(true);
      continue;
    }
    if (t.columns) {
      const cols = (t.columns as string[]).map((label) => headerCol(g, label));
      for (const [key, values] of Object.entries(t.rows as Record<string, (string | null)[]>)) {
        const r = dataRow(g, key);
        values.forEach((v, i) => expect(printed(g.raw[r]![cols[i]!]!), `${name} ${key} ${(t.columns as string[])[i]}`).toBe(v));
      }
    }
    if (t.income) {
      for (const [label, v] of Object.entries(t.income as Record<string, string | null>)) expect(printed(labelled(g, label)), `${name} ${label}`).toBe(v);
    }
    if (t.expense && !t.expenseColumns) {
      for (const [label, v] of Object.entries(t.expense as Record<string, string | null>)) expect(printed(labelled(g, label)), `${name} ${label}`).toBe(v);
    }
    if (t.expenseColumns) {
      for (const [label, vs] of Object.entries(t.expense as Record<string, (string | null)[]>)) {
        vs.forEach((v, i) => expect(printed(labelled(g, label, i + 1)), `${name} ${label} ${(t.expenseColumns as string[])[i]}`).toBe(v));
      }
    }
  }
  // The project's 绩效目标表 carries its indicators.
  const perf = findTable(wb, '项目支出绩效目标表');
  for (const ind of budgetFile.projects[0].indicators as { name: string }[]) expect(sheetHasText(perf, ind.name), ind.name).toBe(true);
}

// One body per test, run over each transport (browser mode: a real server process and database file).
const TRANSPORTS: Transport[] = ['injected', 'browser'];

for (const transport of TRANSPORTS) {
  test.describe(transport, () => {
    test.use({ transport });

    test('a clerk builds the 711 budget through the UI and the exported workbook shows every reference figure', async ({ app: page, engine }) => {
      // ---- start: empty database, new budget
      await openDatabase(page);
      await expect(page.getByText('数据库中还没有预算')).toBeVisible();
      await screen(page, '01-start-empty');
      await page.locator('input[name="deptCode"]').fill(budgetFile.department.code);
      await page.locator('input[name="deptName"]').fill(budgetFile.department.name);
      await page.locator('input[name="year"]').fill(String(budgetFile.year));
      await page.getByRole('button', { name: '新建', exact: true }).last().click();
      await expect(page.getByTestId('current-budget')).toContainText('711 工会部门');
      await expect(page.getByTestId('current-budget')).toContainText('2025');

      // ---- 部门与单位
      await expect(page.locator('.topbar h1')).toHaveText('部门与单位');
      const unit = budgetFile.units[0];
      const form = page.getByTestId('add-unit');
      await form.locator('input[name="unit-code"]').fill(unit.code);
      await form.locator('input[name="unit-name"]').fill(unit.name);
      await form.locator('input[name="unit-nature"]').fill(unit.nature);
      await form.locator('input[name="unit-grade"]').fill(unit.grade);
      await form.locator('input[name="unit-funding"]').fill(unit.funding);
      await form.getByRole('button', { name: '添加单位' }).click();
      await expect(page.getByTestId('units').locator('tbody input[aria-label="单位名称"]')).toHaveValue(unit.name);
      await screen(page, '02-department');

      // ---- 项目与绩效
      const proj = budgetFile.projects[0];
      await nav(page, '项目与绩效');
      const np = page.getByTestId('new-project');
      await np.locator('input[name="code"]').fill(proj.code);
      await np.locator('input[name="name"]').fill(proj.name);
      await np.getByRole('button', { name: '新建项目' }).click();
      const ed = page.getByTestId('project-editor');
      await expect(ed.locator('input[name="code"]')).toHaveValue(proj.code);
      await ed.locator('textarea[name="purpose"]').fill(proj.purpose);
      await ed.locator('textarea[name="purpose"]').blur();
      await ed.locator('input[name="plan-dec"]').fill(proj.spendingPlan.dec);
      await ed.locator('input[name="plan-dec"]').blur();
      await ed.locator('textarea[name="goals"]').fill(proj.goals.join('\n'));
      await ed.locator('textarea[name="goals"]').blur();
      for (const [i, ind] of (proj.indicators as Record<string, string>[]).entries()) {
        await ed.getByRole('button', { name: '添加指标' }).click();
        const row = ed.getByTestId(`indicator-${i}`);
        await expect(row).toBeVisible();
        await row.getByLabel('一级指标').selectOption(ind.level1!);
        await row.getByLabel('二级指标').selectOption(ind.level2!);
        await row.getByLabel('三级指标').fill(ind.name!);
        await row.getByLabel('绩效指标描述').fill(ind.description!);
        await row.getByLabel('比较').selectOption(ind.op!);
        await row.getByLabel('指标值', { exact: true }).fill(ind.value!);
        await row.getByLabel('计量单位').fill(ind.unit!);
        await row.getByLabel('指标值确定依据').fill(ind.basis!);
        await row.getByLabel('指标值确定依据').blur();
      }
      await expect(ed.getByRole('alert')).toHaveCount(0);
      await screen(page, '03-projects');

      // ---- 预算明细: every line, keyboard only
      await nav(page, '预算明细');
      for (const l of budgetFile.lines as Record<string, string>[]) {
        await enterLine(page, {
          function: l.function!,
          economic: l.economic!,
          kind: LINE_KIND_NAMES[l.kind as LineKind],
          source: SOURCE_NAMES[l.source as Source],
          amount: l.amount!,
          project: l.project,
          projectName: l.project ? proj.name : undefined,
        });
      }
      expect(await lineCount(page)).toBe(budgetFile.lines.length);
      await expect(page.getByTestId('total-all')).toHaveText('553,325.50');
      await expect(page.getByTestId('total-basic')).toHaveText('472,325.50');
      await expect(page.getByTestId('total-project')).toHaveText('81,000.00');
      await expect(page.getByTestId('total-personnel')).toHaveText('439,450.50');
      await expect(page.getByTestId('total-public')).toHaveText('32,875.00');
      await screen(page, '04-lines');

      // The project's amount comes from its line.
      await nav(page, '项目与绩效');
      await expect(page.getByTestId('project-amount')).toContainText('81,000.00');

      // ---- 情况说明
      await nav(page, '情况说明');
      const n = budgetFile.narrative;
      for (const [i, d] of (n.duties as { title: string; text: string }[]).entries()) {
        await page.getByRole('button', { name: '添加职责' }).click();
        const box = page.getByTestId(`duty-${i}`);
        await box.locator('input').fill(d.title);
        await box.locator('textarea').fill(d.text);
        await box.locator('textarea').blur();
      }
      await page.getByLabel('部门绩效目标').fill(n.performanceGoals.join('\n'));
      await page.getByLabel('基本支出增减原因').fill(n.changeReasons.basic);
      await page.getByLabel('项目支出增减原因').fill(n.changeReasons.project);
      await page.getByLabel('其他需要说明的事项').fill(n.other);
      await page.getByLabel('其他需要说明的事项').blur();
      await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
      await screen(page, '05-narrative');

      await nav(page, '政府采购与固定资产');
      await screen(page, '06-procurement-assets');

      // ---- 报表预览: one tab per table, the same figures as the workbook
      await nav(page, '报表预览');
      const tabs = page.getByRole('tab');
      await expect(tabs).toHaveCount(12);
      for (let i = 0; i < 12; i++) {
        await tabs.nth(i).click();
        await expect(page.locator('.sheet')).toBeVisible();
        await screen(page, `07-preview-${String(i + 1).padStart(2, '0')}`);
      }
      await tabs.nth(2).click();
      await expect(page.locator('.sheet tr[data-keys~="合计"]').first()).toContainText('55.33');
      await expect(page.locator('.sheet tr[data-keys~="合计"]').first()).toContainText('47.23');

      // ---- 导出
      await nav(page, '导出');
      const xlsx = await exportFile(page, engine, /导出工作簿/);
      await screen(page, '08-export');
      expect(basename(xlsx)).toBe('711工会部门2025年部门预算公开表.xlsx');
      checkWorkbook(await readWorkbook(xlsx));

      // The database file holds the clerk's work once the app is gone (browser mode: the server exited).
      await page.close();
      await engine.stop();
      expect(existsSync(engine.dbPath)).toBe(true);
      expect(storedLineCount(engine.dbPath, '711', 2025)).toBe(budgetFile.lines.length);
    });

    test(
      'importing the budget file shows the reference figures in 报表预览, one generic table view for all; ' + 'the workbook, budget file and PDF are exported',
      async ({ app: page, engine }) => {
        await openDatabase(page);
        await page.getByLabel('选择预算文件').setInputFiles(join(SHARED, '711-2025.budget.json'));
        await expect(page.getByText('已导入 711 2025 年度预算')).toBeVisible();
        await page.getByTestId('budget-list').getByRole('button', { name: '打开' }).click();
        await nav(page, '报表预览');
        await page
          .getByRole('tab', { name: /支出总表$/ })
          .first()
          .click();
        const table = page.getByTestId('table-expense');
        const row = (key: string) => table.locator(`tr[data-keys~="${key}"]`);
        for (const [key, values] of Object.entries(expected.tables['支出总表'].rows as Record<string, (string | null)[]>)) {
          const cells = row(key).locator('td.amount');
          await expect(cells).toHaveText(values.map((v) => v ?? ''));
        }
        await page.getByRole('tab', { name: /项目支出绩效目标表/ }).click();
        await expect(page.getByTestId('table-performance')).toContainText('困难职工及劳模帮扶救助资金');
        await expect(page.getByTestId('table-performance')).toContainText('≥90%');
        await screen(page, '09-preview-imported');

        // ---- 导出: workbook, budget file and PDF (browser mode: three downloads)
        await nav(page, '导出');
        const xlsx = await exportFile(page, engine, /导出工作簿/);
        checkWorkbook(await readWorkbook(xlsx));
        const json = await exportFile(page, engine, /导出预算文件/);
        expect(basename(json)).toMatch(/\.budget\.json$/);
        const file = JSON.parse(readFileSync(json, 'utf8'));
        expect(file.format).toBe('dept-budget/1');
        expect(file.department.code).toBe('711');
        // The same lines, amount for amount (as 分, whatever the 元 spelling).
        const fen = (ls: { amount: string }[]) => ls.map((l) => parseYuan(l.amount)).map((r) => (r.ok ? r.fen : r.reason));
        expect(fen(file.lines)).toEqual(fen(budgetFile.lines));
        const pdf = await exportFile(page, engine, /导出 PDF/);
        expect(basename(pdf)).toBe('711工会部门2025年部门预算公开.pdf');
        expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdfText(pdf)).toContain(expected.tables['收支总表'].income['本年收入合计']);
        await screen(page, '10-exported-all');

        await page.close();
        await engine.stop();
        expect(storedLineCount(engine.dbPath, '711', 2025)).toBe(budgetFile.lines.length);
      },
    );
  });
}
