// One measured figure of bench/results.json: written by bench.ts (stages) and ui.ts (the renderer stages).
export interface Figure {
  median_ms: number | null;
  peak_rss_mb: number | null;
  [extra: string]: unknown;
}
