// The catalog picker (支出功能分类 / 经济分类) under a grid cell. It searches the engine by code prefix,
// any part of a name or 类›款 path, pinyin initials or several words, shows 类 › 款 › 项 for every entry,
// and lets only leaf codes be chosen. Matches are ranked by the department's own use (codes of this budget
// and last year's, then their 款 and 类). What is highlighted is what Enter takes, and Enter takes a code
// only when the clerk can see what it takes:
// - an exact code, or the one best match of a name search, is highlighted at once;
// - after a bare code prefix (212), or a name matching several entries equally well (行政运行 in a
//   department that uses none of them), nothing is highlighted: Enter opens the choice (highlights the
//   first entry and says so), ↑/↓ or the mouse choose;
// - a complete code the catalog lacks (2089999) offers 添加到科目表 on the spot: Enter moves to its
//   name box, Enter there adds the code (catalog.add) and commits the cell.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CatalogHit } from '../../api/contract';
import { CODE_LEVELS, type CatalogKind } from '../../core/catalog';
import { invoke } from '../bridge';
import { useApp } from '../state';
import { Popover, useListKeys, type PickMove, type PopoverProps } from './Picker';

interface Props extends PopoverProps {
  year: number;
  kind: CatalogKind;
  /** A code was added to the year's catalog (names shown elsewhere refresh). */
  onCatalogAdded?(code: string): void;
}

const LEVEL_WORD: Record<CatalogKind, string> = { function: '项级（7 位）', economic: '款级（5 位）' };

/** The entry highlighted as the answer arrives: an exact leaf code, or the one best leaf of a name search
 *  (ranked by use); -1 (none) after a bare code prefix or when several are equally good. */
function soleBest(hits: readonly CatalogHit[], q: string): number {
  const exact = hits.findIndex((h) => h.code === q && h.leaf);
  if (exact >= 0 || /^\d+$/.test(q)) return exact;
  const leaves = hits.filter((h) => h.leaf);
  if (leaves.length === 0) return -1;
  if (leaves.length > 1 && (leaves[1]!.rank ?? 0) === (leaves[0]!.rank ?? 0)) return -1;
  return hits.indexOf(leaves[0]!);
}

export function CatalogPicker({ year, kind, onCatalogAdded, ...p }: Props) {
  const [query, setQuery] = useState(p.initialQuery);
  const [result, setResult] = useState<{ forQuery: string; hits: CatalogHit[] }>({ forQuery: '\u0000', hits: [] });
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  /** Enter pressed before the current query's answer arrived: acted on when it does. */
  const pending = useRef<PickMove | null>(null);
  const hits = result.hits;
  const keys = useListKeys(hits.length, (i) => !!hits[i]?.leaf, p.onCancel);
  const budget = useApp().budget;
  const q = query.trim();
  const digits = /^\d+$/.test(q);
  const leafLength = CODE_LEVELS[kind][CODE_LEVELS[kind].length - 1]!;
  const fresh = result.forQuery === q;
  const exact = hits.find((h) => h.code === q);
  const addable = fresh && digits && q.length === leafLength && !exact;

  useEffect(() => {
    const my = ++seq.current;
    void invoke('catalog.search', { year, kind, query: q, limit: 200, ...(budget ? { budget } : {}) }).then((r) => {
      if (my !== seq.current) return; // only the latest query's answer counts
      if (r.ok) {
        setResult({ forQuery: q, hits: r.value });
        setError(null);
        keys.setHl(soleBest(r.value, q));
      } else setError(r.error.message);
    });
  }, [q, year, kind, budget?.dept, budget?.year]);

  const pick = (h: CatalogHit | undefined, move: PickMove) => {
    if (!h) return;
    if (!h.leaf) {
      setError(`“${h.code} ${h.name}”不是末级科目，只能选择${LEVEL_WORD[kind]}科目`);
      return;
    }
    p.onPick(h.code, move);
  };

  const commit = (move: PickMove) => {
    if (q === '' && hits.length === 0) {
      p.onCancel();
      return;
    }
    if (!fresh) {
      pending.current = move;
      return;
    }
    if (addable) {
      nameRef.current?.focus();
      return;
    }
    if (exact?.leaf) {
      pick(exact, move);
      return;
    }
    const h = hits[keys.hl];
    if (h?.leaf) {
      pick(h, move);
      return;
    }
    // Nothing highlighted: Enter opens the choice — the first entry highlighted, and the reason said.
    const first = hits.findIndex((x) => x.leaf);
    if (first < 0) {
      setError(
        hits.length === 0
          ? `没有与“${q}”匹配的科目。${digits ? `输入完整的${LEVEL_WORD[kind]}编码可添加到科目表；` : ''}按 Esc 返回表格`
          : `请用 ↑↓ 选择一个${LEVEL_WORD[kind]}科目`,
      );
      return;
    }
    keys.setHl(first);
    if (!digits) {
      setError(`“${q}”匹配多个科目：请用 ↑↓ 选中要用的${LEVEL_WORD[kind]}科目后按 Enter`);
      return;
    }
    const what = exact ? `“${exact.code} ${exact.name}”不是末级科目` : `“${q}”不是完整编码`;
    setError(`${what}：请用 ↑↓ 选中要用的${LEVEL_WORD[kind]}科目后按 Enter，或输入完整编码`);
  };

  useEffect(() => {
    if (fresh && pending.current) {
      const m = pending.current;
      pending.current = null;
      commit(m);
    }
  }, [result]);

  const add = async (move: PickMove) => {
    const name = newName.trim();
    if (name === '') {
      setError('请输入新科目的名称');
      nameRef.current?.focus();
      return;
    }
    const r = await invoke('catalog.add', { year, kind, code: q, name });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    onCatalogAdded?.(r.value.code);
    p.onPick(r.value.code, move);
  };

  const onNameKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      void add(e.key === 'Enter' ? 'down' : e.shiftKey ? 'left' : 'right');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      p.onCancel();
    }
  };

  return (
    <Popover anchor={p.anchor} onCancel={p.onCancel}>
      <input
        autoFocus
        aria-label={p.placeholder}
        placeholder={p.placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setError(null);
        }}
        onKeyDown={keys.onKey(commit)}
      />
      <div className="list" role="listbox" data-testid="catalog-hits">
        {hits.map((h, i) => (
          <div
            key={h.code}
            role="option"
            aria-selected={i === keys.hl}
            aria-disabled={!h.leaf || undefined}
            className={`opt${i === keys.hl ? ' hl' : ''}${h.leaf ? '' : ' disabled'}`}
            title={h.leaf ? undefined : '非末级科目，不能选择'}
            onMouseEnter={() => {
              if (h.leaf) keys.setHl(i);
            }}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(h, 'none');
            }}
          >
            <span className="code">{h.code}</span>
            <span className="label">
              <span className="name">{h.name}</span>
              <span className="crumbs">{h.path.split('›').join(' › ')}</span>
            </span>
          </div>
        ))}
        {hits.length === 0 && !error && !addable && <div className="opt disabled">没有匹配的科目</div>}
      </div>
      {addable && (
        <div className="add-code" data-testid="catalog-add-inline">
          <span>
            科目表中没有 <b>{q}</b>，添加到科目表：
          </span>
          <input
            ref={nameRef}
            aria-label="新科目名称"
            placeholder="科目名称"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            onKeyDown={onNameKey}
          />
          <button className="btn small primary" onMouseDown={(e) => e.preventDefault()} onClick={() => void add('down')}>
            添加到科目表
          </button>
        </div>
      )}
      {error && (
        <div className="field-error" role="alert" style={{ padding: '4px 10px' }}>
          {error}
        </div>
      )}
      <div className="hint">
        {p.hint ?? '输入编码、名称的任意部分或拼音首字母（如 xzyx），多个词用空格分开；↑↓ 选择，Enter 确定，Esc 取消。灰色为非末级科目，不能选择。'}
      </div>
    </Popover>
  );
}
