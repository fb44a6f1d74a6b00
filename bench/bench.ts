// `npm run bench`: BudgetDesk's speed at five sizes (the reference department, a medium one of 3,000 lines,
// a large one of 30,000 lines and 400 projects, a huge one ten times large, and a bureau of 100 departments
// × 3,000 lines for `summary`). NOT a test: it prints medians and writes bench/results.json, and asserts
// nothing about time.
//
// How it measures
// - Inputs: bench/generate.ts (seeded); each size is imported once into a template database file.
// - Every (size, stage) runs in its own child process (fork, --expose-gc): setup outside the clock, then
//   `warmup` untimed runs and `runs` timed runs, each after a full GC. The figure is the median.
// - peak_rss_mb: the child's peak resident set (VmHWM) over the warm-up and timed runs. The peak is reset
//   after setup (`echo 5 > /proc/self/clear_refs`, Linux), so it includes what the stage needs resident
//   (its inputs, the open database) but not the setup's garbage. Where the reset is unavailable the
//   child samples process.memoryUsage().rss after every run instead (noted in results.meta.json).
// - Stages (bench/stages.ts): import, load, compute, check, export_xlsx, export_xlsx_handler,
//   check_cold, export_budget_file, edit_roundtrip, import_sheet (a clerk's .xlsx of the size's lines, read and
//   stored). compute/check/export_xlsx start from a budget loaded before the clock;
//   `load` is that loading on its own, so a page's wait is load + its stage (报表预览 = load + compute).
// - Floors in the same run: floor_groupby (one SQLite GROUP BY over all lines) under `compute`, and
//   floor_exceljs (plain exceljs writing the finished cells, bench/floors.ts) under `export_xlsx`.
// - cli_export: `budget export DB --year Y --xlsx … --json …` as a whole process, wall time.
// - ui_*: the renderer in Chromium (bench/ui.ts), large and huge sizes.
// - summary (bureau only): `budget summary`'s work — every department loaded, 部门汇总表 + 12 tables, workbook.
//
// Options: --sizes reference,medium,large,huge,bureau  --stages import,compute,…|none  --runs N  --no-ui  --no-cli  --keep
//          --profile DIR (a .cpuprofile per child)  --node-flags '--max-semi-space-size=64' (extra flags for the children)
import { fork, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Figure } from './figure';
import { SIZES, budgetFileText, bureauDocs, type Size } from './generate';
import { BUREAU_STAGES, STAGE_CPU, STAGE_WALL, STAGES, importBudgetFile, setupStage, type Stage, type StageInput } from './stages';

/** Repository root: the bundle runs from dist/bench/. */
const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results.json');
const META = join(ROOT, 'bench', 'results.meta.json');

/** Targets at the large size (issue: “Speed at the scale of a large department”). */
const TARGETS: Partial<Record<string, number>> = {
  import: 2000,
  import_sheet: 3000,
  compute: 150,
  check: 300,
  export_xlsx: 2500,
  edit_roundtrip: 3,
};
/** Targets at ten times large (issue: “Consolidation and scale”); bureau: summary < 5 s. */
const HUGE_TARGETS: Partial<Record<string, number>> = {
  import: 5000,
  import_sheet: 15000,
  compute: 500,
  check: 500,
  edit_roundtrip: 3,
  ui_open_lines: 1000,
  ui_open_preview: 500,
  ui_edit_totals: 100,
  ui_open_control: 300,
  summary: 5000,
  export_xlsx_handler: 5000,
  export_budget_file: 5000,
};
const HUGE_RSS_TARGET_MB = 1024;
const RSS_TARGET_MB = 500;
const XLSX_FLOOR_RATIO_TARGET = 1.3;
const CLI_TARGET_MS = 1500;

const RUNS: Record<Size, { warmup: number; runs: number }> = {
  reference: { warmup: 3, runs: 15 },
  medium: { warmup: 2, runs: 11 },
  large: { warmup: 2, runs: 11 },
  // Ten times large: fewer runs (each takes seconds, and the machine is shared).
  huge: { warmup: 1, runs: 3 },
  bureau: { warmup: 1, runs: 3 },
};

interface Job {
  size: Size;
  stage: Stage;
  input: StageInput;
  warmup: number;
  runs: number;
}
interface ChildResult {
  times: number[];
  cpu: number[];
  parts: Record<string, number[]>;
  peakRssMb: number;
  baseRssMb: number;
  rssMethod: 'VmHWM' | 'sampled';
}

type Results = Record<string, Record<string, Figure>>;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

// ------------------------------------------------------------------------------------------ child side

function hwmKb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
function resetHwm(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
const gc = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

async function runChild(job: Job): Promise<ChildResult> {
  const runner = await setupStage(job.stage, job.input);
  gc();
  const baseRssMb = process.memoryUsage().rss / 2 ** 20;
  const canReset = resetHwm() && hwmKb() !== null;
  let sampled = 0;
  const times: number[] = [];
  const cpu: number[] = [];
  const parts: Record<string, number[]> = {};
  for (let i = 0; i < job.warmup + job.runs; i++) {
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const p = await runner.run(i);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    sampled = Math.max(sampled, process.memoryUsage().rss);
    runner.after?.(i);
    if (i < job.warmup) continue;
    const own = p && STAGE_WALL in p;
    times.push(own ? p[STAGE_WALL]! : t);
    cpu.push(own ? p[STAGE_CPU]! : (c.user + c.system) / 1000);
    if (p) for (const [k, v] of Object.entries(p)) if (k !== STAGE_WALL && k !== STAGE_CPU) (parts[k] ??= []).push(v);
  }
  const peakRssMb = canReset ? hwmKb()! / 1024 : sampled / 2 ** 20;
  runner.close?.();
  await runner.verify?.();
  return { times, cpu, parts, peakRssMb, baseRssMb, rssMethod: canReset ? 'VmHWM' : 'sampled' };
}

// ------------------------------------------------------------------------------------------ parent side

function inChild(job: Job): Promise<ChildResult> {
  return new Promise((ok, fail) => {
    const prof = option('--profile');
    const execArgv = [
      '--expose-gc',
      ...(option('--node-flags')?.split(' ').filter(Boolean) ?? []),
      ...(prof ? ['--cpu-prof', '--cpu-prof-dir', resolve(prof), '--cpu-prof-name', `${job.size}-${job.stage}.cpuprofile`] : []),
    ];
    const child = fork(__filename, ['--child'], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: ChildResult | null = null;
    child.on('message', (m: { result?: ChildResult; error?: string }) => {
      if (m.error) fail(new Error(`${job.size}/${job.stage}: ${m.error}`));
      else result = m.result ?? null;
    });
    child.on('error', fail);
    child.on('exit', (code) => (result ? ok(result) : fail(new Error(`${job.size}/${job.stage}: child exited with ${code}`))));
    child.send(job);
  });
}

function option(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}
const flag = (name: string) => process.argv.includes(name);

/** Writes a `--require` hook that reports the process's peak RSS (KB) into $BENCH_RSS_FILE on exit. */
function rssHook(dir: string): string {
  const path = join(dir, 'rss-hook.cjs');
  writeFileSync(
    path,
    `process.on('exit', () => { try { require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });\n`,
  );
  return path;
}

/** `budget export` of one size as a whole process (node start-up, open, load, derive, xlsx + json). */
function cliExport(work: string, dbTemplate: string, year: number, warmup: number, runs: number): Figure {
  const cli = join(ROOT, 'dist', 'cli', 'budget.cjs');
  if (!existsSync(cli)) return { median_ms: null, peak_rss_mb: null, note: 'dist/cli/budget.cjs missing' };
  const db = join(work, 'cli.sqlite');
  copyFileSync(dbTemplate, db);
  const hook = rssHook(work);
  const rssFile = join(work, 'cli-rss.txt');
  const times: number[] = [];
  let peak = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--require', hook, cli, 'export', db, '--year', String(year), '--xlsx', join(work, 'cli.xlsx'), '--json', join(work, 'cli.budget.json')],
      { env: { ...process.env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8' },
    );
    const t = performance.now() - t0;
    if (r.status !== 0) throw new Error(`budget export failed (${r.status}): ${r.stderr || r.stdout}`);
    if (i >= warmup) {
      times.push(t);
      peak = Math.max(peak, Number(readFileSync(rssFile, 'utf8')) / 1024);
    }
  }
  return {
    median_ms: r1(median(times)),
    peak_rss_mb: r1(peak),
    runs: times.length,
    command: 'budget export DB --year Y --xlsx OUT.xlsx --json OUT.budget.json',
  };
}

function printTable(results: Results, sizes: readonly Size[]): void {
  const rows = new Set<string>();
  for (const s of sizes) for (const k of Object.keys(results[s] ?? {})) rows.add(k);
  const head = ['stage', ...sizes.map((s) => `${s} ms (peak MB)`), 'large target', 'huge/bureau target'];
  const body = [...rows].map((stage) => {
    const cells = sizes.map((s) => {
      const f = results[s]?.[stage];
      if (!f) return '';
      if (typeof f.ratio === 'number') return `× ${f.ratio.toFixed(2)}`;
      return f.median_ms === null ? 'n/a' : `${f.median_ms.toFixed(1)}${f.peak_rss_mb !== null ? ` (${Math.round(f.peak_rss_mb)})` : ''}`;
    });
    const large = results.large?.[stage];
    let target = '';
    const t = TARGETS[stage];
    if (t !== undefined) target = `< ${t} ms${large?.median_ms != null ? (large.median_ms < t ? ' ✓' : ' ✗') : ''}`;
    if (stage === 'export_xlsx/floor_exceljs')
      target = `≤ ${XLSX_FLOOR_RATIO_TARGET}${typeof large?.ratio === 'number' ? (large.ratio <= XLSX_FLOOR_RATIO_TARGET ? ' ✓' : ' ✗') : ''}`;
    if (stage === 'cli_export')
      target =
        `reference < ${CLI_TARGET_MS} ms` +
        `${results.reference?.cli_export?.median_ms != null ? (results.reference.cli_export.median_ms! < CLI_TARGET_MS ? ' ✓' : ' ✗') : ''}`;
    const h = HUGE_TARGETS[stage];
    const hf = stage === 'summary' ? results.bureau?.[stage] : results.huge?.[stage];
    let hugeTarget = h === undefined ? '' : `< ${h} ms${hf?.median_ms != null ? (hf.median_ms < h ? ' ✓' : ' ✗') : ''}`;
    if (stage === 'export_xlsx/floor_exceljs')
      hugeTarget =
        `≤ ${XLSX_FLOOR_RATIO_TARGET}` +
        `${typeof results.huge?.[stage]?.ratio === 'number' ? ((results.huge[stage]!.ratio! as number) <= XLSX_FLOOR_RATIO_TARGET ? ' ✓' : ' ✗') : ''}`;
    return [stage, ...cells, target, hugeTarget];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}\n`);
  for (const [size, target] of [
    ['large', RSS_TARGET_MB],
    ['huge', HUGE_RSS_TARGET_MB],
  ] as const) {
    const peaks = Object.values(results[size] ?? {})
      .map((f) => f.peak_rss_mb)
      .filter((x): x is number => typeof x === 'number');
    if (!peaks.length) continue;
    const p = Math.max(...peaks);
    process.stdout.write(`\n${size}: highest stage peak RSS ${Math.round(p)} MB (target < ${target} MB${p < target ? ' ✓' : ' ✗'})\n`);
  }
}

async function main(): Promise<void> {
  const sizes = (option('--sizes')?.split(',') ?? SIZES) as Size[];
  const stages = (option('--stages') === 'none' ? [] : (option('--stages')?.split(',') ?? STAGES)) as Stage[];
  for (const s of sizes) if (!(SIZES as readonly string[]).includes(s)) throw new Error(`unknown size ${s}; sizes: ${SIZES.join(', ')}`);
  for (const s of stages) if (!(STAGES as readonly string[]).includes(s)) throw new Error(`unknown stage ${s}; stages: ${STAGES.join(', ')}`);
  const runsOverride = option('--runs') ? Number(option('--runs')) : null;
  const tmp = mkdtempSync(join(tmpdir(), 'budgetdesk-bench-'));
  // A partial run keeps the other figures of the file; `run` describes this run, `earlier_runs` the runs whose
  // figures may still stand beside it.
  const {
    run: earlier,
    earlier_runs: older = [],
    ...kept
  } = existsSync(RESULTS) && (option('--sizes') || option('--stages'))
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Results & { run?: unknown; earlier_runs?: unknown[] })
    : {};
  const earlierRuns = earlier ? [earlier, ...older].slice(0, 5) : older;
  const results: Results = kept;
  let rssMethod = 'VmHWM';
  const load0 = loadavg()[0]!;
  process.stdout.write(
    `BudgetDesk benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, ` +
      `load average ${load0.toFixed(1)}; scratch ${tmp}\n`,
  );
  if (load0 > cpus().length)
    process.stdout.write(
      `note: the machine is busy (load ${load0.toFixed(1)} on ${cpus().length} CPUs): ` +
        'wall times are inflated; median_cpu_ms in results.json is less affected\n',
    );
  try {
    for (const size of sizes) {
      const dir = join(tmp, size);
      mkdirSync(dir);
      const budgetFile = join(dir, `${size}.budget.json`);
      const dbTemplate = join(dir, 'template.sqlite');
      let lines = 0;
      if (size === 'bureau') {
        // Every department imported into one database; budgetFile is the first department's (unused by `summary`).
        bureauDocs().forEach((text, i) => {
          const f = i === 0 ? budgetFile : join(dir, `dept-${i}.budget.json`);
          writeFileSync(f, text);
          lines += importBudgetFile(f, dbTemplate).lines;
          if (i > 0) rmSync(f);
        });
      } else {
        writeFileSync(budgetFile, budgetFileText(size, undefined, ROOT));
        lines = importBudgetFile(budgetFile, dbTemplate).lines;
      }
      const doc = JSON.parse(readFileSync(budgetFile, 'utf8')) as { year: number; department: { code: string } };
      const { warmup, runs } = runsOverride ? { warmup: 1, runs: runsOverride } : RUNS[size];
      process.stdout.write(
        `\n[${size}] ${lines} lines, file ${(readFileSync(budgetFile).length / 2 ** 20).toFixed(1)} MB; ${warmup} warm-up + ${runs} timed runs per stage\n`,
      );
      const out = (results[size] ??= {});
      for (const stage of stages.filter((st) => (size === 'bureau') === BUREAU_STAGES.includes(st))) {
        const work = join(dir, stage);
        mkdirSync(work);
        const input: StageInput = { budgetFile, dbTemplate, work, dept: doc.department.code, year: doc.year };
        const r = await inChild({ size, stage, input, warmup, runs });
        if (r.rssMethod !== 'VmHWM') rssMethod = r.rssMethod;
        const fig: Figure = {
          median_ms: r2(median(r.times)),
          peak_rss_mb: r1(r.peakRssMb),
          median_cpu_ms: r2(median(r.cpu)),
          runs: r.times.length,
          min_ms: r2(Math.min(...r.times)),
          max_ms: r2(Math.max(...r.times)),
        };
        const parts = Object.entries(r.parts);
        if (parts.length) fig.parts_median_ms = Object.fromEntries(parts.map(([k, v]) => [k, r2(median(v))]));
        out[stage] = fig;
        process.stdout.write(
          `  ${stage.padEnd(20)} ${fig.median_ms!.toFixed(1).padStart(9)} ms (cpu ${median(r.cpu).toFixed(1)})` +
            `  peak ${r1(r.peakRssMb).toFixed(0).padStart(4)} MB  (base ${r.baseRssMb.toFixed(0)} MB)` +
            `${parts.length ? `  ${parts.map(([k, v]) => `${k} ${median(v).toFixed(1)}`).join(', ')}` : ''}\n`,
        );
        rmSync(work, { recursive: true, force: true });
      }
      const ratio = (a: string, b: string) => {
        const x = out[a]?.median_ms,
          y = out[b]?.median_ms;
        if (typeof x === 'number' && typeof y === 'number' && y > 0) out[`${a}/${b}`] = { median_ms: null, peak_rss_mb: null, ratio: r2(x / y) };
      };
      ratio('compute', 'floor_groupby');
      // writeWorkbook against the floor measured in the same process, interleaved (see stages.ts floor_exceljs).
      const same = out.floor_exceljs?.parts_median_ms as Record<string, number> | undefined;
      if (same?.export_xlsx_same_process && typeof out.floor_exceljs?.median_ms === 'number') {
        out['export_xlsx/floor_exceljs'] = {
          median_ms: null,
          peak_rss_mb: null,
          ratio: r2(same.export_xlsx_same_process / out.floor_exceljs.median_ms),
          ratio_cpu:
            typeof out.floor_exceljs.median_cpu_ms === 'number' && same.export_xlsx_same_process_cpu
              ? r2(same.export_xlsx_same_process_cpu / out.floor_exceljs.median_cpu_ms)
              : null,
          ratio_separate_processes: typeof out.export_xlsx?.median_ms === 'number' ? r2(out.export_xlsx.median_ms / out.floor_exceljs.median_ms) : null,
          method: 'writeWorkbook and the floor timed alternately in one process (same heap, JIT and machine load)',
        };
      }
      if (!flag('--no-cli') && size !== 'huge' && size !== 'bureau') {
        const work = join(dir, 'cli');
        mkdirSync(work);
        out.cli_export = cliExport(work, dbTemplate, doc.year, size === 'large' ? 1 : 2, size === 'large' ? 5 : 9);
        process.stdout.write(
          `  ${'cli_export'.padEnd(20)} ${String(out.cli_export.median_ms).padStart(9)} ms` +
            `  peak ${String(out.cli_export.peak_rss_mb).padStart(4)} MB (whole process)\n`,
        );
      }
    }
    for (const size of ['large', 'huge'] as const) {
      if (flag('--no-ui') || !sizes.includes(size)) continue;
      const { benchRenderer } = await import('./ui');
      process.stdout.write(`\n[${size}] renderer\n`);
      const ui = await benchRenderer({
        root: ROOT,
        budgetFile: join(tmp, size, `${size}.budget.json`),
        dbTemplate: join(tmp, size, 'template.sqlite'),
        work: join(tmp, `ui-${size}`),
      });
      Object.assign((results[size] ??= {}), ui);
    }
  } finally {
    if (!flag('--keep')) rmSync(tmp, { recursive: true, force: true });
  }
  printTable(
    results,
    SIZES.filter((s) => results[s]),
  );
  // The machine's load is part of every figure: it stands beside them (issue 22), not only in results.meta.json.
  const run = {
    date: new Date().toISOString(),
    load_average_start: r2(load0),
    load_average_end: r2(loadavg()[0]!),
    cpus: cpus().length,
    sizes,
    stages: stages.length === STAGES.length ? 'all' : stages,
  };
  writeFileSync(RESULTS, `${JSON.stringify({ run, ...(earlierRuns.length ? { earlier_runs: earlierRuns } : {}), ...results }, null, 2)}\n`);
  writeFileSync(
    META,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        load_average_start: r2(load0),
        load_average_end: r2(loadavg()[0]!),
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        memory_gb: Math.round(totalmem() / 2 ** 30),
        runs: runsOverride ? { warmup: 1, runs: runsOverride } : RUNS,
        timing: 'wall clock (performance.now), median of the timed runs, full GC before each run',
        peak_rss:
          rssMethod === 'VmHWM'
            ? 'VmHWM of a child process per (size, stage), reset after setup via /proc/self/clear_refs'
            : 'process.memoryUsage().rss sampled after every run, child process per (size, stage)',
        load: 'loadBudgetById + getCatalogs + priorFiguresFor (the whole budget: what the budget file, merge and new year read)',
        compute:
          'tableFigures once, then deriveTables(…, figures) + buildNarrative (budgetFigures from the same pass, prior-year figures) ' +
          'on the loaded budget, as the app does',
        check:
          '校验 after one amount typed in 预算明细 (the edit untimed, through updateLine with its undo record): what checks.run does — ' +
          'loadDisclosureInputs without lines (budget, catalogs, last year; what the engine keeps of the budget, the edit patched into its digest) ' +
          '+ runChecks over the digest, the lines a finding names fetched by value; parts load and rules',
        check_cold:
          'the first 校验 after opening the file: as check, with nothing of the budget kept (forgetBudgets) — ' +
          'the budget without lines, every grain of the digest and last year read from the database',
        export_xlsx: 'writeWorkbook(derived tables) + write file',
        export_xlsx_handler: 'handler export.workbook: load without lines + tables from the stored digest + writeWorkbook + base64',
        export_budget_file: 'loadBudgetById + serializeBudgetFile + write file',
        import: 'read file + openDatabase (new file: migrations, built-in catalogs) + parseBudgetFile + saveBudget',
        edit_roundtrip:
          'handler lines.update (amount) through the handler map, one call answering with the line, totals and undo state (as the renderer does), ' +
          'after one checks.run (what the engine keeps of the budget moved along by each edit); totals verified to the 分',
        floor_groupby: 'SELECT … sum(amount_fen) GROUP BY function_code, economic_code, kind, source, carryover over all lines',
        floor_exceljs:
          'plain exceljs (streaming WorkbookWriter, as the exporter) writing the precomputed cells, styles, widths, heights, merges and page setup; ' +
          'peak RSS includes writeWorkbook timed alongside',
        'export_xlsx/floor_exceljs': 'ratio of writeWorkbook to the floor timed alternately in the same child process',
        summary:
          "bureau (100 departments × 3,000 lines in one database): loadYearBudgets + bureauSummary (each department's figures, the 12 tables over all lines) " +
          '+ writeWorkbook + write file, as `budget summary` does',
        sizes:
          'reference (fixture), medium (3,000 lines), large (30,000 lines, 400 projects), ' +
          'huge (300,000 lines, 500 units, 4,000 projects × 8 indicators), bureau (100 departments × 3,000 lines)',
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`\nwrote ${RESULTS}\n`);
}

if (process.argv.includes('--child')) {
  process.once('message', (job: Job) => {
    runChild(job).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (e: unknown) => process.send!({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1)),
    );
  });
} else {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
