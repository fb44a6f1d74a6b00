// ONE generic preview for every standard table (core/tables RenderedTable, as JSON from tables.preview): a
// painter of core/tables/layout's geometry through core/tables/paint — the same positioned cells, merges
// and indents as the workbook and the PDF. Nothing here decides where a cell goes.
import { useMemo } from 'react';
import type { JsonSafe } from '../../core/tables';
import { layoutTable, type CellStyleKey, type SheetLayout } from '../../core/tables/layout';
import { paintSections, type PaintCell, type PaintRow, type PaintSection } from '../../core/tables/paint';
import type { RenderedTable } from '../../core/tables/types';

export type PreviewTable = JsonSafe<RenderedTable>;

/** The class a cell of each style gets in renderer/styles.css (.sheet …). */
const CLASS: Record<CellStyleKey, string> = {
  title: '',
  metaLeft: 'ml',
  metaCenter: 'mc',
  metaRight: 'mr',
  header: '',
  lanci: '',
  serial: 'serial',
  code: 'code',
  text: 'text',
  spanLabel: 'text span',
  amount: 'amount',
  note: '',
  blockTitle: '',
  blockUnit: '',
  label: 'label',
};
const HEADER_LIKE = new Set<CellStyleKey>(['header', 'lanci']);

function CellView({ p }: { p: PaintCell }) {
  const Tag = HEADER_LIKE.has(p.s) ? 'th' : 'td';
  const cls = [CLASS[p.s], p.indent ? `indent${p.indent + 1}` : ''].filter(Boolean).join(' ');
  return (
    <Tag className={cls || undefined} rowSpan={p.rowSpan > 1 ? p.rowSpan : undefined} colSpan={p.colSpan > 1 ? p.colSpan : undefined}>
      {p.text}
    </Tag>
  );
}

function rowClass(r: PaintRow): string | undefined {
  if (r.role === 'meta') return 'meta';
  if (r.role === 'lanci') return 'lanci';
  if (r.level === undefined) return undefined;
  return `l${r.level}${r.keys?.some((k) => /合计|总计/.test(k)) ? ' total' : ''}`;
}

function RowView({ r }: { r: PaintRow }) {
  return (
    <tr className={rowClass(r)} data-keys={r.keys?.join(' ')}>
      {r.cells.map((p) => (
        <CellView key={p.c} p={p} />
      ))}
    </tr>
  );
}

function Cols({ layout }: { layout: SheetLayout }) {
  return (
    <colgroup>
      {layout.columns.map((w, i) => (
        <col key={i} style={{ width: `${Math.max(4, w) * 0.62}em` }} />
      ))}
    </colgroup>
  );
}

const rowsOf = (sections: PaintSection[], kind: PaintSection['kind']) => sections.filter((s) => s.kind === kind).flatMap((s) => s.rows);

function BlockView({ layout, section }: { layout: SheetLayout; section: PaintSection }) {
  const head = section.rows.find((r) => r.role === 'blockTitle');
  const text = (s: CellStyleKey) => head?.cells.find((c) => c.s === s)?.text ?? '';
  return (
    <div className="block" data-key={section.block}>
      <h4>{text('blockTitle')}</h4>
      {text('blockUnit') && (
        <div className="meta">
          <span />
          <span />
          <span>{text('blockUnit')}</span>
        </div>
      )}
      <table>
        <Cols layout={layout} />
        <tbody>
          {section.rows
            .filter((r) => r.role === 'body')
            .map((r) => (
              <RowView key={r.index} r={r} />
            ))}
        </tbody>
      </table>
    </div>
  );
}

export function TableView({ table }: { table: PreviewTable }) {
  // The preview's JSON differs from RenderedTable only in 分 (strings); the layout never reads 分.
  const layout = useMemo(() => layoutTable(table as unknown as RenderedTable), [table]);
  const sections = useMemo(() => paintSections(layout), [layout]);
  const head = rowsOf(sections, 'head');
  const meta = head.find((r) => r.role === 'meta');
  const body = rowsOf(sections, 'body');
  return (
    <div className="sheet" data-testid={`table-${table.id}`}>
      <div className="title">{rowsOf(sections, 'title')[0]?.cells[0]?.text ?? table.title}</div>
      {meta && (
        <div className="meta">
          {meta.cells.map((p) => (
            <span key={p.c}>{p.text}</span>
          ))}
        </div>
      )}
      {(head.length > 1 || body.length > 0) && (
        <table>
          <Cols layout={layout} />
          <thead>
            {head
              .filter((r) => r.role !== 'meta')
              .map((r) => (
                <RowView key={r.index} r={r} />
              ))}
          </thead>
          <tbody>
            {body.map((r) => (
              <RowView key={r.index} r={r} />
            ))}
          </tbody>
        </table>
      )}
      {sections
        .filter((s) => s.kind === 'block')
        .map((s) => (
          <BlockView key={s.block} layout={layout} section={s} />
        ))}
      {rowsOf(sections, 'note').map((r) => (
        <div key={r.index} className="note">
          {r.cells[0]?.text}
        </div>
      ))}
    </div>
  );
}
