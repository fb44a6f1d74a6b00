// Builds the Node bundles (scripts/build.mjs --no-renderer) only when dist/ is older than the sources, so
// test files run in parallel do not rewrite dist/ under each other (npm test builds everything first).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
