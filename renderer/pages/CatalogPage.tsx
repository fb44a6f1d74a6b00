// 科目表: the open year's 支出功能分类 / 部门支出经济分类 catalog — search, 类›款›项 path, where each code
// came from — plus importing a finance bureau's list (catalog.import, all or nothing, row-level reasons)
// and adding one missing code by hand (catalog.add). Catalogs belong to a year, not to a budget.
import { useEffect, useState } from 'react';
import type { AppError, CatalogHit } from '../../api/contract';
import { invoke } from '../bridge';
import { toBase64 } from '../lib/base64';
import { useApp, useBudget, useLoad } from '../state';
import { ErrorView } from '../components/ErrorView';

type Kind = 'function' | 'economic';
const KIND_LABEL: Record<Kind, string> = { function: '支出功能分类科目', economic: '部门支出经济分类科目' };
const ORIGIN_LABEL: Record<string, string> = { builtin: '内置', file: '数据文件', import: '导入', manual: '手工添加' };
const SHOW = 500;

export function CatalogPage() {
  const budget = useBudget();
  const app = useApp();
  const year = budget.year;
  const [kind, setKind] = useState<Kind>('function');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CatalogHit[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [reload, setReload] = useState(0);
  const years = useLoad('years.list', { dept: budget.dept }, [budget.dept]);
  const entry = years.data?.years.find((y) => y.year === year);

  useEffect(() => {
    let live = true;
    void invoke('catalog.search', { year, kind, query, limit: SHOW + 1 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setHits(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [year, kind, query, reload, app.version]);

  const changed = () => {
    setReload((n) => n + 1);
    void years.reload();
  };

  return (
    <div data-testid="catalog-page">
      <section className="panel">
        <h2>{year} 年科目表</h2>
        {entry?.catalogBorrowedFrom != null ? (
          <p className="notice" data-testid="catalog-borrowed-note" style={{ color: '#7a5a00', background: '#fff7e0', borderColor: '#f0d58a' }}>
            {entry.catalogNote ?? `${year} 年没有自己的科目表，使用 ${entry.catalogBorrowedFrom} 年科目表。`}
            导入或添加科目时，先复制一份 {entry.catalogBorrowedFrom} 年科目表作为 {year} 年自己的科目表，再做修改。
          </p>
        ) : (
          <p className="muted">预算明细、报表与校验按本年度的科目表识别编码和名称。财政部门发布新科目时，可在下方导入或逐个添加。</p>
        )}
        {/* The kind chosen here applies to the list, the import and the manual add alike. */}
        <div className="tabs" role="tablist" style={{ marginBottom: 0 }}>
          {(['function', 'economic'] as const).map((k) => (
            <button key={k} role="tab" aria-selected={kind === k} className={kind === k ? 'active' : ''} onClick={() => setKind(k)}>
              {KIND_LABEL[k]}
            </button>
          ))}
        </div>
      </section>
      <div className="start-grid">
        <ImportCatalog year={year} kind={kind} onDone={changed} />
        <AddCode
          year={year}
          kind={kind}
          onDone={(code) => {
            setQuery(code);
            changed();
          }}
        />
      </div>
      <section className="panel">
        <div className="row">
          <label className="field wide">
            <span>搜索（编码前缀或名称）</span>
            <input aria-label="搜索科目" value={query} placeholder="如 20129 或 工会" onChange={(e) => setQuery(e.target.value)} />
          </label>
        </div>
        <ErrorView error={error} />
        {hits && (
          <>
            <div style={{ maxHeight: '60vh', overflow: 'auto', marginTop: 10 }}>
              <table className="plain" data-testid="catalog-table">
                <thead>
                  <tr>
                    <th>编码</th>
                    <th>名称</th>
                    <th>类›款›项</th>
                    <th>级次</th>
                    <th>来源</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.slice(0, SHOW).map((h) => (
                    <tr key={h.code} data-code={h.code}>
                      <td className="code">{h.code}</td>
                      <td>
                        {h.name}
                        {h.unconfirmed && (
                          <span className="muted" title="内置名称未能从公开的科目表核实，请以财政部门下发的科目表为准（可在本页导入）">
                            {' '}
                            （名称待核实）
                          </span>
                        )}
                      </td>
                      <td className="muted">{h.path}</td>
                      <td>{h.leaf ? '末级' : '汇总'}</td>
                      <td>{ORIGIN_LABEL[h.origin] ?? h.origin}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">
              {hits.length === 0
                ? '没有符合条件的科目。'
                : hits.length > SHOW
                  ? `仅显示前 ${SHOW} 条，请输入编码前缀或名称缩小范围。`
                  : `共 ${hits.length} 条。`}
            </p>
          </>
        )}
      </section>
    </div>
  );
}

function ImportCatalog({ year, kind, onDone }: { year: number; kind: Kind; onDone(): void }) {
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setDone(null);
    setBusy(true);
    const r = await invoke('catalog.import', { year, kind, fileName: file.name, data: toBase64(await file.arrayBuffer()) });
    setBusy(false);
    if (r.ok) {
      setError(null);
      setDone(`已从“${file.name}”导入${KIND_LABEL[kind]}：新增 ${r.value.added} 个，更新名称 ${r.value.updated} 个。${r.value.warnings.join('；')}`);
      onDone();
    } else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>导入财政部门的科目表</h2>
      <p className="muted">
        Excel 工作簿（.xlsx）或 CSV/TSV 文件，两列：编码、名称（可有表头）。导入到 {year} 年的{KIND_LABEL[kind]}（当前选中的分类）；
        有任何一行有问题则全部不导入，并逐行说明原因。已有编码的名称以文件为准。
      </p>
      <label className="btn file-btn">
        {busy ? '正在导入…' : '选择科目表文件（.xlsx / .csv）…'}
        <input
          type="file"
          hidden
          aria-label="选择科目表文件"
          accept=".xlsx,.csv,.tsv,.txt"
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {done && (
        <div className="notice" data-testid="catalog-import-done">
          {done}
        </div>
      )}
      {/* catalog.import: rows[].field is the place in the file ("第 3 行"), rows[].message the reason. */}
      <ErrorView error={error} rowLabel={(i) => error?.rows?.find((r) => r.row === i)?.field ?? `第 ${i + 1} 处`} />
    </section>
  );
}

function AddCode({ year, kind, onDone }: { year: number; kind: Kind; onDone(code: string): void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async () => {
    setDone(null);
    const r = await invoke('catalog.add', { year, kind, code: code.trim(), name: name.trim() });
    if (r.ok) {
      setError(null);
      setDone(`已添加 ${r.value.code} ${r.value.name}（${r.value.path}）`);
      setCode('');
      setName('');
      onDone(r.value.code);
    } else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>手工添加科目</h2>
      <p className="muted">
        科目表缺少某个编码时在此添加到 {year} 年的{KIND_LABEL[kind]}。上级科目须已存在（如添加项级 2012999 前，款级 20129 须在表中）。
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>编码</span>
          <input name="catalogCode" aria-label="科目编码" value={code} onChange={(e) => setCode(e.target.value)} size={10} inputMode="numeric" />
        </label>
        <label className="field wide">
          <span>名称</span>
          <input name="catalogName" aria-label="科目名称" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button className="btn primary" type="submit" disabled={!code.trim() || !name.trim()}>
          添加
        </button>
      </form>
      {done && (
        <div className="notice" data-testid="catalog-add-done">
          {done}
        </div>
      )}
      <ErrorView error={error} />
    </section>
  );
}
