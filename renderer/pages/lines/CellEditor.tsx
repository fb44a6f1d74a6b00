// The popover editor of the active cell: a picker per coded column (units, catalogs, kind, source, project).
import { LINE_KIND_NAMES, LINE_KINDS, SOURCE_NAMES, SOURCES } from '../../../core/model';
import { OptionPicker, type PickMove, type PickOption } from '../../components/Picker';
import { CatalogPicker } from '../../components/CatalogPicker';
import { COLS, type Lookup } from '../../lib/lineFields';
import type { Editing } from './cursor';

const kindOptions: PickOption[] = LINE_KINDS.map((k) => ({ value: k, label: LINE_KIND_NAMES[k] }));
const sourceOptions: PickOption[] = SOURCES.map((s) => ({ value: s, label: SOURCE_NAMES[s] }));

export function CellEditor({
  editing,
  col: ci,
  year,
  look,
  onPick,
  onCancel,
  onCatalogAdded,
}: {
  editing: Editing;
  col: number;
  year: number;
  look: Lookup;
  onPick(v: string, m: PickMove): void;
  onCancel(): void;
  onCatalogAdded(): void;
}) {
  const col = COLS[ci]!;
  const common = { anchor: editing.anchor, initialQuery: editing.initial, onPick, onCancel, placeholder: `选择${col.label}` };
  // key: a new editing session is a new picker (its own query), even on the same column type.
  switch (col.editor) {
    case 'catalog':
      return (
        <CatalogPicker
          key={editing.session}
          {...common}
          year={year}
          kind={col.key as 'function' | 'economic'}
          onCatalogAdded={onCatalogAdded}
          placeholder={col.key === 'function' ? '搜索功能科目：编码、名称或拼音首字母' : '搜索经济科目：编码、名称或拼音首字母'}
        />
      );
    case 'unit':
      return (
        <OptionPicker key={editing.session} {...common} options={look.units.map((u) => ({ value: u.code, label: `${u.code} ${u.name}`, hint: u.nature }))} />
      );
    case 'kind':
      return <OptionPicker key={editing.session} {...common} options={kindOptions} />;
    case 'source':
      return <OptionPicker key={editing.session} {...common} options={sourceOptions} />;
    case 'project':
      return (
        <OptionPicker
          key={editing.session}
          {...common}
          options={[{ value: ' ', label: '（无项目）' }, ...look.projects.map((p) => ({ value: p.code, label: p.name, hint: p.code }))]}
        />
      );
    default:
      return null;
  }
}
