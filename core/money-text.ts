// How a clerk types an amount, before it is read as a number: a Chinese input method gives full-width
// digits, `．` and `，`, and a thousands separator is only meaningful between groups of three digits.
// Stripping separators wherever they stand read "1,5" as 15.00 and "1.2,3" as 1.23, so a separator
// anywhere else refuses the whole input.

export const YUAN_SHAPE_ERROR = '不是有效的金额';

/** Full-width forms (U+FF01–U+FF5E) sit at a fixed offset from ASCII; only the ones an amount uses are mapped. */
const FULL_WIDTH_RE = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
/** Spaces people use as group separators (plain, no-break, narrow no-break, ideographic). */
const SPACE_SEPARATOR_RE = /[ \u00a0\u202f\u3000]/g;

/** "１,２３４．５０" → "1,234.50"; spaces between digits become separators (checked like commas). */
export function normaliseTyped(s: string): string {
  return s
    .replace(FULL_WIDTH_RE, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .trim()
    .replace(SPACE_SEPARATOR_RE, ',');
}

/** Separators only between groups of three digits of the integer part: 1,234 and 1,234,567.89. */
const GROUPED_RE = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Why the separators of a normalised amount are misplaced, or null when there are none or all are valid. */
export function groupingProblem(s: string): string | null {
  if (!s.includes(',')) return null;
  if (GROUPED_RE.test(s)) return null;
  return '千位分隔符“,”只能用在整数部分、每三位数字一组（如 1,234,567.89）';
}
