// 导入明细表 (issue 13): choose a .xlsx/.csv, see how it will be read (each recognised column with a
// drop-down to change the field it feeds, the first rows as lines, totals by kind and by source, every
// problem), then import — possible only when there are no problems. All reading and checking is the
// engine's (sheets.preview / sheets.import); this dialog only shows it. An indicator workbook (issue 13,
// item 5) previews as projects with their indicator counts instead (SheetIndicatorPreview).
import { useEffect, useRef, useState } from 'react';
import type { AppError, SheetPreviewDto } from '../../api/contract';
import type { SheetField } from '../../core/sheets/fields';
import { invoke } from '../bridge';
import { useApp, useBudget } from '../state';
import { ErrorView } from './ErrorView';
import { SheetIndicatorPreview } from './SheetIndicatorPreview';
import { toBase64 } from '../lib/base64';
import { grouped } from '../lib/format';

type Choices = Record<string, SheetField | null>;
const money = (yuan: string) => grouped(yuan);

export function SheetImportDialog({ onClose }: { onClose(): void }) {
  const budget = useBudget();
  const app = useApp();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [choices, setChoices] = useState<Choices>({});
  const [preview, setPreview] = useState<SheetPreviewDto | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [replace, setReplace] = useState(false);
  // Every line of the sheet is in the budget already: 替换 / 追加 / 取消 is asked before anything is written.
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    if (!file) return;
    const my = ++seq.current;
    setBusy(true);
    void invoke('sheets.preview', { budget, fileName: file.name, data: file.data, sheet, choices: Object.keys(choices).length ? choices : undefined }).then(
      (r) => {
        if (my !== seq.current) return;
        setBusy(false);
        if (r.ok) {
          setPreview(r.value);
          setError(null);
        } else {
          setPreview(null);
          setError(r.error);
        }
      },
    );
  }, [budget, file, sheet, choices]);

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setChoices({});
    setSheet(undefined);
    setPreview(null);
    setFile({ name: f.name, data: toBase64(await f.arrayBuffer()) });
  };

  const doImport = async (how: 'ask' | 'replace' | 'append' = 'ask') => {
    if (!file || !preview) return;
    if (how === 'ask' && preview.kind === 'lines' && preview.alreadyIn && !replace) {
      setAsking(true);
      return;
    }
    setAsking(false);
    const replacing = replace || how === 'replace';
    setBusy(true);
    const r = await invoke('sheets.import', {
      budget,
      fileName: file.name,
      data: file.data,
      sheet,
      choices: Object.keys(choices).length ? choices : undefined,
      replace: replacing,
      append: how === 'append',
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const v = r.value;
    if (v.kind === 'indicators') {
      app.say(
        `已导入“${file.name}”中 ${v.projects.length} 个项目的绩效指标：` +
          `${v.projects.map((x) => `${x.created ? '新建' : '补全'}项目 ${x.code} ${x.name}（${x.indicators} 条指标）`).join('、')}`,
      );
      app.bump();
      app.afterWrite();
      onClose();
      return;
    }
    const created = [...v.newUnits.map((u) => `预算单位 ${u}`), ...v.newProjects.map((p) => `项目 ${p}`)];
    app.say(
      `已导入明细表“${file.name}”：${replacing ? `替换原有 ${v.replacedLines} 条，` : ''}` +
        `${v.lines} 条明细，合计 ${money(v.total)} 元${created.length ? `；新建${created.join('、')}` : ''}`,
    );
    app.bump();
    app.afterWrite();
    onClose();
  };

  const p = preview?.kind === 'lines' ? preview : null;
  const ip = preview?.kind === 'indicators' ? preview : null;
  const unread = preview?.kind === 'unread' ? preview : null;
  const sheetNames = p?.sheetNames ?? unread?.sheetNames ?? [];
  const shownSheet = p?.sheetName ?? unread?.sheetName ?? '';
  const canImport = !busy && (p ? p.problems.length === 0 && p.lineCount > 0 : !!ip && ip.problems.length === 0 && ip.projects.length > 0);
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="modal sheet-import" role="dialog" aria-modal="true" aria-label="导入明细表" data-testid="sheet-import">
        <h2>导入明细表</h2>
        <div className="modal-body">
          <p className="muted">
            选择本单位的明细表或一体化系统导出的表（.xlsx、.xls 或
            .csv）。表头和列会自动识别，可在下方更改每列对应的内容；全部通过校验才会导入，否则一行也不导入。
          </p>
          <label className="btn file-btn">
            选择文件…
            <input
              type="file"
              hidden
              aria-label="选择明细表文件"
              accept=".xlsx,.xls,.csv,.txt"
              onChange={(e) => {
                void onFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
          {file && (
            <span className="muted" style={{ marginLeft: 8 }}>
              {file.name}
            </span>
          )}
          {busy && (
            <span className="muted" role="status" style={{ marginLeft: 8 }}>
              正在读取…
            </span>
          )}
          <ErrorView error={error} />
          {ip && <SheetIndicatorPreview preview={ip} />}
          {sheetNames.length > 1 && !ip && (
            <label className="row">
              工作表
              <select
                aria-label="工作表"
                value={shownSheet}
                onChange={(e) => {
                  setChoices({});
                  setSheet(e.target.value);
                }}
              >
                {!shownSheet && <option value="">（请选择）</option>}
                {sheetNames.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          )}
          {unread && (
            <div className="error" role="alert" data-testid="sheet-unread">
              {unread.reason}
            </div>
          )}
          {p && (
            <>
              {p.otherSheets.length > 0 && (
                <p className="muted" data-testid="sheet-others">
                  已读取工作表“{p.sheetName}”；其他可导入的工作表：{p.otherSheets.join('、')}（可在上方选择）。
                </p>
              )}
              <p data-testid="sheet-summary">
                表头在第 {p.headerRow}
                {p.headerRows > 1 ? `–${p.headerRow + 1}` : ''} 行{p.wan ? '，金额单位为万元（已换算为元）' : ''}
                {p.encoding && p.encoding !== 'UTF-8' ? `，文件编码 ${p.encoding}` : ''}； 数据 {p.rowCount} 行
                {p.subtotalRows ? `（另有合计/小计 ${p.subtotalRows} 行已跳过）` : ''}，生成明细 {p.lineCount} 条。
              </p>
              <h3>列</h3>
              <table className="sheet-columns" data-testid="sheet-columns">
                <thead>
                  <tr>
                    <th>列</th>
                    <th>表头</th>
                    <th>导入为</th>
                  </tr>
                </thead>
                <tbody>
                  {p.columns.map((c) => (
                    <tr key={c.index}>
                      <td>{c.letter}</td>
                      <td>{c.header}</td>
                      <td>
                        {c.hidden ? (
                          <span className="muted">隐藏列，不导入</span>
                        ) : (
                          <select
                            aria-label={`“${c.header}”列导入为`}
                            value={c.field ?? ''}
                            onChange={(e) => setChoices((cur) => ({ ...cur, [String(c.index)]: (e.target.value || null) as SheetField | null }))}
                          >
                            <option value="">不导入</option>
                            {p.fields
                              .filter((f) => f.field !== 'ignored')
                              .map((f) => (
                                <option key={f.field} value={f.field}>
                                  {f.label}
                                </option>
                              ))}
                          </select>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>合计</h3>
              <p data-testid="sheet-totals">
                合计 {money(p.total)} 元。按支出类型：{p.byKind.map((k) => `${k.label} ${money(k.amount)} 元`).join('；') || '无'}。 按资金来源：
                {p.bySource.map((s) => `${s.label} ${money(s.amount)} 元`).join('；') || '无'}。
              </p>
              {(p.newUnits.length > 0 || p.newProjects.length > 0 || p.warnings.length > 0 || p.matched.length > 0 || p.notices.length > 0) && (
                <ul data-testid="sheet-created">
                  {p.newUnits.map((u) => (
                    <li key={u}>将新建预算单位 {u}</li>
                  ))}
                  {p.newProjects.map((x) => (
                    <li key={x}>将新建项目 {x}</li>
                  ))}
                  {p.matched.map((m) => (
                    <li key={m}>按名称对应：{m}</li>
                  ))}
                  {p.notices.map((w) => (
                    <li key={w} className="warn">
                      注意：{w}
                    </li>
                  ))}
                  {p.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
              {p.skippedRows.length > 0 && (
                <details data-testid="sheet-skipped">
                  <summary>跳过的行 {p.skippedRows.length} 行（合计、小计、表尾）</summary>
                  <ul>
                    {p.skippedRows.map((r) => (
                      <li key={r.row}>
                        第 {r.row} 行{r.footer ? '（表尾）' : ''}：{r.text}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {p.problems.length > 0 && (
                <div className="error" role="alert" data-testid="sheet-problems">
                  <b>共 {p.problems.length} 处问题，改正后才能导入：</b>
                  <ul>
                    {p.problems.map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                  </ul>
                </div>
              )}
              <h3>前 {p.lines.length} 条明细</h3>
              <table className="sheet-lines" data-testid="sheet-lines">
                <thead>
                  <tr>
                    <th>表中行</th>
                    <th>单位</th>
                    <th>功能科目</th>
                    <th>经济科目</th>
                    <th>支出类型</th>
                    <th>资金来源</th>
                    <th>金额（元）</th>
                    <th>项目</th>
                  </tr>
                </thead>
                <tbody>
                  {p.lines.map((l, i) => (
                    <tr key={i}>
                      <td>{l.row}</td>
                      <td>{l.unit}</td>
                      <td>
                        {l.function} {l.functionName}
                      </td>
                      <td>
                        {l.economic} {l.economicName}
                      </td>
                      <td>{l.kind}</td>
                      <td>
                        {l.source}
                        {l.carryover ? '（上年结转）' : ''}
                      </td>
                      <td className="num">{money(l.amount)}</td>
                      <td>{l.project ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
        {asking && p && (
          <div className="row modal-actions" role="alertdialog" aria-label="明细已在预算中" data-testid="sheet-already-in">
            <span>表中的 {p.lineCount} 条明细已全部在本年度预算中（可能已导入过）。要怎样处理？</span>
            <button className="btn primary" onClick={() => void doImport('replace')}>
              替换原有明细
            </button>
            <button className="btn" onClick={() => void doImport('append')}>
              再追加一份
            </button>
            <button className="btn" onClick={() => setAsking(false)}>
              取消
            </button>
          </div>
        )}
        <div className="row modal-actions">
          {!ip && (
            <label className="row">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
              替换本年度原有明细
            </label>
          )}
          <button className="btn primary" disabled={!canImport} onClick={() => void doImport()}>
            导入 {p && p.problems.length === 0 ? `${p.lineCount} 条明细` : ip && ip.problems.length === 0 ? `${ip.projects.length} 个项目的绩效指标` : ''}
          </button>
          <button className="btn" onClick={onClose}>
            取消
          </button>
        </div>
      </div>
    </div>
  );
}
