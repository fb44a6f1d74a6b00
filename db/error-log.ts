// Details a clerk cannot act on ("Maximum call stack size exceeded", "EISDIR: …", stack traces) never reach
// the screen: they are appended to one log file and the clerk reads a Chinese sentence that names it. The
// hosts (desktop engine, browser mode, CLI) set the file at start: "<user data folder>/logs/errors.log"
// (README, 可靠性). Writing the log never throws: a failed log write must not hide the original refusal.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setDetailSink } from '../core/files/detail';

let logFile: string | null = null;

export function setErrorLogFile(path: string | null): void {
  logFile = path;
}

/** Appends the detail of `e` (with `context`) to the log; returns whether it was written. */
export function logErrorDetail(e: unknown, context: string): boolean {
  if (!logFile) return false;
  const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  try {
    mkdirSync(dirname(logFile), { recursive: true });
    appendFileSync(logFile, `[${new Date().toISOString()}] ${context}\n${detail}\n\n`, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}

// The readers of clerks' files (core/files) log their parsers' English detail here.
setDetailSink(logErrorDetail);

/** The clerk's sentence for an unexpected failure of `what`; the detail goes to the log. */
export function internalFailureMessage(e: unknown, what: string): string {
  const logged = logErrorDetail(e, what);
  const where = logged ? `详细信息已记入日志文件“${logFile}”，如需帮助请把该文件交给技术支持` : '请重试；如仍失败，请联系技术支持';
  return `${what}未完成：程序遇到意外错误。${where}`;
}
