// Builds everything into dist/: Node-side entry points bundled with esbuild (CommonJS, native
// and heavy modules left external), the renderer with Vite. `build/` is electron-builder's only.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const external = ['electron', 'better-sqlite3', 'exceljs', 'playwright-core', 'fsevents', '@e965/xlsx'];

// [entry, outfile] — entries that do not exist yet are skipped, so the build works while parts are added.
const nodeEntries = [
  ['cli/budget.ts', 'dist/cli/budget.cjs'],
  ['electron/main.ts', 'dist/electron/main.cjs'],
  ['electron/preload.ts', 'dist/electron/preload.cjs'],
  ['electron/engine.ts', 'dist/electron/engine.cjs'],
  ['server/serve.ts', 'dist/server/serve.cjs'],
  // The handler map for plain Node (e2e injected bridge): Playwright's loader cannot import .tsv data.
  ['server/handlers-bundle.ts', 'dist/server/handlers.cjs'],
  ['bench/bench.ts', 'dist/bench/bench.cjs'],
];

for (const [entry, outfile] of nodeEntries) {
  if (!existsSync(entry)) continue;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    sourcemap: true,
    logLevel: 'warning',
    banner: entry.startsWith('cli/') ? { js: '#!/usr/bin/env node' } : undefined,
    loader: { '.tsv': 'text', '.txt': 'text' },
  });
}

if (existsSync('renderer/index.html') && !process.argv.includes('--no-renderer')) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
