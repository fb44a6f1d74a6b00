// What every call answers, whatever its channel (zod-free: the renderer bundle imports it). The refusal's
// code space is storage's (db/errors.ts): one code from SQLite to the screen.
import type { ErrorCode, RowError } from '../db/errors';

export type { ErrorCode, RowError };

export interface AppError {
  code: ErrorCode;
  /** Chinese, names the field and the reason. */
  message: string;
  field?: string;
  rows?: RowError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What an export handler produces (engine side). */
export interface ExportFile {
  fileName: string;
  mime: string;
  data: string; /* base64 */
}
/** What the renderer gets back from an export channel after the transport handled the file. */
export type ExportOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string } | { kind: 'cancelled' };
