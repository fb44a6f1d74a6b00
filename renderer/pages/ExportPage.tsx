// 导出: workbook, disclosure PDF, budget file. Before any export the 审核 rules run; with 错误 the clerk is
// asked first (an in-app dialog with a link to 校验). The engine returns the bytes, the transport decides:
// the desktop app shows a save dialog (then 打开所在文件夹 here), the browser downloads.
import { useEffect, useState } from 'react';
import type { AppError, ExportOutcome } from '../../api/contract';
import { invoke, bridgeMode } from '../bridge';
import { useApp, useBudget } from '../state';
import { ErrorView } from '../components/ErrorView';
import { ConfirmDialog } from '../components/ConfirmDialog';

type Kind = 'export.workbook' | 'export.pdf' | 'export.budgetFile';

function Outcome({ o }: { o: ExportOutcome }) {
  const [error, setError] = useState<AppError | null>(null);
  if (o.kind === 'cancelled') return <div className="muted">已取消导出。</div>;
  if (o.kind === 'downloaded')
    return (
      <div className="notice" data-testid="export-outcome">
        已下载：{o.fileName}（在浏览器的下载文件夹中）
      </div>
    );
  const showFolder = async () => {
    const r = await invoke('shell.showExportFolder', { path: o.path });
    setError(r.ok ? null : r.error);
  };
  return (
    <>
      <div className="notice" data-testid="export-outcome">
        已保存到{' '}
        <span className="path" data-testid="export-path">
          {o.path}
        </span>{' '}
        {/* Only a path a save dialog of this session returned: main refuses any other. */}
        {bridgeMode() !== 'browser' && (
          <button className="btn small" onClick={() => void showFolder()}>
            打开所在文件夹
          </button>
        )}
      </div>
      <ErrorView error={error} />
    </>
  );
}

interface Pending {
  kind: Kind;
  errors: number;
  hints: number;
}

const WORKING: Record<Kind, string> = {
  'export.workbook': '正在生成工作簿',
  'export.pdf': '正在生成 PDF（排版并打印封面、目录、情况说明和全部公开表，页数多时需要十几秒）',
  'export.budgetFile': '正在生成预算文件',
};

/** While an export runs: a moving bar and the seconds so far, so the clerk sees it working (a PDF can take a while). */
function ExportProgress({ kind }: { kind: Kind }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const t = window.setInterval(() => setSeconds((n) => n + 1), 1000);
    return () => window.clearInterval(t);
  }, []);
  return (
    <div className="row" role="status" data-testid="export-progress">
      <progress aria-label="导出进度" />
      <span className="muted">
        {WORKING[kind]}…{seconds > 0 ? `已用 ${seconds} 秒` : ''}
      </span>
    </div>
  );
}

export function ExportPage() {
  const budget = useBudget();
  const app = useApp();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [checking, setChecking] = useState<Kind | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [result, setResult] = useState<Partial<Record<Kind, ExportOutcome>>>({});
  const [error, setError] = useState<Partial<Record<Kind, AppError>>>({});

  const run = async (k: Kind) => {
    setBusy(k);
    const r = await invoke(k, { budget });
    setBusy(null);
    if (r.ok) {
      setResult((x) => ({ ...x, [k]: r.value }));
      setError((x) => ({ ...x, [k]: undefined }));
    } else {
      setError((x) => ({ ...x, [k]: r.error }));
      setResult((x) => ({ ...x, [k]: undefined }));
    }
  };

  /** 审核 first; ask when there are 错误, export straight away otherwise. */
  const start = async (k: Kind) => {
    setChecking(k);
    const c = await invoke('checks.run', { budget });
    setChecking(null);
    if (!c.ok) {
      setError((x) => ({ ...x, [k]: { ...c.error, message: `导出前的校验未能运行：${c.error.message}` } }));
      return;
    }
    if (c.value.summary.errors > 0) {
      setPending({ kind: k, errors: c.value.summary.errors, hints: c.value.summary.hints });
      return;
    }
    await run(k);
  };

  const idle = busy === null && checking === null;
  const label = (k: Kind, text: string) => (checking === k ? '正在校验…' : busy === k ? '正在导出…' : text);
  /** One export's button, its outcome and its error: the same in each section. */
  const exportButton = (k: Kind, text: string, className: string) => (
    <>
      <button className={className} disabled={!idle} onClick={() => void start(k)}>
        {label(k, text)}
      </button>
      {busy === k && <ExportProgress kind={k} />}
      {result[k] && <Outcome o={result[k]} />}
      <ErrorView error={error[k]} />
    </>
  );
  const where = bridgeMode() === 'browser' ? '文件将通过浏览器下载。' : '点击后选择保存位置。';
  return (
    <div>
      <section className="panel">
        <h2>部门预算公开表（Excel 工作簿）</h2>
        <p className="muted">全部标准表格（收支总表至固定资产占用情况表，含项目支出绩效目标表），与“报表预览”同一规格、同一数字。{where}</p>
        {exportButton('export.workbook', '导出工作簿（.xlsx）', 'btn primary')}
      </section>
      <section className="panel">
        <h2>部门预算公开（PDF）</h2>
        <p className="muted">
          完整的公开文本：封面、目录（含页码）、情况说明与全部公开表，可直接打印或上网公开。
          {bridgeMode() === 'electron' ? '' : '由本机的 Chromium 浏览器生成。'}
          {where}
        </p>
        {exportButton('export.pdf', '导出 PDF（.pdf）', 'btn primary')}
      </section>
      <section className="panel">
        <h2>预算文件（dept-budget/1）</h2>
        <p className="muted">完整的预算数据（JSON），用于备份或在计算机之间迁移，可在“开始”页导入。{where}</p>
        {exportButton('export.budgetFile', '导出预算文件（.budget.json）', 'btn')}
      </section>
      {pending && (
        <ConfirmDialog
          title="校验发现错误"
          testId="export-confirm"
          confirmLabel="仍要导出"
          danger
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const k = pending.kind;
            setPending(null);
            void run(k);
          }}
        >
          <p style={{ margin: 0 }}>有 {pending.errors} 个错误，仍要导出吗？</p>
          <p className="muted" style={{ margin: '6px 0 0' }}>
            {pending.hints > 0 ? `另有 ${pending.hints} 条提示。` : ''}导出的数字可能与公开要求不符。{' '}
            <button
              className="link"
              onClick={() => {
                setPending(null);
                app.go('checks');
              }}
            >
              查看校验结果
            </button>
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
