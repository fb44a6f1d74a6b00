// The API's shape: the transports' channel list (api/channels.ts) is exactly the methods merged from
// the domain modules, every method has a schema and an implementation, and the renderer bundle carries no
// zod (it imports only the channel list and types).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../api/api';
import { CHANNELS, isChannel } from '../api/channels';

const ROOT = resolve(__dirname, '..');

describe('channels and methods', () => {
  it('the channel list is the handler map: same names, no duplicates', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect(Object.keys(METHODS).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) {
      expect(isChannel(c)).toBe(true);
      expect(typeof METHODS[c].run, c).toBe('function');
      expect(typeof METHODS[c].args.safeParse, c).toBe('function');
    }
  });
});

describe('renderer bundle', () => {
  it('holds no zod: the renderer imports only the zod-free channel list and types', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'budgetdesk-renderer-'));
    try {
      const out = (await build({
        configFile: join(ROOT, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true, write: false },
      })) as Rollup.RollupOutput;
      const chunks = out.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      const modules = chunks.flatMap((c) => Object.keys(c.modules));
      expect(modules.some((m) => m.includes('renderer/main.tsx'))).toBe(true);
      expect(modules.some((m) => /node_modules[\\/]react-dom[\\/]/.test(m))).toBe(true); // ids name their package
      expect(modules.filter((m) => /node_modules[\\/]zod[\\/]/.test(m))).toEqual([]);
      expect(modules.filter((m) => /electron[\\/]ipc[\\/](api|schemas|handlers|domains)/.test(m))).toEqual([]);
      for (const c of chunks) expect(c.code).not.toContain('ZodError');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
