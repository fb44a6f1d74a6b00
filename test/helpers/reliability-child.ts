// Child process for the reliability tests (bundled by test/helpers/build.ts nodeBundle, run with node).
//   edit <db> <ackFile>   edits through the real db/edits.ts functions forever; after each commit appends
//                          the acknowledged edit to ackFile and fsyncs it (a write the app reported as saved).
//   hold <db>             opens the database the way the app does (instance lock) and waits.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { addLines, createBudget, deleteLines, findBudget, listLines, updateLine, addUnit, type BudgetInfo } from '../../db/edits';
import { openLockedDatabase } from '../../db/instance-lock';

const [mode, dbPath, ackPath] = process.argv.slice(2);

if (mode === 'hold') {
  openLockedDatabase(dbPath!, { create: true });
  process.stdout.write('ready\n');
  setInterval(() => {}, 1000);
} else if (mode === 'edit') {
  const db = openLockedDatabase(dbPath!, { create: true });
  let b: BudgetInfo;
  try {
    b = findBudget(db, '901', 2025);
  } catch {
    b = createBudget(db, '901', '测试部门', 2025);
    addUnit(db, b, { code: '901001', name: '本级', nature: '行政', grade: '', funding: '' });
    addLines(db, b, [{ unit: '901001', function: '2012901', economic: '30101', kind: 'basic', source: 'general', amount: '1.00', memo: 'counter' }]);
  }
  const fd = openSync(ackPath!, 'a');
  const ack = (s: string) => {
    writeSync(fd, `${s}\n`);
    fsyncSync(fd);
  };
  const lines = listLines(db, b.id);
  const counter = lines.find((l) => l.memo === 'counter')!;
  let seq = Number(counter.amount / 100n); // 分 → whole 元
  const pid = process.pid;
  for (let i = 0; ; i++) {
    seq++;
    const r = i % 4;
    if (r === 0 || r === 1) {
      // A batch of 3 lines, all or nothing; memos identify them.
      const memos = [0, 1, 2].map((k) => `p${pid}-${i}-${k}`);
      addLines(
        db,
        b,
        memos.map((memo, k) => ({
          unit: '901001',
          function: '2012901',
          economic: '30201',
          kind: 'basic',
          source: 'general',
          amount: `${i + k + 1}.${String(k * 7).padStart(2, '0')}`,
          memo,
        })),
      );
      ack(`a ${memos.join(' ')}`);
    } else if (r === 2) {
      updateLine(db, b, counter.id, { amount: `${seq}.00` });
      ack(`u ${seq}`);
    } else {
      const victim = listLines(db, b.id).find((l) => l.memo !== 'counter' && l.memo?.startsWith(`p${pid}-`));
      if (victim) {
        deleteLines(db, b, [victim.id]);
        ack(`d ${victim.memo}`);
      }
    }
  }
  closeSync(fd);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
