// 备份 (on 开始): the open database's automatic backups (backup.list), 立即备份, 另存备份 (desktop: the save
// dialog in main; browser: a download of a consistent copy), and 从备份恢复 (asks first and says that the
// current content is itself backed up before it is replaced).
import { useState } from 'react';
import type { AppError } from '../../api/contract';
import type { BackupDto } from '../../api/contract';
import { bridgeMode, invoke } from '../bridge';
import { useApp, useLoad } from '../state';
import { ErrorView } from './ErrorView';
import { ConfirmDialog } from './ConfirmDialog';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function BackupPanel() {
  const app = useApp();
  const desktop = bridgeMode() === 'electron';
  const list = useLoad('backup.list', {}, []);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<BackupDto | null>(null);
  const [busy, setBusy] = useState(false);

  const finish = (msg: string) => {
    setError(null);
    setDone(msg);
    void list.reload();
  };
  const backupNow = async () => {
    setBusy(true);
    const r = await invoke('backup.now', {});
    setBusy(false);
    if (r.ok) finish(`已备份：${r.value.file}`);
    else setError(r.error);
  };
  const saveAs = async () => {
    setBusy(true);
    if (desktop) {
      const r = await invoke('dialog.saveBackup', {});
      setBusy(false);
      if (!r.ok) setError(r.error);
      else if (r.value) finish(`备份已保存到 ${r.value.path}`);
    } else {
      const r = await invoke('export.databaseCopy', {});
      setBusy(false);
      if (!r.ok) setError(r.error);
      else if (r.value.kind === 'downloaded') finish(`已下载备份：${r.value.fileName}（在浏览器的下载文件夹中）`);
      else if (r.value.kind === 'saved') finish(`备份已保存到 ${r.value.path}`);
    }
  };
  const restored = (from: string, safety: string) => {
    app.openBudget(null);
    app.bump();
    finish(`已从备份“${from}”恢复。恢复前的内容已另存为备份“${safety}”。`);
    app.say('已从备份恢复，请重新打开预算');
  };
  const restore = async (b: BackupDto) => {
    setConfirm(null);
    setBusy(true);
    const r = await invoke('backup.restore', { path: b.path });
    setBusy(false);
    if (r.ok) restored(b.file, r.value.safetyBackup.file);
    else setError(r.error);
  };
  const restoreOther = async () => {
    // Desktop: main shows the open dialog and its own confirmation.
    const r = await invoke('dialog.restoreBackup', {});
    if (!r.ok) setError(r.error);
    else if (r.value) restored(r.value.restoredFrom, r.value.safetyBackup.file);
  };

  const backups = list.data?.backups ?? [];
  return (
    <section className="panel" data-testid="backup-panel">
      <h2>备份</h2>
      <p className="muted">
        打开数据库时和编辑期间会自动备份。
        {list.data && (
          <>
            备份文件夹：<span className="path">{list.data.dir}</span>
          </>
        )}
      </p>
      <div className="row">
        <button className="btn" disabled={busy} onClick={() => void backupNow()}>
          立即备份
        </button>
        <button className="btn" disabled={busy} onClick={() => void saveAs()}>
          {desktop ? '另存备份…' : '另存备份（下载）'}
        </button>
        {desktop && (
          <button className="btn" disabled={busy} onClick={() => void restoreOther()}>
            从其他备份文件恢复…
          </button>
        )}
      </div>
      {done && (
        <div className="notice" role="status" data-testid="backup-done">
          {done}
        </div>
      )}
      <ErrorView error={error ?? list.error} />
      {backups.length > 0 && (
        <table className="plain" data-testid="backup-list" style={{ marginTop: 10 }}>
          <thead>
            <tr>
              <th>时间</th>
              <th>类型</th>
              <th>文件</th>
              <th className="num">大小</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.slice(0, 30).map((b) => (
              <tr key={b.path}>
                <td>{when(b.createdAt)}</td>
                <td>{b.reasonName}</td>
                <td className="code">{b.file}</td>
                <td className="num">{size(b.size)}</td>
                <td>
                  <button className="btn small" disabled={busy} onClick={() => setConfirm(b)}>
                    从此备份恢复…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && backups.length === 0 && <p className="muted">还没有备份。</p>}
      {confirm && (
        <ConfirmDialog
          title="从备份恢复"
          testId="restore-confirm"
          confirmLabel="恢复"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => void restore(confirm)}
        >
          <p style={{ margin: 0 }}>
            用 {when(confirm.createdAt)} 的备份（{confirm.reasonName}）替换当前数据库的全部内容？
          </p>
          <p className="muted" style={{ margin: '6px 0 0' }}>
            当前内容会先自动保存为一份“恢复前”备份，之后仍可从它恢复。撤销记录将被清空。
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
