// The handler map over a real SQLite file in a temp dir, as the IPC tests use it: a fresh temp dir and
// engine around each test (or once per file), and typed channel calls that return the Result or unwrap it.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ArgsIn, Channel, Result, ResultTypes } from '../../api/contract';
import { createEngine, type Engine, type HandlerContext } from '../../api/handlers';
import { tempDir } from './db';
import { fixtureText } from './fixture';

type TempDir = ReturnType<typeof tempDir>;

export interface ChannelCalls {
  call<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<Result<ResultTypes[K]>>;
  /** The value of an ok Result; a refusal throws, naming the channel. */
  value<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<ResultTypes[K]>;
}

/** Typed calls into the handler map of whatever engine `engine()` returns at call time. */
export function channelCalls(engine: () => Engine): ChannelCalls {
  async function call<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<Result<ResultTypes[K]>> {
    return (await engine().handlers[channel](args)) as Result<ResultTypes[K]>;
  }
  async function value<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<ResultTypes[K]> {
    const r = await call(channel, args);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  }
  return { call, value };
}

export interface TestEngine extends ChannelCalls {
  /** The temp dir of the current test (of the file with scope 'all'). */
  readonly tmp: TempDir;
  /** The engine under test. A test may close it and put another in its place; the fixture closes the last one. */
  engine: Engine;
  /** A new engine with the fixture's context (mode, default database path), plus `extra`. */
  newEngine(extra?: Partial<HandlerContext>): Engine;
}

export interface TestEngineOptions {
  mode?: HandlerContext['mode'];
  /** The default database path, relative to the temp dir (shown by db.status). */
  defaultDb?: string;
  /** A fresh temp dir and engine for each test (default), or one for the whole file. */
  scope?: 'each' | 'all';
  /** Runs right after the engine is created, in the same hook (so it never races it). */
  setup?: (t: TestEngine) => Promise<void> | void;
}

/** Registers the hooks that create and remove the temp dir and the engine; returns the live fixture. */
export function useTestEngine(opts: TestEngineOptions = {}): TestEngine {
  let tmp: TempDir | undefined;
  let engine: Engine | undefined;
  const t: TestEngine = {
    get tmp() {
      return tmp!;
    },
    get engine() {
      return engine!;
    },
    set engine(e: Engine) {
      engine = e;
    },
    newEngine: (extra = {}) =>
      createEngine({ mode: opts.mode ?? 'test', defaultDbPath: tmp!.file(opts.defaultDb ?? 'default.sqlite'), version: 'test', ...extra }),
    ...channelCalls(() => engine!),
  };
  const [before, after] = opts.scope === 'all' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    tmp = tempDir();
    engine = t.newEngine();
    await opts.setup?.(t);
  });
  after(() => {
    engine?.close();
    tmp?.cleanup();
  });
  return t;
}

/** setup: a new database file b.sqlite with a budget file (default: the reference fixture) imported into it. */
export function importedBudgetFile(text: () => string = fixtureText): (t: TestEngine) => Promise<void> {
  return async ({ tmp, value }) => {
    await value('db.create', { path: tmp.file('b.sqlite') });
    await value('import.budgetFile', { fileName: '711-2025.budget.json', text: text() });
  };
}
