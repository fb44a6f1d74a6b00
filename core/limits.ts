// Input limits that hold at every entry (the app's API, browser mode, the CLI), one place each.

/** A budget file's text, in characters (JavaScript string length). A 30,000-line budget is about 6 million. */
export const MAX_BUDGET_FILE_CHARS = 60_000_000;

/** The same limit as the clerk reads it (README 可靠性, messages). */
export const MAX_BUDGET_FILE_WORDS = '6000 万字符';
