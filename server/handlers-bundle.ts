// The handler map bundled for plain Node (dist/server/handlers.cjs), for the e2e "injected bridge" runs:
// Playwright's TS loader cannot import the .tsv catalog data, the esbuild bundle has it inlined.
//
//   const { createTestTransport } = require('../dist/server/handlers.cjs');
//   const t = createTestTransport({ dbPath, exportDir });
//   await page.exposeFunction('__budgetdeskInvoke', t.invoke);
//   await page.addInitScript(() => { window.budgetdesk = { mode: 'test',
//     invoke: (c, a) => window.__budgetdeskInvoke(c, a), onMenu: () => () => {} }; });
//
// invoke() behaves like the Electron transport: export channels write the file into exportDir and
// resolve to { kind: 'saved', path }.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, isChannel, isExportChannel, unknownChannel } from '../api/channels';
import type { ExportFile, Result } from '../api/result';
import { createEngine, createHandlers, type Engine } from '../api/handlers';
import { openDatabase } from '../db/open';

export { CHANNELS, createEngine, createHandlers, openDatabase };

export interface TestTransport {
  engine: Engine;
  invoke(channel: string, args: unknown): Promise<Result<unknown>>;
  close(): void;
}

/** `defaultDbPath`: what db.status offers for 新建 (e2e/fixtures.ts: the test's own database file, not yet created). */
export function createTestTransport(opts: { dbPath?: string; defaultDbPath?: string; exportDir: string; create?: boolean }): TestTransport {
  const engine = createEngine({ mode: 'test', defaultDbPath: opts.defaultDbPath ?? opts.dbPath ?? join(opts.exportDir, 'budgetdesk.sqlite'), version: 'test' });
  if (opts.dbPath) engine.open(opts.dbPath, { create: opts.create ?? true });
  return {
    engine,
    async invoke(channel, args) {
      if (!isChannel(channel)) return unknownChannel(channel);
      const r = await (engine.handlers[channel] as (a: unknown) => Promise<Result<unknown>>)(args);
      if (!r.ok || !isExportChannel(channel)) return r;
      const file = r.value as ExportFile;
      mkdirSync(opts.exportDir, { recursive: true });
      const path = join(opts.exportDir, file.fileName);
      writeFileSync(path, Buffer.from(file.data, 'base64'));
      return { ok: true, value: { kind: 'saved', path } };
    },
    close: () => engine.close(),
  };
}
