// English detail from a parser ("1:1336: undefined entity", "Cannot read properties of undefined …") never
// reaches the clerk: the readers hand it here and say a Chinese sentence. core/ cannot import db/, so the
// error log (db/error-log.ts) registers itself as the sink when it is loaded; without one, nothing is kept.
let sink: ((e: unknown, context: string) => boolean) | null = null;

export function setDetailSink(fn: (e: unknown, context: string) => boolean): void {
  sink = fn;
}

/** "（详细信息已记入错误日志）" when the detail was logged, else ''. */
export function logDetail(e: unknown, context: string): string {
  return sink?.(e, context) ? '（详细信息已记入错误日志）' : '';
}
