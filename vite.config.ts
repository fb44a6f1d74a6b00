import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { CSP } from './api/csp';

// The CSP meta tag (the contract's CSP, verbatim) goes in at build time only: Vite's dev server needs
// an inline preamble for React refresh, which the policy (rightly) forbids.
const cspMeta: Plugin = {
  name: 'budgetdesk-csp',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
};

// Catalog data files are imported as text, as the Node bundles do with esbuild.
const tsvAsText: Plugin = {
  name: 'tsv-as-text',
  enforce: 'pre',
  load(id) {
    return id.endsWith('.tsv') ? `export default ${JSON.stringify(readFileSync(id, 'utf8'))};` : null;
  },
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta, tsvAsText],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // No inline data: URLs for assets, keeps CSP simple.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
});
