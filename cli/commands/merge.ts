// `budget import FILE --db DB --merge [--replace]`: merge a unit's budget file into its department's
// budget (db/merge.ts). A backup copy of the database is written next to it first.
import { listForMessage, narrativeText, unitLabel } from '../../core/merge';
import { figureLine } from '../../core/control/report';
import { formatYuanGrouped } from '../../core/money';
import { mergeBudgetFile } from '../../db/merge';
import { backupBeside, openCommandDb } from '../common';
import { CliError } from '../errors';

export async function runMerge(dbPath: string, text: string, replace: boolean): Promise<void> {
  // The app's lock, as every writing command takes it.
  const db = openCommandDb('import', dbPath);
  try {
    const r = await mergeBudgetFile(db, text, { replace, backup: backupBeside(db) });
    if (!r.ok) throw new CliError(r.message);
    const out = (s: string) => process.stdout.write(`${s}\n`);
    for (const w of r.warnings) out(`警告：${w}`);
    const added = r.units.filter((u) => !r.replacedUnits.includes(u.code));
    out(
      `已合并到 ${r.deptCode} ${r.deptName} ${r.year} 年预算：${r.lines} 条明细，合计 ${formatYuanGrouped(r.added.total)} 元；` +
        `项目 ${r.projects} 个（绩效指标 ${r.indicators} 条），政府采购 ${r.procurement} 条，资产 ${r.assets} 条`,
    );
    if (added.length) out(`新增单位：${listForMessage(added.map(unitLabel))}`);
    if (r.replacedUnits.length) {
      out(
        `替换单位：${listForMessage(r.replacedUnits)}（先删除其原有明细 ${r.removed.lines} 条、项目 ${r.removed.projects} 个、` +
          `政府采购 ${r.removed.procurement} 条、资产 ${r.removed.assets} 条）`,
      );
    }
    if (r.controlFigures.length) {
      out('控制数：');
      for (const f of r.controlFigures) out(`  ${figureLine(f)}`);
    }
    if (r.controlDiffers.length) out(`注意：文件中以下控制数与部门原有的不同，已以文件为准：${listForMessage(r.controlDiffers)}`);
    if (r.narrativeOffered) {
      out('单位文件中的情况说明未合并（部门的情况说明保持不变）；如需采用，请在“情况说明”中编辑。其内容如下：');
      for (const line of narrativeText(r.narrativeOffered)) out(`  ${line}`);
    }
    out(`合并前的数据库已备份到：${r.backup}`);
  } finally {
    db.close();
  }
}
