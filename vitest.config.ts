import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';

// Catalog data files are imported as text (esbuild's 'text' loader does the same for the bundles).
const tsvAsText = {
  name: 'tsv-as-text',
  enforce: 'pre' as const,
  load(id: string) {
    if (id.endsWith('.tsv')) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    return null;
  },
};

export default defineConfig({
  plugins: [tsvAsText],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/helpers/fuzz-seed.ts'],
  },
});
