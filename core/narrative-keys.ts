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

/** The parts as the 情况说明 page names them, for messages. */
export const NARRATIVE_KEY_LABELS: Record<string, string> = {
  duties: '部门职责',
  performanceGoals: '绩效目标',
  changeReasons: '增减原因',
  other: '其他需要说明的事项',
  threePublicReason: '“三公”经费增减原因',
  performanceGoalDetails: '分项绩效目标',
  performanceMeasures: '工作保障措施',
  specialFunds: '部门主管专项资金',
  glossary: '名词解释',
};

/** A 部门职责's title. */
export const NARRATIVE_TITLE_MAX = 500;

const KNOWN = new Set<string>([...NARRATIVE_CORE_KEYS, ...NARRATIVE_TEXT_KEYS, ...NARRATIVE_LIST_KEYS]);
/** The keys of the nested objects: nothing else is kept, so nothing else is accepted. */
const NESTED: Record<string, readonly string[]> = { changeReasons: ['basic', 'project'], duties: ['title', 'text'] };

/** Keys of `next` that the app does not know and that are not a stored free key sent back unchanged — nested ones too. */
export function unknownNarrativeKeys(next: Record<string, unknown>, stored: Record<string, unknown>): string[] {
  const top = Object.keys(next).filter((k) => !KNOWN.has(k) && !(Object.hasOwn(stored, k) && JSON.stringify(stored[k]) === JSON.stringify(next[k])));
  const nested: string[] = [];
  for (const [key, allowed] of Object.entries(NESTED)) {
    const v = next[key];
    for (const o of Array.isArray(v) ? v : [v]) {
      if (o && typeof o === 'object' && !Array.isArray(o)) for (const k of Object.keys(o)) if (!allowed.includes(k)) nested.push(`${key}.${k}`);
    }
  }
  return [...top, ...nested];
}

const over = (s: unknown, max: number) => typeof s === 'string' && s.length > max;

/**
 * Where the known text of a narrative exceeds its bound, as [key, reason]: the one set of limits, which the
 * budget-file parser reports and narrative.set's schema holds (api/domains/narrative.ts), so a text that
 * imports can always be saved again. Free keys kept from a file are bounded as a whole field.
 */
export function narrativeLengthProblems(n: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const para = `每段最多 ${NARRATIVE_PARAGRAPH_MAX} 字`;
  const field = `最多 ${NARRATIVE_FIELD_MAX} 字`;
  const list = (key: string, v: unknown, wholeString: number) => {
    if (Array.isArray(v)) {
      if (v.length > NARRATIVE_LIST_MAX) out.push([key, `最多 ${NARRATIVE_LIST_MAX} 条，实际 ${v.length} 条`]);
      else if (v.some((x) => over(x, NARRATIVE_PARAGRAPH_MAX))) out.push([key, `文字过长（${para}）`]);
    } else if (over(v, wholeString)) out.push([key, `文字过长（${wholeString === NARRATIVE_FIELD_MAX ? field : para}）`]);
  };
  const duties = Array.isArray(n.duties) ? (n.duties as { title?: unknown; text?: unknown }[]) : [];
  if (duties.length > NARRATIVE_LIST_MAX) out.push(['duties', `最多 ${NARRATIVE_LIST_MAX} 项，实际 ${duties.length} 项`]);
  else if (duties.some((d) => over(d?.title, NARRATIVE_TITLE_MAX) || over(d?.text, NARRATIVE_FIELD_MAX))) {
    out.push(['duties', `文字过长（标题最多 ${NARRATIVE_TITLE_MAX} 字，内容${field}）`]);
  }
  list('performanceGoals', n.performanceGoals, NARRATIVE_PARAGRAPH_MAX);
  const cr = n.changeReasons as { basic?: unknown; project?: unknown } | undefined;
  if (cr && (over(cr.basic, NARRATIVE_PARAGRAPH_MAX) || over(cr.project, NARRATIVE_PARAGRAPH_MAX))) out.push(['changeReasons', `文字过长（${para}）`]);
  if (over(n.other, NARRATIVE_FIELD_MAX)) out.push(['other', `文字过长（${field}）`]);
  for (const k of NARRATIVE_TEXT_KEYS) list(k, n[k], NARRATIVE_PARAGRAPH_MAX);
  for (const k of NARRATIVE_LIST_KEYS) list(k, n[k], NARRATIVE_FIELD_MAX);
  for (const [k, v] of Object.entries(n)) {
    if (!KNOWN.has(k) && JSON.stringify(v ?? null).length > NARRATIVE_FIELD_MAX) out.push([k, `内容过长（${field}）`]);
  }
  return out;
}

/** The refusal, naming the first unknown key (shortened: the key itself may be huge). */
export function unknownNarrativeMessage(keys: readonly string[]): string {
  const k = keys[0]!;
  const shown = k.length > 40 ? `${k.slice(0, 40)}…` : k;
  return `情况说明未保存：其中有本程序不认识的内容“${shown}”${keys.length > 1 ? `等 ${keys.length} 项` : ''}。情况说明只能包含部门职责、绩效目标、增减原因等页面上的栏目`;
}
