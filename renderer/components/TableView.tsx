// ONE generic renderer for every standard table (core/tables RenderedTable, as JSON from tables.preview):
// the same spec and the same figures as the workbook export, laid out from the header tree's merged grid.
import type { JsonSafe } from '../../core/tables';
import type { RenderedTable, RenderedGridTable, RenderedFormTable, Cell, ColumnKind } from '../../core/tables/types';

export type PreviewTable = JsonSafe<RenderedTable>;
type GridT = JsonSafe<RenderedGridTable>;
type FormT = JsonSafe<RenderedFormTable>;
type CellT = JsonSafe<Cell>;

function cellText(c: CellT | undefined): string {
  if (!c) return '';
  if (c.kind === 'amount') return c.wan ?? '';
  return c.text;
}

function Meta({ t }: { t: PreviewTable }) {
  return (
    <>
      <div className="title">{t.title}</div>
      <div className="meta"><span>{t.meta.department}</span><span>{t.meta.period ?? ''}</span><span>{t.meta.unit ?? ''}</span></div>
    </>
  );
}

function Notes({ t }: { t: PreviewTable }) {
  return (
    <>
      {t.note && <div className="note">{t.note}</div>}
      {t.footnotes.map((f, i) => <div key={i} className="note muted">{f}</div>)}
    </>
  );
}

function GridView({ t }: { t: GridT }) {
  const headerRows: JsonSafe<GridT['header']>[] = Array.from({ length: t.headerRowCount }, () => []);
  for (const h of [...t.header].sort((a, b) => a.col - b.col)) headerRows[h.row]?.push(h);
  const kinds: ColumnKind[] = t.columns.map((c) => c.kind);
  return (
    <table>
      <colgroup>{t.columns.map((c) => <col key={c.key} style={{ width: `${Math.max(4, c.width) * 0.62}em` }} />)}</colgroup>
      <thead>
        {headerRows.map((row, i) => (
          <tr key={i}>{row.map((h) => <th key={`${h.row}:${h.col}`} rowSpan={h.rowSpan > 1 ? h.rowSpan : undefined} colSpan={h.colSpan > 1 ? h.colSpan : undefined}>{h.label}</th>)}</tr>
        ))}
      </thead>
      <tbody>
        <tr className="lanci">{t.lanci.map((x, i) => <td key={i}>{x}</td>)}</tr>
        {t.rows.map((row) => {
          const covered = new Set<number>();
          for (const [k, n] of Object.entries(row.spans ?? {})) for (let j = 1; j < n; j++) covered.add(Number(k) + j);
          return (
            <tr key={row.serial} className={`l${row.level}${row.keys.some((k) => /合计|总计/.test(k)) ? ' total' : ''}`} data-keys={row.keys.join(' ')}>
              {row.cells.map((c, i) => {
                if (covered.has(i)) return null;
                const span = row.spans?.[i];
                const kind = c?.kind ?? kinds[i] ?? 'text';
                const indent = kind === 'text' && row.level >= 2 ? ` indent${row.level}` : '';
                return <td key={i} colSpan={span && span > 1 ? span : undefined} className={`${kind}${indent}`}>{cellText(c)}</td>;
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function FormView({ t }: { t: FormT }) {
  return (
    <>
      {t.blocks.map((b) => {
        const rows: JsonSafe<FormT['blocks'][number]['cells']>[] = Array.from({ length: b.rowCount }, () => []);
        for (const c of [...b.cells].sort((x, y) => x.col - y.col)) rows[c.row]?.push(c);
        return (
          <div key={b.key} className="block" data-key={b.key}>
            <h4>{b.title}</h4>
            {b.unit && <div className="meta"><span /><span /><span>{b.unit}</span></div>}
            <table>
              <colgroup>{t.columns.map((c, i) => <col key={i} style={{ width: `${Math.max(4, c.width) * 0.62}em` }} />)}</colgroup>
              <tbody>
                {rows.map((cells, i) => (
                  <tr key={i}>
                    {cells.map((c) => (
                      <td key={`${c.row}:${c.col}`} rowSpan={c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined} colSpan={c.colSpan && c.colSpan > 1 ? c.colSpan : undefined}
                        className={c.label ? 'label' : c.cell?.kind ?? ''}>{cellText(c.cell)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}

export function TableView({ table }: { table: PreviewTable }) {
  return (
    <div className="sheet" data-testid={`table-${table.id}`}>
      <Meta t={table} />
      {table.layout === 'grid' ? <GridView t={table} /> : <FormView t={table} />}
      <Notes t={table} />
    </div>
  );
}
