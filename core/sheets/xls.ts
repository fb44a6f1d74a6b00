// Excel 97–2003 (.xls) sheets, as many 一体化 systems still export them, read by SheetJS (@e965/xlsx: the
// maintained republish of SheetJS 0.20.3, past the prototype-pollution and ReDoS fixes of 0.19.3/0.20.2 that the
// old `xlsx` package on npm lacks) — and even so only inside a worker thread: its own heap and realm (a crafted
// file cannot reach this process's prototypes), a memory cap, a row cap (sheetRows) and a time limit after
// which the worker is terminated. The worker returns plain rows, read like an .xlsx grid.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Cell, Grid, GridRow } from './grid';

export interface XlsLimits {
  rows: number;
  columns: number;
  timeoutMs: number;
  heapMb: number;
}
type XlsResult = { ok: true; grids: Grid[] } | { ok: false; reason: string };

/** Runs in the worker (CommonJS, eval): parses, then posts sheets as { name, rows, hidden columns }. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const X = require(workerData.lib);
const { rows: maxRows, columns: maxCols } = workerData.limits;
try {
  const wb = X.read(workerData.data, {
    type: 'buffer', dense: true, cellStyles: true, cellFormula: false, cellHTML: false, cellText: false, sheetRows: maxRows, WTF: false,
  });
  const sheets = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const data = (ws && ws['!data']) || [];
    const hiddenRows = new Set(((ws && ws['!rows']) || []).map((r, i) => (r && r.hidden ? i : -1)).filter((i) => i >= 0));
    const hiddenColumns = ((ws && ws['!cols']) || []).map((c, i) => (c && c.hidden ? i : -1)).filter((i) => i >= 0);
    const rows = [];
    for (let r = 0; r < data.length && r < maxRows; r++) {
      const row = data[r];
      if (!row || hiddenRows.has(r)) continue;
      const n = Math.min(row.length, maxCols);
      const cells = new Array(n).fill(null);
      for (let c = 0; c < n; c++) {
        const cell = row[c];
        if (!cell || cell.v === undefined || cell.v === null) continue;
        const v = cell.v;
        cells[c] = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
      }
      rows.push({ number: r + 1, cells });
    }
    sheets.push({ name: String(name), rows, hiddenColumns });
  }
  parentPort.postMessage({ ok: true, sheets });
} catch (e) {
  parentPort.postMessage({ ok: false, detail: String(e && e.message || e).slice(0, 200) });
}
`;

export function readXls(data: Uint8Array, limits: XlsLimits): Promise<XlsResult> {
  let lib: string;
  try {
    // CommonJS bundles (CLI, server, Electron) have `require`; under ESM (tests) it is made from this module's URL.
    lib = (typeof require === 'function' ? require : createRequire(import.meta.url)).resolve('@e965/xlsx');
  } catch {
    return Promise.resolve({ ok: false, reason: '无法读取 .xls：缺少读取组件，请重新安装本程序' });
  }
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { lib, data: Buffer.from(data), limits },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const done = (r: XlsResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const late = `读取超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒），已停止；请在 Excel 中“另存为” .xlsx 后再导入`;
    const timer = setTimeout(() => done({ ok: false, reason: late }), limits.timeoutMs);
    worker.on('message', (m: { ok: boolean; sheets?: { name: string; rows: { number: number; cells: Cell[] }[]; hiddenColumns: number[] }[] }) => {
      if (!m.ok || !m.sheets) {
        done({ ok: false, reason: '不是有效的 .xls 工作簿（文件已损坏、已加密，或不是 Excel 97–2003 格式）' });
        return;
      }
      const names = m.sheets.map((s) => s.name);
      const grids = m.sheets.map((s) => ({ sheetName: s.name, sheetNames: names, rows: s.rows as GridRow[], hiddenColumns: new Set(s.hiddenColumns) }));
      done({ ok: true, grids });
    });
    worker.on('error', (e) =>
      done({ ok: false, reason: /memory|heap/i.test(String(e)) ? '.xls 工作簿过大，读取时超出内存上限，已停止' : '不是有效的 .xls 工作簿（读取出错）' }),
    );
    worker.on('exit', () => done({ ok: false, reason: '不是有效的 .xls 工作簿（读取中断）' }));
  });
}
