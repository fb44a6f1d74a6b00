// HTML escaping for everything the disclosure prints from the budget: a name like `<img onerror=…>`
// prints as text.
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
/** Escaped text with its line breaks kept. */
export function escLines(s: string): string {
  return esc(s).replace(/\r?\n/g, '<br>');
}

/** Phrases a heading may start a new line before (the stylesheet forbids breaks inside CJK words). */
const HEADING_PHRASES = /(部门预算|信息公开|情况说明|公开表)/g;

/**
 * A heading that wraps between phrases, never inside a word (`…信息公 / 开情况说明` was the bug): with
 * `word-break: keep-all` (style.ts) a line may break only at a space (after the department name) or at
 * the <wbr> put before each phrase; a year stays with its 年.
 */
export function headingHtml(s: string): string {
  return esc(s)
    .replace(/(\d+)(\s*年)/g, '<span class="nw">$1$2</span>')
    .replace(HEADING_PHRASES, '<wbr>$1');
}
