// The argument pieces several domains share (the budget reference, a code, a year, a path, 元 strings) and
// the one translation of a zod failure into a Chinese message naming the field. Domain-only shapes live in
// their domain module (api/domains/*).
import { z } from 'zod';
import { MAX_BUDGET_YEAR, MAX_DEPT_CODE_LENGTH, MIN_BUDGET_YEAR } from '../core/model';
import { argLabel, enumChoices, typeLabel } from '../core/labels';

export const codeSchema = z.string().trim().min(1).max(64);
export const yearSchema = z.number().int().min(MIN_BUDGET_YEAR).max(MAX_BUDGET_YEAR);
export const deptCodeSchema = z.string().trim().min(1).max(MAX_DEPT_CODE_LENGTH);
/** A budget is addressed by `{dept, year}`: department code + 预算年度. */
export const budgetRefSchema = z.object({ dept: deptCodeSchema, year: yearSchema });
export type BudgetRef = z.infer<typeof budgetRefSchema>;
export const withBudget = <T extends z.ZodRawShape>(shape: T) => z.object({ budget: budgetRefSchema, ...shape });

/** A file path from the renderer: bounded, no NUL, and well-formed Unicode (a lone surrogate cannot name a file:
 *  Node and SQLite would each replace it differently and write to a name nobody chose). */
export const pathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\u0000'), '不能含有空字符')
  .refine((p) => !/\p{Surrogate}/u.test(p), '含有无效的字符');

/** 元 string as typed or pasted ("1,234.50" allowed); the engine parses it exactly with core/money parseYuan. */
export const yuanSchema = z.string().max(40);
/** File content in base64 (JSON and structured clone both carry it; files here are a few MB at most). */
export const base64Schema = z.string().max(60_000_000);
export const idSchema = z.number().int().positive();

/** Format a zod failure as one Chinese message naming the field as the clerk knows it (core/labels.ts). */
export function zodMessage(err: z.ZodError): { message: string; field?: string } {
  const issue = err.issues[0];
  if (!issue) return { message: '输入内容无效' };
  const field = issue.path.join('.');
  let reason: string;
  switch (issue.code) {
    case 'invalid_type':
      reason = issue.received === 'undefined' ? '不能为空' : `应为${typeLabel(issue.expected)}，实际为${typeLabel(issue.received)}`;
      break;
    case 'too_small':
      reason = issue.type === 'string' ? '不能为空' : issue.type === 'array' ? '至少需要一项' : `不能小于 ${String(issue.minimum)}`;
      break;
    case 'too_big':
      reason =
        issue.type === 'string' ? `过长（最多 ${String(issue.maximum)} 个字）` : issue.type === 'array' ? '项数过多' : `不能大于 ${String(issue.maximum)}`;
      break;
    case 'invalid_enum_value':
      reason = enumChoices(issue.options);
      break;
    case 'unrecognized_keys':
      reason = '含有无法识别的内容';
      break;
    default:
      reason = issue.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式无效';
  }
  const label = argLabel(issue.path);
  // A schema's own Chinese message may already name the field (“编码只能包含数字”).
  const message = label ? (reason.startsWith(label) ? reason : `${label}${reason}`) : `输入内容${reason}`;
  return { message, field: field || undefined };
}
