// Code → name of the year's two catalogs, for the cells (reloaded after undo/redo/import and after the
// picker adds a code).
import { useCallback, useEffect, useState } from 'react';
import { invoke } from '../../bridge';
import { useApp } from '../../state';
import type { Lookup } from '../../lib/lineFields';

export function useCatalogNames(year: number): { names: Lookup['names']; reload(): void } {
  const [names, setNames] = useState<Lookup['names']>({ function: new Map(), economic: new Map() });
  const [local, setLocal] = useState(0);
  const { version } = useApp();
  useEffect(() => {
    let live = true;
    void Promise.all([
      invoke('catalog.search', { year, kind: 'function', query: '', limit: 5000 }),
      invoke('catalog.search', { year, kind: 'economic', query: '', limit: 5000 }),
    ]).then(([f, e]) => {
      if (!live) return;
      setNames({
        function: new Map(f.ok ? f.value.map((h) => [h.code, h.name]) : []),
        economic: new Map(e.ok ? e.value.map((h) => [h.code, h.name]) : []),
      });
    });
    return () => {
      live = false;
    };
  }, [year, version, local]);
  const reload = useCallback(() => setLocal((n) => n + 1), []);
  return { names, reload };
}
