import { useState } from 'react';
import type { AppError, ExportOutcome } from '../../electron/ipc/contract';
import { invoke, bridgeMode } from '../bridge';
import { useBudget } from '../state';
import { ErrorView } from '../components/ErrorView';

type Kind = 'export.workbook' | 'export.budgetFile';

function Outcome({ o }: { o: ExportOutcome }) {
  if (o.kind === 'cancelled') return <div className="muted">已取消导出。</div>;
  if (o.kind === 'downloaded') return <div className="notice" data-testid="export-outcome">已下载：{o.fileName}（在浏览器的下载文件夹中）</div>;
  return (
    <div className="notice" data-testid="export-outcome">
      已保存到 <span className="path" data-testid="export-path">{o.path}</span>
      {/* Opening the folder is offered by the desktop app's "导出完成" dialog (打开所在文件夹). */}
    </div>
  );
}

export function ExportPage() {
  const budget = useBudget();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [result, setResult] = useState<Partial<Record<Kind, ExportOutcome>>>({});
  const [error, setError] = useState<Partial<Record<Kind, AppError>>>({});
  const run = async (k: Kind) => {
    setBusy(k);
    const r = await invoke(k, { budget });
    setBusy(null);
    if (r.ok) { setResult((x) => ({ ...x, [k]: r.value })); setError((x) => ({ ...x, [k]: undefined })); }
    else { setError((x) => ({ ...x, [k]: r.error })); setResult((x) => ({ ...x, [k]: undefined })); }
  };
  const where = bridgeMode() === 'browser' ? '文件将通过浏览器下载。' : '点击后选择保存位置。';
  return (
    <div>
      <section className="panel">
        <h2>部门预算公开表（Excel 工作簿）</h2>
        <p className="muted">全部标准表格（收支总表至固定资产占用情况表，含项目支出绩效目标表），与“报表预览”同一规格、同一数字。{where}</p>
        <button className="btn primary" disabled={busy !== null} onClick={() => void run('export.workbook')}>{busy === 'export.workbook' ? '正在导出…' : '导出工作簿（.xlsx）'}</button>
        {result['export.workbook'] && <Outcome o={result['export.workbook']} />}
        <ErrorView error={error['export.workbook']} />
      </section>
      <section className="panel">
        <h2>预算文件（dept-budget/1）</h2>
        <p className="muted">完整的预算数据（JSON），用于备份或在计算机之间迁移，可在“开始”页导入。{where}</p>
        <button className="btn" disabled={busy !== null} onClick={() => void run('export.budgetFile')}>{busy === 'export.budgetFile' ? '正在导出…' : '导出预算文件（.budget.json）'}</button>
        {result['export.budgetFile'] && <Outcome o={result['export.budgetFile']} />}
        <ErrorView error={error['export.budgetFile']} />
      </section>
    </div>
  );
}
