// `npm test` starts with scripts/preflight.mjs: on a machine without the system packages (and no apt-get
// to install them) it stops at once with one line naming what to install.
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from './helpers/db';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('names the missing Debian packages in one line and fails', () => {
  symlinkSync(process.execPath, tmp.file('node'));
  const r = spawnSync(tmp.file('node'), [resolve(__dirname, '../scripts/preflight.mjs')], { encoding: 'utf8', env: { PATH: tmp.dir } });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^测试缺少系统软件包.*apt-get install -y --no-install-recommends chromium poppler-utils libreoffice-calc-nogui\n$/);
});
