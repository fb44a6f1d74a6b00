import { useEffect, useState } from 'react';
import type { AppError, UnitDto } from '../../api/contract';
import { invoke } from '../bridge';
import { useApp, useBudget, useBudgetLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { useAutosave } from '../lib/useAutosave';

// Common values offered for the unit's attributes; the clerk may type others.
const NATURES = ['行政', '参照公务员法管理', '参公事业', '事业', '企业', '其他'];
const GRADES = ['正部级', '副部级', '正厅级', '副厅级', '正处级', '副处级', '正科级', '副科级', '股级', '其他'];
const FUNDINGS = ['财政拨款', '财政补助', '经费自理', '其他'];

const EMPTY_UNIT: UnitDto = { code: '', name: '', nature: '行政', grade: '', funding: '财政拨款' };
const UNIT_FIELDS: { key: keyof UnitDto; label: string; list?: string; size?: number }[] = [
  { key: 'code', label: '单位编码', size: 10 },
  { key: 'name', label: '单位名称' },
  { key: 'nature', label: '单位性质', list: 'dl-nature' },
  { key: 'grade', label: '单位规格', list: 'dl-grade' },
  { key: 'funding', label: '经费保障形式', list: 'dl-funding' },
];

function UnitRow({ unit, focused, onSaved, onDeleted }: { unit: UnitDto; focused: boolean; onSaved(u: UnitDto): void; onDeleted(): void }) {
  const budget = useBudget();
  const app = useApp();
  const [error, setError] = useState<AppError | null>(null);
  const a = useAutosave(unit, async (next) => {
    const r = await invoke('units.update', { budget, code: unit.code, unit: next });
    if (r.ok) {
      setError(null);
      onSaved(r.value);
      app.afterWrite();
      return r.value;
    }
    setError(r.error);
    return null;
  });
  const draft = a.draft;
  const del = async () => {
    const r = await invoke('units.delete', { budget, code: unit.code });
    if (r.ok) {
      onDeleted();
      app.afterWrite();
    } else setError(r.error);
  };
  return (
    <>
      <tr data-unit={unit.code} className={focused ? 'focused' : undefined} aria-current={focused || undefined}>
        {UNIT_FIELDS.map((f) => (
          <td key={f.key}>
            <input
              aria-label={f.label}
              value={draft[f.key]}
              list={f.list}
              className={error?.field?.endsWith(f.key) ? 'invalid' : undefined}
              onChange={(e) => {
                const next = { ...draft, [f.key]: e.target.value };
                if (f.key === 'code') a.hold(next);
                else a.edit(next);
              }}
              onBlur={() => void a.commit()}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void a.commit();
                if (e.key === 'Escape') a.reset();
              }}
            />
          </td>
        ))}
        <td>
          <button className="btn small danger" onClick={() => void del()}>
            删除
          </button>
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={6}>
            <ErrorView error={error} />
          </td>
        </tr>
      )}
    </>
  );
}

export function DepartmentPage() {
  const budget = useBudget();
  const app = useApp();
  const dept = useBudgetLoad('department.get');
  const units = useBudgetLoad('units.list');
  const [deptError, setDeptError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [newUnit, setNewUnit] = useState<UnitDto>(EMPTY_UNIT);
  const [addError, setAddError] = useState<AppError | null>(null);
  // 定位 from 校验: mark the unit it names, scroll to it and focus its name.
  const [focusUnit, setFocusUnit] = useState<string | null>(null);
  useEffect(() => {
    const code = app.nav.focusUnit;
    if (code === undefined || !units.data) return;
    setFocusUnit(code);
    app.clearNav();
  }, [app.nav.focusUnit, units.data]);
  useEffect(() => {
    if (focusUnit === null) return;
    const row = document.querySelector<HTMLElement>(`[data-testid="units"] tr[data-unit="${CSS.escape(focusUnit)}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.querySelector<HTMLInputElement>('input[aria-label="单位名称"]')?.focus({ preventScroll: true });
  }, [focusUnit]);

  const name = useAutosave(dept.data?.name ?? '', async (next) => {
    if (!dept.data) return null;
    const r = await invoke('department.update', { budget, name: next });
    if (!r.ok) {
      setDeptError(r.error);
      return null;
    }
    setDeptError(null);
    setSaved(true);
    dept.setData(r.value);
    app.afterWrite();
    if (app.summary) app.openBudget({ ...app.summary, deptName: r.value.name });
    return r.value.name;
  });
  const addUnit = async () => {
    const r = await invoke('units.add', { budget, unit: { ...newUnit, code: newUnit.code.trim(), name: newUnit.name.trim() } });
    if (r.ok) {
      setAddError(null);
      setNewUnit(EMPTY_UNIT);
      void units.reload();
      app.afterWrite();
    } else setAddError(r.error);
  };

  return (
    <div>
      <datalist id="dl-nature">
        {NATURES.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id="dl-grade">
        {GRADES.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <datalist id="dl-funding">
        {FUNDINGS.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <section className="panel">
        <h2>部门</h2>
        <ErrorView error={dept.error} />
        <div className="row">
          <label className="field">
            <span>部门编码</span>
            <input value={budget.dept} readOnly size={10} />
          </label>
          <label className="field wide">
            <span>部门名称</span>
            <input
              name="deptName"
              value={name.draft}
              className={deptError ? 'invalid' : undefined}
              onChange={(e) => {
                name.edit(e.target.value);
                setSaved(false);
              }}
              onBlur={() => void name.commit()}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void name.commit();
              }}
            />
          </label>
          <label className="field">
            <span>预算年度</span>
            <input value={String(budget.year)} readOnly size={6} />
          </label>
          {saved && <span className="muted">已保存</span>}
        </div>
        <ErrorView error={deptError} />
      </section>
      <section className="panel">
        <h2>预算单位</h2>
        <ErrorView error={units.error} />
        <table className="plain" data-testid="units">
          <thead>
            <tr>
              {UNIT_FIELDS.map((f) => (
                <th key={f.key}>{f.label}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {units.data?.map((u) => (
              <UnitRow key={u.code} unit={u} focused={u.code === focusUnit} onSaved={() => void units.reload()} onDeleted={() => void units.reload()} />
            ))}
            {units.data?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  尚无预算单位，请在下方添加。
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <h3>添加单位</h3>
        <form
          className="row"
          data-testid="add-unit"
          onSubmit={(e) => {
            e.preventDefault();
            void addUnit();
          }}
        >
          {UNIT_FIELDS.map((f) => (
            <label key={f.key} className={`field${f.key === 'name' ? ' wide' : ''}`}>
              <span>{f.label}</span>
              <input
                name={`unit-${f.key}`}
                value={newUnit[f.key]}
                list={f.list}
                size={f.size}
                className={addError?.field?.endsWith(f.key) ? 'invalid' : undefined}
                onChange={(e) => setNewUnit({ ...newUnit, [f.key]: e.target.value })}
              />
            </label>
          ))}
          <button className="btn primary" type="submit">
            添加单位
          </button>
        </form>
        <ErrorView error={addError} />
      </section>
    </div>
  );
}
