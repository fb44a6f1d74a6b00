// `budget import FILE --db DB --merge [--replace]`: merge a unit's budget file into its department's
// budget (db/merge.ts). A backup copy of the database is written next to it first.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listForMessage, narrativeText, unitLabel } from '../../core/merge';
import { formatYuanGrouped } from '../../core/money';
import { writeBackup } from '../../db/backup';
import { mergeBudgetFile } from '../../db/merge';
import { openCommandDb } from '../common';
import { CliError } from '../errors';

const stamp = (d: Date) => d.toISOString().replace(/[-:.]/g, '');

/** A backup name beside the database that no earlier merge has taken (two merges may fall in one millisecond). */
function freshBackupPath(dbPath: string): string {
  const base = join(dirname(dbPath), `${basename(dbPath)}.合并前-${stamp(new Date())}`);
  let path = `${base}.sqlite`;
  for (let n = 2; existsSync(path); n++) path = `${base}-${n}.sqlite`;
  return path;
}

export async function runMerge(dbPath: string, text: string, replace: boolean): Promise<void> {
  // The app's lock, as every writing command takes it.
  const db = openCommandDb('import', dbPath);
  try {
    const backupPath = freshBackupPath(dbPath);
    const r = await mergeBudgetFile(db, text, { replace, backup: async () => { await writeBackup(db, backupPath); return backupPath; } });
    if (!r.ok) throw new CliError(r.message);
    const out = (s: string) => process.stdout.write(`${s}\n`);
    for (const w of r.warnings) out(`警告：${w}`);
    const added = r.units.filter((u) => !r.replacedUnits.includes(u.code));
    out(`已合并到 ${r.deptCode} ${r.deptName} ${r.year} 年预算：${r.lines} 条明细，合计 ${formatYuanGrouped(r.added.total)} 元；项目 ${r.projects} 个（绩效指标 ${r.indicators} 条），政府采购 ${r.procurement} 条，资产 ${r.assets} 条`);
    if (added.length) out(`新增单位：${listForMessage(added.map(unitLabel))}`);
    if (r.replacedUnits.length) {
      out(`替换单位：${listForMessage(r.replacedUnits)}（先删除其原有明细 ${r.removed.lines} 条、项目 ${r.removed.projects} 个、政府采购 ${r.removed.procurement} 条、资产 ${r.removed.assets} 条）`);
    }
    if (r.narrativeOffered) {
      out('单位文件中的情况说明未合并（部门的情况说明保持不变）；如需采用，请在“情况说明”中编辑。其内容如下：');
      for (const line of narrativeText(r.narrativeOffered)) out(`  ${line}`);
    }
    out(`合并前的数据库已备份到：${r.backup}`);
  } finally {
    db.close();
  }
}
