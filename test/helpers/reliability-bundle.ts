// Bundles test/helpers/reliability-child.ts for plain node (the real db modules; catalog data inlined as
// esbuild does for the app), once per test run.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

let bundled: Promise<string> | null = null;

export function childBundle(): Promise<string> {
  bundled ??= (async () => {
    // Inside the repo so that node finds better-sqlite3 in node_modules; one file per test worker.
    const dir = resolve(__dirname, '../../node_modules/.cache/budgetdesk-reliability');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, `child-${process.pid}.cjs`);
    await build({
      entryPoints: [resolve(__dirname, 'reliability-child.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3'],
      loader: { '.tsv': 'text', '.txt': 'text' },
      logLevel: 'error',
    });
    process.once('exit', () => rmSync(out, { force: true }));
    return out;
  })();
  return bundled;
}
