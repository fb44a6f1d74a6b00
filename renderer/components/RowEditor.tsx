// A table row of inputs stored as they are typed (useAutosave), and at once when a select/checkbox
// changes: used for the 政府采购 and 固定资产 rows.
import { useState } from 'react';
import { useAutosave } from '../lib/useAutosave';
import type { AppError } from '../../api/contract';
import { ErrorView } from './ErrorView';

export interface FieldSpec<T> {
  key: keyof T & string;
  label: string;
  type?: 'text' | 'select' | 'checkbox' | 'amount';
  options?: { value: string; label: string }[];
  width?: number;
}

export function RowEditor<T extends Record<string, unknown>>({
  value,
  fields,
  onSave,
  onDelete,
  testId,
  focused,
}: {
  /** Stores a row: the stored row, or why not. */
  value: T;
  fields: FieldSpec<T>[];
  onSave(v: T): Promise<{ ok: true; value: T } | { ok: false; error: AppError }>;
  onDelete?(): Promise<AppError | null>;
  testId?: string;
  /** The row 定位 from 校验 points at: marked. */
  focused?: boolean;
}) {
  const [error, setError] = useState<AppError | null>(null);
  const a = useAutosave(value, async (next) => {
    const r = await onSave(next);
    setError(r.ok ? null : r.error);
    return r.ok ? r.value : null;
  });
  const draft = a.draft;
  return (
    <>
      <tr data-testid={testId} className={focused ? 'focused' : undefined} aria-current={focused || undefined}>
        {fields.map((f) => {
          const v = draft[f.key];
          const bad = error?.field && (error.field === f.key || error.field.endsWith(`.${f.key}`)) ? 'invalid' : undefined;
          return (
            <td key={f.key} className={f.type === 'amount' ? 'num' : undefined} style={f.width ? { width: f.width } : undefined}>
              {f.type === 'select' ? (
                <select aria-label={f.label} className={bad} value={String(v ?? '')} onChange={(e) => void a.commit({ ...draft, [f.key]: e.target.value })}>
                  {f.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.type === 'checkbox' ? (
                <input type="checkbox" aria-label={f.label} checked={v === true} onChange={(e) => void a.commit({ ...draft, [f.key]: e.target.checked })} />
              ) : (
                <input
                  aria-label={f.label}
                  className={bad}
                  value={v == null ? '' : String(v)}
                  style={f.type === 'amount' ? { textAlign: 'right' } : undefined}
                  onChange={(e) => a.edit({ ...draft, [f.key]: e.target.value })}
                  onBlur={() => void a.commit()}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void a.commit();
                    if (e.key === 'Escape') a.reset();
                  }}
                />
              )}
            </td>
          );
        })}
        {onDelete && (
          <td style={{ width: 60 }}>
            <button className="btn small danger" onClick={() => void onDelete().then(setError)}>
              删除
            </button>
          </td>
        )}
      </tr>
      {error && (
        <tr>
          <td colSpan={fields.length + 1}>
            <ErrorView error={error} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The "add" row under such a table: the same inputs, stored only when the button is pressed. */
export function NewRow<T extends Record<string, unknown>>({
  empty,
  fields,
  onAdd,
  label,
  testId,
}: {
  empty: T;
  fields: FieldSpec<T>[];
  onAdd(v: T): Promise<boolean>;
  label: string;
  testId?: string;
}) {
  const [draft, setDraft] = useState(empty);
  const add = () =>
    void onAdd(draft).then((ok) => {
      if (ok) setDraft(empty);
    });
  return (
    <tr data-testid={testId} className="new-row">
      {fields.map((f) => {
        const v = draft[f.key];
        return (
          <td key={f.key} className={f.type === 'amount' ? 'num' : undefined}>
            {f.type === 'select' ? (
              <select aria-label={f.label} value={String(v ?? '')} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.type === 'checkbox' ? (
              <input type="checkbox" aria-label={f.label} checked={v === true} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.checked })} />
            ) : (
              <input
                aria-label={f.label}
                placeholder={f.label}
                value={v == null ? '' : String(v)}
                style={f.type === 'amount' ? { textAlign: 'right' } : undefined}
                onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') add();
                }}
              />
            )}
          </td>
        );
      })}
      <td>
        <button className="btn small primary" onClick={add}>
          {label}
        </button>
      </td>
    </tr>
  );
}
