// 导出 PDF in the app (injected bridge: the engine prints with the system Chromium; browser mode: a
// download, and 另存备份 as a download too), and the confirmation before exporting a budget that has 错误.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as plain } from '@playwright/test';
import type { ChecksRunResult } from '../electron/ipc/checks-contract';
import type { ProjectDto } from '../electron/ipc/contract';
import { test, expect, screen, nav } from './fixtures';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = resolve(ROOT, 'test/shared/fixtures/711-2025.budget.json');
const expected = JSON.parse(readFileSync(resolve(ROOT, 'test/shared/fixtures/711-2025.expected.json'), 'utf8'));
const budget = { dept: '711', year: 2025 };

/** The PDF's text as pdftotext (poppler) reads it. */
function pdfText(path: string): string {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

test('导出 PDF: the disclosure with every table, saved where the transport chose', async ({ app: page, engine }) => {
  await engine.call('db.create', { path: engine.dbPath });
  await engine.call('import.budgetFile', { fileName: '711-2025.budget.json', text: readFileSync(FIXTURE, 'utf8') });
  await page.reload();
  await page.getByTestId('budget-list').getByRole('button', { name: '打开' }).click();
  await nav(page, '导出');
  await page.getByRole('button', { name: /导出 PDF/ }).click();
  const outcome = page.getByTestId('export-outcome');
  await expect(outcome).toContainText('已保存到', { timeout: 60_000 });
  const path = (await page.getByTestId('export-path').textContent())!;
  expect(path.endsWith('711工会部门2025年部门预算公开.pdf')).toBe(true);
  // The desktop transport offers the folder (main shows it only for paths its save dialog returned).
  await expect(outcome.getByRole('button', { name: '打开所在文件夹' })).toBeVisible();
  await screen(page, 'pdf-01-exported');

  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(path);
  // The reference's 本年收入合计 (55.33 万元), as printed in the reference disclosure.
  expect(text).toContain(expected.tables['收支总表'].income['本年收入合计']);
  expect(text).toContain('55.33');
  expect(text).toContain('目录');
  expect(text).toContain('名词解释');
});

test('export with 错误 asks first, links to 校验, and exports only when confirmed', async ({ app: page, engine }) => {
  await engine.call('db.create', { path: engine.dbPath });
  await engine.call('import.budgetFile', { fileName: '711-2025.budget.json', text: readFileSync(FIXTURE, 'utf8') });
  // A project without goals and indicators: the 绩效目标表 rules report 错误.
  const [p] = await engine.call<ProjectDto[]>('projects.list', { budget });
  await engine.call('projects.update', { budget, code: p!.code, project: { ...p!, goals: [], indicators: [] } });
  const checks = await engine.call<ChecksRunResult>('checks.run', { budget });
  const n = checks.summary.errors;
  expect(n).toBeGreaterThan(0);

  await page.reload();
  await page.getByTestId('budget-list').getByRole('button', { name: '打开' }).click();
  await nav(page, '导出');
  await page.getByRole('button', { name: /导出工作簿/ }).click();
  const dialog = page.getByTestId('export-confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`有 ${n} 个错误，仍要导出吗？`);
  await screen(page, 'pdf-02-confirm-errors');

  // 取消: nothing exported.
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);
  expect(readdirSync(engine.exportDir)).toEqual([]);

  // The link goes to 校验, which lists the same errors.
  await page.getByRole('button', { name: /导出预算文件/ }).click();
  await page.getByTestId('export-confirm').getByRole('button', { name: '查看校验结果' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('校验');
  await expect(page.getByText(checks.findings.find((f) => f.severity === '错误')!.message)).toBeVisible();
  expect(readdirSync(engine.exportDir)).toEqual([]);

  // 仍要导出: exported.
  await nav(page, '导出');
  await page.getByRole('button', { name: /导出工作簿/ }).click();
  await page.getByTestId('export-confirm').getByRole('button', { name: '仍要导出' }).click();
  await expect(page.getByTestId('export-outcome')).toContainText('已保存到');
  expect(readdirSync(engine.exportDir)).toEqual(['711工会部门2025年部门预算公开表.xlsx']);
});

// ---- browser mode: the real server, the PDF arrives as a download

let child: ChildProcess | null = null;
let dir = '';
let url = '';

plain.describe('browser mode', () => {
  plain.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetdesk-pdf-browser-'));
    child = spawn(process.execPath, [join(ROOT, 'dist/server/serve.cjs'), '--db', join(dir, 'b.sqlite'), '--port', '0', '--no-open'], {
      cwd: ROOT, env: { ...process.env, BUDGETDESK_NO_OPEN: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((ok, fail) => {
      let out = '';
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*#token=\S+)/.exec(out);
        if (m) ok(m[1]!);
      });
      child!.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
    });
  });

  plain.afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  plain('browser mode: 导出 PDF downloads the disclosure', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url);
    await expect(page.getByTestId('db-path')).toBeVisible();
    await page.getByLabel('选择预算文件').setInputFiles(FIXTURE);
    await expect(page.getByText('已导入 711 2025 年度预算')).toBeVisible();
    await page.getByTestId('budget-list').getByRole('button', { name: '打开' }).click();
    await page.getByRole('navigation').getByRole('button', { name: '导出', exact: true }).click();
    // Browser mode has no 打开所在文件夹.
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: /导出 PDF/ }).click();
    const d = await download;
    await expect(page.getByTestId('export-outcome')).toContainText('已下载');
    await expect(page.getByRole('button', { name: '打开所在文件夹' })).toHaveCount(0);
    const path = join(dir, d.suggestedFilename());
    await d.saveAs(path);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(path)).toContain('55.33');

    // 另存备份 in browser mode: a consistent copy of the database, downloaded.
    await page.getByRole('navigation').getByRole('button', { name: '开始', exact: true }).click();
    const copy = page.waitForEvent('download');
    await page.getByTestId('backup-panel').getByRole('button', { name: '另存备份（下载）' }).click();
    const c = await copy;
    await expect(page.getByTestId('backup-done')).toContainText('已下载备份');
    const copyPath = join(dir, c.suggestedFilename());
    await c.saveAs(copyPath);
    expect(c.suggestedFilename()).toMatch(/^b-备份-\d{4}-\d{2}-\d{2}\.sqlite$/);
    expect(readFileSync(copyPath).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(errors).toEqual([]);
  });
});
