// issue 19 hole 12, on a real full disk (a small tmpfs mounted for this test; the test machine runs as root)
// through the real `budget` CLI process: no lock can be written → 磁盘空间不足 and no empty lock left behind;
// a database that cannot be created on a full disk leaves no stub.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBundle } from './helpers/build';
import { tempDir } from './helpers/db';
import { FIXTURE_PATH } from './helpers/fixture';

let tmp: ReturnType<typeof tempDir>;
let cli = '';
let disk = '';
beforeAll(async () => {
  tmp = tempDir();
  cli = await nodeBundle('cli/budget.ts');
  disk = tmp.file('disk');
  mkdirSync(disk);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]);
});
afterAll(() => {
  if (disk) spawnSync('umount', [disk]);
  tmp.cleanup();
});

function budget(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp.dir, encoding: 'utf8', env: { ...process.env, BUDGETDESK_DATA_DIR: tmp.file('data') } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Fills the disk, leaving `leave` bytes (rounded to pages by tmpfs). */
function fill(name: string, leave: number): void {
  const fd = openSync(`${disk}/${name}`, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) {
      const st = statfsSync(disk);
      const free = st.bavail * st.bsize;
      if (free <= leave) break;
      writeSync(fd, block);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

describe('hole 12: a full disk', () => {
  it('creating a database that does not fit is refused with 磁盘空间不足 and leaves no stub', () => {
    fill('filler-a', 8192);
    const r = budget('import', FIXTURE_PATH, '--db', `${disk}/new.sqlite`);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/磁盘空间不足/);
    expect(r.err).not.toMatch(/意外错误|Error|ENOSPC/);
    expect(readdirSync(disk).filter((f) => f.startsWith('new.sqlite'))).toEqual([]);
  });

  it('no room for the lock: refused with 磁盘空间不足, no empty lock left, the database untouched', () => {
    const db = tmp.file('full.sqlite');
    expect(budget('import', FIXTURE_PATH, '--db', db).code).toBe(0);
    rmSync(`${disk}/filler-a`, { force: true });
    copyFileSync(db, `${disk}/full.sqlite`);
    fill('filler-b', 0);
    const r = budget('finalize', `${disk}/full.sqlite`, '--year', '2025');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/磁盘空间不足/);
    expect(r.err).not.toMatch(/意外错误|Error|ENOSPC/);
    expect(existsSync(`${disk}/full.sqlite.lock`)).toBe(false);
    expect(readFileSync(`${disk}/full.sqlite`).equals(readFileSync(db))).toBe(true);
  });
});
