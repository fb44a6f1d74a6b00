// Building for the tests, so that test files run in parallel never rebuild dist/ under each other:
// - nodeBundle: one entry point bundled for plain node into this test process's own folder (the CLI, main,
//   the reliability child); nothing in dist/ is written or read.
// - ensureBuilt: for tests that need dist/ itself (the server serving the built renderer): builds
//   (scripts/build.mjs) only when dist/ is older than the sources (npm test builds everything first).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SOURCES = ['core', 'db', 'electron', 'server', 'cli'];

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Ensures `outputs` (paths under dist/) exist and are newer than every source file; builds otherwise. */
export function ensureBuilt(outputs: string[], opts: { renderer?: boolean } = {}): void {
  const src = Math.max(...SOURCES.map((d) => (existsSync(join(ROOT, d)) ? newestMtime(join(ROOT, d)) : 0)));
  const stale = outputs.some((o) => !existsSync(join(ROOT, o)) || statSync(join(ROOT, o)).mtimeMs < src);
  if (stale) execFileSync(process.execPath, ['scripts/build.mjs', ...(opts.renderer ? [] : ['--no-renderer'])], { cwd: ROOT, stdio: 'pipe' });
}

/** This process's bundles: inside the repo so that node finds better-sqlite3 and exceljs in node_modules;
 *  laid out as dist/ is (electron/main.cjs finds ../renderer); removed when the process exits. */
export const BUNDLE_DIR = resolve(ROOT, `node_modules/.cache/budgetdesk-test/${process.pid}`);
const bundles = new Map<string, Promise<string>>();

/** Test workers are often ended without an 'exit' event: the folders of processes that are gone go here. */
function removeBundlesOfEndedProcesses(): void {
  const parent = dirname(BUNDLE_DIR);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * `entry` (relative to the repository root, e.g. 'cli/budget.ts') bundled as scripts/build.mjs bundles the
 * Node entry points (CommonJS, the same externals, catalog data inlined), once per test process; resolves
 * to the bundle's path, BUNDLE_DIR/<entry's folder>/<name>.cjs.
 */
export function nodeBundle(entry: string): Promise<string> {
  let p = bundles.get(entry);
  if (!p) {
    const outfile = join(BUNDLE_DIR, entry.replace(/\.ts$/, '.cjs'));
    if (bundles.size === 0) {
      removeBundlesOfEndedProcesses();
      process.once('exit', () => rmSync(BUNDLE_DIR, { recursive: true, force: true }));
    }
    p = build({
      entryPoints: [resolve(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'better-sqlite3', 'exceljs', 'playwright-core', 'fsevents', '@e965/xlsx'],
      loader: { '.tsv': 'text', '.txt': 'text' },
      logLevel: 'error',
    }).then(() => outfile);
    bundles.set(entry, p);
  }
  return p;
}
