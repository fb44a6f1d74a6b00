// The keys of the clerk's 情况说明 text (the budget file's `narrative`, the 情况说明 page, `narrative.set`), one
// place. A budget file may carry free keys of its own (kept on round trip, as the file format says); the app's
// API accepts no key beyond these — except a free key stored from an imported file and sent back unchanged —
// so nothing unbounded or unknown can be slipped into the database and the exported file through it.

/** Required parts, always present. */
export const NARRATIVE_CORE_KEYS = ['duties', 'performanceGoals', 'changeReasons', 'other'] as const;
/** Optional text read by core/narrative: a string, or a list of paragraphs (string or string[]). */
export const NARRATIVE_TEXT_KEYS = ['threePublicReason'] as const;
export const NARRATIVE_LIST_KEYS = ['performanceGoalDetails', 'performanceMeasures', 'specialFunds', 'glossary'] as const;

/** Text bounds (characters): one paragraph, and a whole field. */
export const NARRATIVE_PARAGRAPH_MAX = 5_000;
export const NARRATIVE_FIELD_MAX = 20_000;
export const NARRATIVE_LIST_MAX = 200;

const KNOWN = new Set<string>([...NARRATIVE_CORE_KEYS, ...NARRATIVE_TEXT_KEYS, ...NARRATIVE_LIST_KEYS]);

/** Keys of `next` that the app does not know and that are not a stored free key sent back unchanged. */
export function unknownNarrativeKeys(next: Record<string, unknown>, stored: Record<string, unknown>): string[] {
  return Object.keys(next).filter((k) => !KNOWN.has(k) && !(Object.hasOwn(stored, k) && JSON.stringify(stored[k]) === JSON.stringify(next[k])));
}

/** The refusal, naming the first unknown key (shortened: the key itself may be huge). */
export function unknownNarrativeMessage(keys: readonly string[]): string {
  const k = keys[0]!;
  const shown = k.length > 40 ? `${k.slice(0, 40)}…` : k;
  return `情况说明未保存：其中有本程序不认识的内容“${shown}”${keys.length > 1 ? `等 ${keys.length} 项` : ''}。情况说明只能包含部门职责、绩效目标、增减原因等页面上的栏目`;
}
