// The `budget` CLI for the CLI tests: bundled once per test process (nodeBundle, so dist/ is never rebuilt
// under other test files) and run as a child process whose working directory is the file's temp dir.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { nodeBundle } from './build';
import { tempDir } from './db';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export interface CliFixture {
  /** The temp dir of the test file (the CLI's working directory). */
  readonly tmp: ReturnType<typeof tempDir>;
  /** `budget <args>`: exit code, stdout, stderr. */
  budget(...args: string[]): CliRun;
  /** `budget <args>` that must succeed: its stdout, or an error with its stderr. */
  ok(...args: string[]): string;
}

/** Registers the hooks that bundle the CLI and create (and remove) the temp dir; returns the live fixture. */
export function useCli(): CliFixture {
  let cli = '';
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    cli = await nodeBundle('cli/budget.ts');
    tmp = tempDir();
  });
  afterAll(() => tmp?.cleanup());
  const budget = (...args: string[]): CliRun => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp!.dir, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  return {
    get tmp() {
      return tmp!;
    },
    budget,
    ok(...args) {
      const r = budget(...args);
      if (r.code !== 0) throw new Error(`budget ${args[0]} failed (${r.code}): ${r.err}`);
      return r.out;
    },
  };
}

/** The bundled CLI as an awaited child process (not spawnSync: the test worker keeps answering while it runs). */
export function runCli(cli: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], opts);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.once('close', (code) => done({ code, out, err }));
  });
}
