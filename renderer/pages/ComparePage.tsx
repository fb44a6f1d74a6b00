// 往年对比: the open year against an earlier one (功能分类 类/款/项 and the spending categories, in 万元,
// change = difference of the printed figures), the totals of every year held as a chart, importing last
// year's published workbook, and 新建年度 from the open year (with the remap step for codes the new
// year's catalog lacks).
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { AppError, ExportOutcome } from '../../api/contract';
import type { UnmappedCodeDto } from '../../api/contract';
import type { ComparisonRow } from '../../core/compare/compare';
import { FIGURES_ORIGIN_NAMES } from '../../core/compare/types';
import type { TotalsChart } from '../../core/compare/chart';
import { seriesCells, seriesHeader } from '../../core/compare/series';
import { invoke } from '../bridge';
import { toBase64 } from '../lib/base64';
import { ErrorView } from '../components/ErrorView';
import { FinalizeLog } from '../components/FinalizeLog';
import { useApp, useBudget, useLoad } from '../state';

const dash = (s: string | null) => s ?? '—';

function changeStyle(r: ComparisonRow): CSSProperties | undefined {
  return r.word === '增加' ? { color: '#b42318' } : r.word === '减少' ? { color: '#1e7a3c' } : undefined;
}

function CompareTable({ rows, prior, year, withCode, testId }: { rows: ComparisonRow[]; prior: number; year: number; withCode: boolean; testId: string }) {
  return (
    <table className="plain" data-testid={testId}>
      <thead>
        <tr>
          {withCode ? (
            <>
              <th>科目编码</th>
              <th>科目名称</th>
            </>
          ) : (
            <th>项目</th>
          )}
          <th className="num">{prior}年预算数</th>
          <th className="num">{year}年预算数</th>
          <th className="num">增减额</th>
          <th className="num">增减率</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key} style={r.level <= 1 ? { fontWeight: 600 } : undefined}>
            {withCode ? (
              <>
                <td>{r.code ?? r.label}</td>
                <td style={{ paddingLeft: 6 + Math.max(0, r.level - 1) * 14 }}>{r.code ? r.label : ''}</td>
              </>
            ) : (
              <td>{r.label}</td>
            )}
            <td className="num">{dash(r.prior)}</td>
            <td className="num">{dash(r.current)}</td>
            <td className="num" style={changeStyle(r)}>
              {dash(r.change)}
            </td>
            <td className="num">{dash(r.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The totals chart, drawn from core/compare/chart's geometry (the CLI writes the same as .svg). */
function Chart({ chart }: { chart: TotalsChart }) {
  return (
    <svg
      data-testid="totals-chart"
      width={chart.width}
      height={chart.height}
      viewBox={`0 0 ${chart.width} ${chart.height}`}
      role="img"
      aria-label={chart.title}
      style={{ maxWidth: '100%', fontSize: 12 }}
    >
      <text x={chart.width / 2} y={20} textAnchor="middle" fontSize={14}>
        {chart.title}
      </text>
      <line x1={40} y1={chart.baseline} x2={chart.width - 40} y2={chart.baseline} stroke="#444" />
      {chart.bars.map((b) => (
        <g key={b.year} data-year={b.year}>
          <rect x={b.x} y={b.y} width={b.width} height={b.height} fill={b.origin === 'lines' ? '#3b6fb6' : '#9db7dc'}>
            <title>{`${b.year} 年：${b.label} 万元（${FIGURES_ORIGIN_NAMES[b.origin]}）`}</title>
          </rect>
          <text x={b.x + b.width / 2} y={b.y - 4} textAnchor="middle">
            {b.label}
          </text>
          <text x={b.x + b.width / 2} y={chart.baseline + 16} textAnchor="middle">
            {b.year}年
          </text>
        </g>
      ))}
    </svg>
  );
}

/** 历年对比: every year from the chosen first year to this one in columns, with the changes; to Excel or print. */
function YearSeriesPanel({ years }: { years: number[] }) {
  const budget = useBudget();
  const first = years.filter((y) => y < budget.year)[0] ?? budget.year - 1;
  const [since, setSince] = useState<number | null>(null);
  const from = since ?? first;
  const q = useLoad('compare.series', { budget, since: from }, [budget.dept, budget.year, from]);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const choices = [...new Set([budget.year - 1, ...years])].filter((y) => y < budget.year).sort((a, b) => a - b);
  const exportIt = async () => {
    const r = await invoke('compare.seriesWorkbook', { budget, since: from });
    if (r.ok) {
      setOutcome(r.value);
      setError(null);
    } else setError(r.error);
  };
  const s = q.data;
  return (
    <section className="panel" data-testid="year-series">
      <div className="row" style={{ alignItems: 'center' }}>
        <h2 style={{ margin: 0 }}>历年对比</h2>
        <label className="field">
          <span>起始年度</span>
          <select aria-label="历年对比起始年度" value={from} onChange={(e) => setSince(Number(e.target.value))}>
            {choices.map((y) => (
              <option key={y} value={y}>
                {y} 年
              </option>
            ))}
          </select>
        </label>
        <span className="muted">单位：万元</span>
        <button className="btn" onClick={() => void exportIt()}>
          导出 Excel（.xlsx）
        </button>
        <button className="btn" onClick={() => window.print()}>
          打印
        </button>
      </div>
      <ErrorView error={q.error ?? error} />
      {outcome && outcome.kind !== 'cancelled' && (
        <div className="notice" data-testid="series-outcome">
          {outcome.kind === 'saved' ? `已保存到 ${outcome.path}` : `已下载：${outcome.fileName}`}
        </div>
      )}
      {s && (
        <>
          {s.notes.length > 0 && (
            <ul>
              {s.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <table className="plain" data-testid="series-table">
            <thead>
              <tr>
                {seriesHeader(s).map((h, i) => (
                  <th key={i} className={i ? 'num' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <td style={{ paddingLeft: 6 + r.level * 14 }}>{r.label}</td>
                  {seriesCells(s, r).map((v, i) => (
                    <td key={i} className="num">
                      {dash(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function ImportPrior({ onDone, priorFileName, priorHeld }: { onDone(): void; priorFileName: string | null; priorHeld: boolean }) {
  const budget = useBudget();
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setDone(null);
    const r = await invoke('compare.importPrior', { budget, fileName: file.name, data: toBase64(await file.arrayBuffer()) });
    if (r.ok) {
      setError(null);
      setDone(`已导入 ${r.value.year} 年公开表“${r.value.fileName}”：支出合计 ${r.value.totalWan} 万元，${r.value.functionRows} 个功能分类科目行。`);
      onDone();
    } else setError(r.error);
  };
  const remove = async () => {
    const r = await invoke('compare.deletePrior', { budget });
    if (r.ok) {
      setError(null);
      setDone('已删除导入的上年数。');
      onDone();
    } else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>导入上年公开表</h2>
      <p className="muted">
        库中没有 {budget.year - 1} 年的预算明细时，可导入 {budget.year - 1} 年已公开的预算公开表（BudgetDesk 导出的 xlsx
        格式：收支总表、支出总表、基本支出表、“三公”经费表），作为往年对比和情况说明“比上年增减”的上年数。
      </p>
      {priorHeld && (
        <p className="muted" data-testid="prior-held">
          库中已有 {budget.year - 1} 年的预算明细，对比以明细为准；导入的公开表只在没有明细时使用。
        </p>
      )}
      <div className="row">
        <label className="field">
          <span>上年公开表（*.xlsx）</span>
          <input
            type="file"
            data-testid="prior-workbook"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        {priorFileName && (
          <button className="btn danger" onClick={() => void remove()}>
            删除导入的上年数（{priorFileName}）
          </button>
        )}
      </div>
      {done && <div className="notice">{done}</div>}
      <ErrorView error={error} />
    </section>
  );
}

function NewYear({ focused }: { focused: boolean }) {
  const app = useApp();
  const budget = useBudget();
  const [toYear, setToYear] = useState(String(budget.year + 1));
  const [zero, setZero] = useState(false);
  const [codes, setCodes] = useState<UnmappedCodeDto[] | null>(null);
  const [remap, setRemap] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Opened from the year switcher's 新建年度… (ComparePage then puts the form first): the new year has the focus.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) panel.current?.querySelector<HTMLInputElement>('input[name="toYear"]')?.focus();
  }, [focused]);

  const submit = async () => {
    if (!/^\d{4}$/.test(toYear.trim())) {
      setError({ code: 'validation', field: 'toYear', message: '新年度：须为四位数字的年份（如 2026）' });
      return;
    }
    const map = { function: {} as Record<string, string>, economic: {} as Record<string, string> };
    for (const c of codes ?? []) {
      const v = (remap[`${c.kind}:${c.code}`] ?? '').trim();
      if (v) map[c.kind][c.code] = v;
    }
    const y = Number(toYear);
    const r = await invoke('years.create', { dept: budget.dept, fromYear: budget.year, toYear: y, zeroAmounts: zero, remap: map });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    if (r.value.status === 'needs-remap') {
      setCodes(r.value.codes);
      setNote(`${y} 年科目表${r.value.catalogNote ? `（${r.value.catalogNote}）` : ''}中没有以下科目，请为每个科目指定 ${y} 年的新科目后再新建：`);
      return;
    }
    const v = r.value;
    setCodes(null);
    setRemap({});
    const list = await invoke('budgets.list', {});
    const s = list.ok ? list.value.find((b) => b.dept === v.budget.dept && b.year === v.budget.year) : undefined;
    const msg =
      `已新建 ${v.budget.year} 年预算（来自 ${budget.year} 年）：${v.units} 个单位，${v.lines} 条明细${v.zeroed ? '（金额已清零，待填写）' : ''}，` +
      `${v.projects} 个项目${v.catalogNote ? `；${v.catalogNote}` : ''}。`;
    setNote(null);
    if (s) {
      app.openBudget(s);
      app.bump();
    }
    app.say(msg);
  };

  return (
    <section className="panel" data-testid="new-year" ref={panel}>
      <h2>新建年度</h2>
      <p className="muted">
        以 {budget.year}{' '}
        年预算为底稿新建一个年度：复制预算单位、预算明细、延续项目及其绩效目标和指标、情况说明中自己填写的文字（增减原因除外）。政府采购和固定资产不复制。
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="row">
          <label className="field">
            <span>新年度</span>
            <input
              name="toYear"
              value={toYear}
              onChange={(e) => {
                setToYear(e.target.value);
                setCodes(null);
              }}
              size={6}
              inputMode="numeric"
            />
          </label>
          <label>
            <input type="radio" name="amounts" checked={!zero} onChange={() => setZero(false)} /> 保留 {budget.year} 年金额
          </label>
          <label title="明细保留为金额 0 的待填行，校验会逐条提示，填写金额后方可导出">
            <input type="radio" name="amounts" checked={zero} onChange={() => setZero(true)} /> 金额清零（保留为待填写的明细）
          </label>
          <button className="btn primary" type="submit">
            {codes ? '按对照新建' : '新建年度'}
          </button>
        </div>
        {codes && (
          <div data-testid="remap">
            <p>{note}</p>
            <table className="plain">
              <thead>
                <tr>
                  <th>科目类别</th>
                  <th>原科目</th>
                  <th>名称</th>
                  <th className="num">明细条数</th>
                  <th>{toYear} 年新科目编码</th>
                </tr>
              </thead>
              <tbody>
                {codes.map((c) => (
                  <tr key={`${c.kind}:${c.code}`}>
                    <td>{c.kind === 'function' ? '支出功能分类' : '经济分类'}</td>
                    <td>{c.code}</td>
                    <td>{c.name}</td>
                    <td className="num">{c.lineCount}</td>
                    <td>
                      <input
                        aria-label={`${c.code} 的新科目`}
                        value={remap[`${c.kind}:${c.code}`] ?? ''}
                        onChange={(e) => setRemap({ ...remap, [`${c.kind}:${c.code}`]: e.target.value })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </form>
      <ErrorView error={error} />
    </section>
  );
}

export function ComparePage() {
  const budget = useBudget();
  const app = useApp();
  // The year switcher's 新建年度… opens this page for the form: it comes first instead of below the comparison.
  const [newYearFirst] = useState(() => app.nav.focusSection === 'new-year');
  useEffect(() => {
    if (app.nav.focusSection === 'new-year') app.clearNav();
  }, []);
  const [priorYear, setPriorYear] = useState<number | null>(null);
  const prior = priorYear ?? budget.year - 1;
  const years = useLoad('years.list', { dept: budget.dept }, [budget.dept, budget.year]);
  const data = useLoad('compare.get', { budget, priorYear: prior }, [budget.dept, budget.year, prior]);
  const reload = () => {
    void data.reload();
    void years.reload();
  };
  const choices = [...new Set([budget.year - 1, ...(years.data?.years ?? []).map((y) => y.year)])].filter((y) => y < budget.year).sort((a, b) => b - a);
  const c = data.data?.comparison;

  return (
    <div data-testid="compare-page">
      {newYearFirst && <NewYear focused />}
      <section className="panel">
        <div className="row" style={{ alignItems: 'center' }}>
          <h2 style={{ margin: 0 }}>{budget.year} 年对比</h2>
          <select aria-label="对比年度" data-testid="prior-select" value={prior} onChange={(e) => setPriorYear(Number(e.target.value))}>
            {choices.map((y) => (
              <option key={y} value={y}>
                {y} 年
              </option>
            ))}
          </select>
          <span className="muted">单位：万元；每个数字单独四舍五入，增减额为两个列示数之差</span>
        </div>
        <ErrorView error={data.error} />
        {c && (
          <>
            <p className="muted" data-testid="prior-origin">
              {c.prior.year} 年数据来源：{c.prior.origin ? FIGURES_ORIGIN_NAMES[c.prior.origin] : '无'}
              {data.data?.priorFileName ? `（${data.data.priorFileName}）` : ''}
            </p>
            {data.data?.frozen && (
              <p className="notice" data-testid="compare-frozen">
                {budget.year} 年已定稿：本对比是定稿时保存的数字，不随其他年度或科目表的修改而变化。
              </p>
            )}
            {c.notes.length > 0 && (
              <ul data-testid="compare-notes">
                {c.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            <h3>按支出类别</h3>
            <CompareTable rows={c.summary} prior={c.prior.year} year={c.current.year} withCode={false} testId="compare-summary" />
            <h3>按支出功能分类科目</h3>
            <CompareTable rows={c.functions} prior={c.prior.year} year={c.current.year} withCode testId="compare-functions" />
          </>
        )}
      </section>
      {data.data && data.data.chart.bars.length > 0 && (
        <section className="panel">
          <h2>历年支出合计</h2>
          <Chart chart={data.data.chart} />
        </section>
      )}
      {years.data && <YearSeriesPanel years={years.data.years.map((y) => y.year)} />}
      {prior === budget.year - 1 && <ImportPrior onDone={reload} priorFileName={data.data?.priorFileName ?? null} priorHeld={c?.prior.origin === 'lines'} />}
      <FinalizeLog budget={budget} />
      {!newYearFirst && <NewYear focused={false} />}
    </div>
  );
}
