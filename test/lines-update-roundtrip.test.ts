// lines.update answers with everything the 预算明细 page shows after an edit (the line, the budget's
// totals, the undo/redo state), so one edit is one round trip. What it returns must be exactly what
// budget.totals and edit.state say right after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArgsIn, Channel, Result, ResultTypes } from '../api/contract';
import { createEngine, type Engine } from '../api/handlers';
import { tempDir } from './helpers/db';
import { fixtureText } from './helpers/fixture';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
const budget = { dept: '711', year: 2025 };

async function value<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<ResultTypes[K]> {
  const r = (await engine.handlers[channel](args)) as Result<ResultTypes[K]>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'test', defaultDbPath: tmp.file('default.sqlite'), version: 'test' });
  await value('db.create', { path: tmp.file('b.sqlite') });
  await value('import.budgetFile', { fileName: '711-2025.budget.json', text: fixtureText() });
});
afterAll(() => {
  engine?.close();
  tmp?.cleanup();
});

describe('lines.update in one round trip', () => {
  it('returns the stored line with the totals and undo state read after the write', async () => {
    const [first] = await value('lines.list', { budget });
    const before = await value('budget.totals', { budget });
    const u = await value('lines.update', { budget, id: first!.id, changes: { amount: '16400.01' } });
    const { totals, edit, ...line } = u;
    expect(line).toEqual({ ...first, amount: '16400.01' });
    expect(totals).toEqual(await value('budget.totals', { budget }));
    expect(totals.total).not.toBe(before.total);
    expect(edit).toEqual(await value('edit.state', { budget }));
    expect(edit).toEqual({ canUndo: true, canRedo: false, undoLabel: '修改金额', redoLabel: null });

    await value('edit.undo', { budget });
    expect(await value('budget.totals', { budget })).toEqual(before);
  });
});
