// The renderer figures, in a real browser: Debian's Chromium (playwright-core) against the browser-mode
// server (dist/server/serve.cjs — the same handler map over HTTP, token in the URL fragment), on the large
// budget. Printed by the benchmark, never asserted.
//
// - ui_open_lines: click 预算明细 in the navigation → the first grid row is in the DOM at an animation frame
//   (i.e. painted in that frame). Includes the first lines.chunk (500 lines) over HTTP, JSON, React, windowing.
// - ui_lines_loaded: the same click → every line of the budget is loaded (the grid's data-loaded="all"), the
//   rest arriving in lines.chunk requests behind the first rows: the first paint is not the whole load.
// - ui_edit_totals: Enter on an amount typed into a cell → the 总计 figure shows the new total (checked to the
//   分). Includes the one lines.update over HTTP — it answers with the line, the totals and the undo state, so
//   the renderer makes no budget.totals / edit.state request — and the re-render. The API requests made per
//   edit are counted (api_requests_per_edit), so a second round trip creeping back in shows in the results.
// - ui_open_preview: click 报表预览 → the first table is painted (its sheet in the DOM at an animation frame).
//   Includes tables.preview over HTTP (load, derive, layout) and React.
// - ui_open_control: click 控制数 in the navigation → its table's first row is in the DOM at an animation frame, with
//   500 ceilings seeded on the budget (control.list: one GROUP BY over the lines, then the cells).
// - ui_run_checks: click 校验 in the navigation → its summary and first finding are in the DOM at an animation
//   frame: checks.run over HTTP (every rule; the engine keeps the budget between requests) and the first 200
//   entries of each group painted. The first visit, right after the edits above, is the warm-up.
// All are timed inside the page (performance.now, from the click / keydown event), so Playwright's own
// round trips are not counted.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlCell } from '../core/model';
import { writeControl } from '../db/control';
import { openDatabase } from '../db/open';
import type { Figure } from './figure';

const CHROMIUM = '/usr/bin/chromium';
const AMOUNT_COL = 6;

interface UiOptions {
  root: string;
  budgetFile: string;
  dbTemplate: string;
  work: string;
  runs?: number;
}

/** Ceilings seeded for ui_open_control (issue 23: 500 on the huge budget). */
const CONTROL_CELLS = 500;

/** Up to `n` ceilings on the template's budget: per unit 一般公共预算拨款 of each kind, then per project. */
function seedControl(path: string, n: number): void {
  const db = openDatabase(path, { create: false });
  try {
    const b = db.stmt('SELECT id FROM budgets ORDER BY id LIMIT 1', { pluck: true }).get() as number;
    const units = db.stmt('SELECT code FROM units WHERE budget_id = ?', { pluck: true }).all(b) as string[];
    const projects = db.stmt('SELECT code, unit_code AS unit FROM projects WHERE budget_id = ?').all(b) as { code: string; unit: string }[];
    const cells: ControlCell[] = [{ source: 'general', amount: 10n ** 14n }];
    for (const unit of units) for (const kind of ['basic', 'project'] as const) cells.push({ unit, source: 'general', kind, amount: 10n ** 12n });
    for (const p of projects) cells.push({ unit: p.unit, source: 'general', kind: 'project', project: p.code, amount: 10n ** 9n });
    db.sqlite.transaction(() => writeControl(db, b, cells.slice(0, n)))();
  } finally {
    db.close();
  }
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function startServer(root: string, db: string): Promise<{ proc: ChildProcess; url: string }> {
  const serve = join(root, 'dist', 'server', 'serve.cjs');
  return new Promise((ok, fail) => {
    const proc = spawn(process.execPath, [serve, '--db', db, '--port', '0', '--no-open'], {
      env: { ...process.env, BUDGETDESK_NO_OPEN: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`browser-mode server did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ proc, url: m[1]! });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`browser-mode server exited (${code}): ${out}`));
    });
  });
}

function vmHwmMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) of a process so far, from /proc (clock ticks of 10 ms); null elsewhere. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15 of stat)
  } catch {
    return null;
  }
}

const toFen = (grouped: string): bigint => {
  const s = grouped.replace(/,/g, '').trim();
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`bench ui: not an amount: “${grouped}”`);
  const v = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] ? -v : v;
};
const grouped = (fen: bigint): string => {
  const a = fen < 0n ? -fen : fen;
  const s = `${(a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(a % 100n).toString().padStart(2, '0')}`;
  return fen < 0n ? `-${s}` : s;
};

/** In the page: the duration (request start → response end) of the latest call of each API channel. */
const API_TIMES = (channels: string[]) => {
  const out: Record<string, number> = {};
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  for (const c of channels) {
    const e = entries.filter((x) => x.name.endsWith(`/api/${c}`)).pop();
    if (e) out[c] = e.responseEnd - e.startTime;
  }
  performance.clearResourceTimings();
  return out;
};

/** In the page: click `label` in the navigation, then the ms until `sel` is in the DOM at an animation frame. */
const CLICK_UNTIL = ([label, sel]: readonly [string, string]) =>
  new Promise<number>((resolve, reject) => {
    const btn = [...document.querySelectorAll<HTMLButtonElement>('nav button.item')].find((b) => b.textContent?.trim() === label);
    if (!btn) {
      reject(new Error(`no nav button ${label}`));
      return;
    }
    const t0 = performance.now();
    const tick = () => {
      if (document.querySelector(sel)) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 120_000) reject(new Error(`${label}: ${sel} did not appear`));
      else requestAnimationFrame(tick);
    };
    btn.click();
    requestAnimationFrame(tick);
  });

/** In the page: the lines.chunk requests since the last clear (does not clear): the first's duration, how
 *  many, and their durations summed (request start → response end, so the sum excludes the renderer's work). */
const CHUNK_TIMES = () => {
  const es = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((x) => x.name.endsWith('/api/lines.chunk'));
  return { first: es[0] ? es[0].responseEnd - es[0].startTime : NaN, count: es.length, sum: es.reduce((a, e) => a + e.responseEnd - e.startTime, 0) };
};

/** In the page: how many requests each API channel made since the last clear (does not clear). */
const API_COUNTS = () => {
  const out: Record<string, number> = {};
  for (const e of performance.getEntriesByType('resource')) {
    const m = /\/api\/([^/?#]+)$/.exec(e.name);
    if (m) out[m[1]!] = (out[m[1]!] ?? 0) + 1;
  }
  return out;
};

function pushParts(acc: Record<string, number[]>, p: Record<string, number>): void {
  for (const [k, v] of Object.entries(p)) (acc[k] ??= []).push(v);
}

export async function benchRenderer(o: UiOptions): Promise<Record<string, Figure>> {
  const skip = (note: string): Record<string, Figure> => {
    process.stdout.write(`  ui: skipped — ${note}\n`);
    const none = { median_ms: null, peak_rss_mb: null, note };
    return { ui_open_lines: none, ui_lines_loaded: none, ui_open_preview: none, ui_edit_totals: none, ui_open_control: none, ui_run_checks: none };
  };
  if (!existsSync(join(o.root, 'dist', 'server', 'serve.cjs'))) return skip('dist/server/serve.cjs missing (npm run build)');
  if (!existsSync(join(o.root, 'dist', 'renderer', 'index.html'))) return skip('dist/renderer missing (npm run build)');
  if (!existsSync(CHROMIUM)) return skip(`${CHROMIUM} missing`);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    return skip(`playwright-core unavailable: ${(e as Error).message}`);
  }
  const runs = o.runs ?? 7;
  mkdirSync(o.work, { recursive: true });
  const db = join(o.work, 'ui.sqlite');
  copyFileSync(o.dbTemplate, db);
  seedControl(db, CONTROL_CELLS);
  const { proc, url } = await startServer(o.root, db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.getByTestId('budget-list').getByRole('button', { name: '打开' }).first().click({ timeout: 60_000 });
    const nav = page.getByRole('navigation');
    const navLabels = (await nav.locator('button.item').allTextContents()).map((s) => s.trim());
    const away = navLabels.find((l) => l !== '预算明细' && l !== '开始' && l !== '') ?? navLabels[0]!;

    // The page's main-thread busy time (CDP TaskDuration) and the server's CPU time: the work of a full load
    // whatever else the machine runs.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskMs = async () => 1000 * ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN);

    // ---- open 预算明细 → first rows visible, then every line loaded
    const open: number[] = [];
    const openParts: Record<string, number[]> = {};
    const loaded: number[] = [];
    const loadedParts: Record<string, number[]> = {};
    await page.evaluate(() => performance.setResourceTimingBufferSize(10_000));
    for (let i = 0; i < runs + 1; i++) {
      await nav.getByRole('button', { name: away, exact: true }).click();
      await page.locator('.topbar h1').filter({ hasText: away }).waitFor();
      await page.waitForTimeout(200); // let the other page settle
      const cpu0 = cpuMs(proc.pid!) ?? NaN;
      const task0 = await taskMs();
      const ms = await page.evaluate(
        ([label, sel, all]) =>
          new Promise<{ first: number; all: number }>((resolve, reject) => {
            const btn = [...document.querySelectorAll<HTMLButtonElement>('nav button.item')].find((b) => b.textContent?.trim() === label);
            if (!btn) {
              reject(new Error(`no nav button ${label}`));
              return;
            }
            const t0 = performance.now();
            const deadline = t0 + 120_000;
            let first = -1;
            const tick = () => {
              const now = performance.now();
              if (first < 0 && document.querySelector(sel)) first = now - t0;
              if (first >= 0 && document.querySelector(all)) resolve({ first, all: now - t0 });
              else if (now > deadline) reject(new Error(first < 0 ? '预算明细 rows did not appear' : '预算明细 never loaded every line'));
              else requestAnimationFrame(tick);
            };
            btn.click();
            requestAnimationFrame(tick);
          }),
        ['预算明细', `[data-testid="lines-grid"] [data-cell="0:${AMOUNT_COL}"]`, '[data-testid="lines-grid"][data-loaded="all"]'] as const,
      );
      const cpu1 = cpuMs(proc.pid!) ?? NaN;
      const task1 = await taskMs();
      await page.waitForTimeout(300); // the page's other requests (totals, units, projects) finish
      const chunks = await page.evaluate(CHUNK_TIMES);
      const api = await page.evaluate(API_TIMES, ['lines.chunk', 'budget.totals']);
      // The first is the warm-up (code loading, catalog names).
      if (i > 0) {
        open.push(ms.first);
        pushParts(openParts, { first_chunk: chunks.first, 'budget.totals': api['budget.totals'] ?? NaN });
        loaded.push(ms.all);
        pushParts(loadedParts, {
          'lines.chunk requests': chunks.count,
          'lines.chunk total': chunks.sum,
          engine_cpu: cpu1 - cpu0,
          page_main_thread: task1 - task0,
        });
      }
    }
    // Each of runs + 1 visits (the first a warm-up): another page, then a click on `label` until `sel` is painted;
    // the HTTP time of `apis` per visit.
    const visits = async (label: string, sel: string, apis: string[]) => {
      const ms: number[] = [];
      const parts: Record<string, number[]> = {};
      for (let i = 0; i < runs + 1; i++) {
        await nav.getByRole('button', { name: away, exact: true }).click();
        await page.locator('.topbar h1').filter({ hasText: away }).waitFor();
        await page.waitForTimeout(200);
        await page.evaluate(() => performance.clearResourceTimings());
        const t = await page.evaluate(CLICK_UNTIL, [label, sel] as const);
        const api = await page.evaluate(API_TIMES, apis);
        if (i > 0) {
          ms.push(t);
          pushParts(parts, api);
        }
      }
      return { ms, parts };
    };
    // ---- open 报表预览 → the first table painted
    const preview = await visits('报表预览', '.sheet[data-testid^="table-"]', ['tables.preview']);
    // Back on 预算明细 for the edits.
    await nav.getByRole('button', { name: '预算明细', exact: true }).click();
    await page.locator('[data-testid="lines-grid"][data-loaded="all"]').waitFor({ timeout: 120_000 });

    // The totals need their own request; wait for them before editing.
    await page.getByTestId('total-all').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });

    // ---- type an amount → totals updated
    const edit: number[] = [];
    const editParts: Record<string, number[]> = {};
    const editCounts: Record<string, number[]> = {};
    await page.evaluate(() => performance.clearResourceTimings());
    for (let i = 0; i < runs + 1; i++) {
      const row = 1 + i;
      const cell = page.locator(`[data-testid="lines-grid"] [data-cell="${row}:${AMOUNT_COL}"]`);
      const oldFen = toFen((await cell.textContent()) ?? '');
      const totalBefore = toFen((await page.getByTestId('total-all').textContent()) ?? '');
      const typed = `${12345 + i * 111}.${String(10 + i).padStart(2, '0')}`;
      const expected = grouped(totalBefore - oldFen + toFen(typed));
      await cell.click();
      await page.keyboard.press(typed[0]!);
      const editor = page.locator('[data-testid="lines-grid"] input.editor');
      await editor.waitFor();
      await page.keyboard.type(typed.slice(1));
      // Arm the in-page clock: keydown of Enter → 总计 shows `expected` at an animation frame.
      const done = page.evaluate(
        (want) =>
          new Promise<number>((resolve, reject) => {
            let t0 = -1;
            window.addEventListener(
              'keydown',
              (e) => {
                if (e.key === 'Enter' && t0 < 0) t0 = performance.now();
              },
              { capture: true, once: true },
            );
            const el = document.querySelector('[data-testid="total-all"]')!;
            const deadline = performance.now() + 60_000;
            const tick = () => {
              if (t0 >= 0 && el.textContent === want) resolve(performance.now() - t0);
              else if (performance.now() > deadline) reject(new Error(`总计 never showed ${want} (now ${el.textContent})`));
              else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          }),
        expected,
      );
      await page.waitForTimeout(50);
      await page.keyboard.press('Enter');
      const ms = await done;
      // Untimed: anything the edit still sends after 总计 updated shows in the counts.
      await page.waitForTimeout(100);
      const counts = await page.evaluate(API_COUNTS);
      const api = await page.evaluate(API_TIMES, ['lines.update']);
      if (i > 0) {
        edit.push(ms);
        pushParts(editParts, api);
        for (const c of new Set([...Object.keys(editCounts), ...Object.keys(counts)]))
          (editCounts[c] ??= Array<number>(edit.length - 1).fill(0)).push(counts[c] ?? 0);
      }
    }
    // ---- open 控制数 → its first row painted. First let 预算明细 finish reloading after the edits: the server
    // answers one request at a time, and a reload still streaming would be timed as 控制数's.
    await page.locator('[data-testid="lines-grid"][data-loaded="all"]').waitFor({ timeout: 300_000 });
    const control = await visits('控制数', '[data-testid="control-table"] tbody tr', []);
    // ---- open 校验 → its first finding painted
    const checks = await visits('校验', '[data-testid="checks-finding"], [data-testid="checks-ok"]', ['checks.run']);
    const findingsShown = await page.getByTestId('checks-finding').count();
    if (errors.length) process.stdout.write(`  ui: page errors: ${errors.join(' | ')}\n`);

    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
    const server = vmHwmMb(proc.pid!);
    const extra = {
      runs,
      engine_peak_rss_mb: server === null ? null : r1(server),
      page_js_heap_mb: heap === null ? null : r1(heap / 2 ** 20),
      transport: 'browser mode (dist/server/serve.cjs), Chromium headless',
    };
    const fig = (xs: number[], parts: Record<string, number[]>): Figure => ({
      median_ms: r1(median(xs)),
      peak_rss_mb: null,
      min_ms: r1(Math.min(...xs)),
      max_ms: r1(Math.max(...xs)),
      api_median_ms: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, r1(median(v))])),
      ...extra,
    });
    const out = {
      ui_open_lines: fig(open, openParts),
      ui_lines_loaded: fig(loaded, loadedParts),
      ui_open_preview: fig(preview.ms, preview.parts),
      ui_edit_totals: { ...fig(edit, editParts), api_requests_per_edit: Object.fromEntries(Object.entries(editCounts).map(([k, v]) => [k, r1(median(v))])) },
      ui_open_control: { ...fig(control.ms, {}), ceilings: CONTROL_CELLS },
      ui_run_checks: { ...fig(checks.ms, checks.parts), entries_painted: findingsShown },
    };
    const apis = (f: Figure) =>
      Object.entries(f.api_median_ms as Record<string, number>)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    process.stdout.write(`  ${'ui_open_lines'.padEnd(20)} ${String(out.ui_open_lines.median_ms).padStart(9)} ms  (HTTP: ${apis(out.ui_open_lines)})\n`);
    process.stdout.write(`  ${'ui_lines_loaded'.padEnd(20)} ${String(out.ui_lines_loaded.median_ms).padStart(9)} ms  (${apis(out.ui_lines_loaded)})\n`);
    process.stdout.write(`  ${'ui_open_preview'.padEnd(20)} ${String(out.ui_open_preview.median_ms).padStart(9)} ms  (HTTP: ${apis(out.ui_open_preview)})\n`);
    process.stdout.write(
      `  ${'ui_edit_totals'.padEnd(20)} ${String(out.ui_edit_totals.median_ms).padStart(9)} ms  (HTTP: ${apis(out.ui_edit_totals)}; requests per edit: ${
        Object.entries(out.ui_edit_totals.api_requests_per_edit)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      })\n`,
    );
    process.stdout.write(`  ${'ui_open_control'.padEnd(20)} ${String(out.ui_open_control.median_ms).padStart(9)} ms  (${CONTROL_CELLS} 个控制数)\n`);
    process.stdout.write(
      `  ${'ui_run_checks'.padEnd(20)} ${String(out.ui_run_checks.median_ms).padStart(9)} ms` +
        `  (HTTP: ${apis(out.ui_run_checks)}; ${findingsShown} entries painted)\n`,
    );
    process.stdout.write(`  engine (server) peak RSS ${extra.engine_peak_rss_mb} MB, page JS heap ${extra.page_js_heap_mb} MB\n`);
    return out;
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
  }
}
