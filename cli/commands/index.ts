// The `budget` subcommands. A new command = a module in this folder, its usage in ./usage.ts and one line
// here. Modules are loaded on demand so that `budget list` does not pay for exceljs.
import type { Command } from './types';
import { USAGE } from './usage';

/**
 * `writes`: the command changes the database, so it opens it through the one writing gate (the instance lock
 * on the real file, read-only files refused); the others open it read-only and never change a byte of it
 * (cli/common.ts openCommandDb decides by this flag; test/trust-gate.test.ts walks the table).
 */
export interface CommandEntry {
  usage: string;
  summary: string;
  writes: boolean;
  load: () => Promise<Command>;
}

type Name = keyof typeof USAGE;

const LOADERS: Record<Name, () => Promise<Command>> = {
  import: async () => (await import('./import')).command,
  'import-sheet': async () => (await import('./import-sheet')).command,
  export: async () => (await import('./export')).command,
  check: async () => (await import('./check')).command,
  summary: async () => (await import('./summary')).command,
  list: async () => (await import('./list')).command,
  compare: async () => (await import('./compare')).command,
  'prior-import': async () => (await import('./prior-import')).command,
  'new-year': async () => (await import('./new-year')).command,
  control: async () => (await import('./control')).command,
  'control-import': async () => (await import('./control')).importCommand,
  handout: async () => (await import('./control')).handoutCommand,
  finalize: async () => (await import('./finalize')).command,
};

export const COMMANDS: Record<string, CommandEntry> = Object.fromEntries(
  (Object.keys(USAGE) as Name[]).map((name) => [name, { ...USAGE[name], load: LOADERS[name] }]),
);
