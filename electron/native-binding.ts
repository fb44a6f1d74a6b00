// In development the engine runs under Electron's ABI while node_modules/better-sqlite3 is built for plain
// Node (tests, CLI). scripts/start.mjs builds an Electron copy once and passes its path in
// BUDGETDESK_SQLITE_NODE; this hook makes Node's loader take that file whenever better_sqlite3.node is
// loaded. Packaged apps (electron-builder rebuilds in place) leave the variable unset: no effect.
import Module from 'node:module';
import { basename } from 'node:path';

type NodeLoader = (module: unknown, filename: string) => unknown;

export function useElectronSqliteBinding(path: string | undefined = process.env.BUDGETDESK_SQLITE_NODE): void {
  if (!path) return;
  const exts = (Module as unknown as { _extensions: Record<string, NodeLoader> })._extensions;
  const original = exts['.node']!;
  exts['.node'] = (module, filename) => original(module, basename(filename) === 'better_sqlite3.node' ? path : filename);
}
