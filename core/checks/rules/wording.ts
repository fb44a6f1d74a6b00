// Rules on how the 情况说明 reads (review-rules.md “Narrative against tables”): doubled words, English
// commas, 元 and 万元 in one sentence, more than two decimals, years other than this and last, change
// wording that contradicts itself, and a sentence that claims what the data does not bear out.
// The text rules are rows of data: a pattern over one paragraph (or sentence) and what to say.
import { narrativeOf } from '../derived';
import type { CheckContext, Rule, Severity } from '../types';
import { narrativeTexts } from './narrative';

interface TextRule {
  id: string;
  severity: Severity;
  title: string;
  /** Per sentence (split at 。；！？) instead of per paragraph. */
  sentences?: boolean;
  /** The offending excerpt and what is wrong with it, or null. */
  find(text: string, ctx: CheckContext): { at: string; problem: string } | null;
}

const match = (re: RegExp, text: string, problem: (m: RegExpExecArray) => string) => {
  const m = re.exec(text);
  return m ? { at: m[0], problem: problem(m) } : null;
};

const TEXT_RULES: TextRule[] = [
  {
    id: 'narrative.doubled-word',
    severity: '提示',
    title: '情况说明中不能有重复的词（如“预算预算”）',
    find: (t) => match(/([\u4e00-\u9fff]{2,6})\1/u, t, (m) => `“${m[1]}”重复`),
  },
  {
    id: 'narrative.ascii-comma',
    severity: '提示',
    title: '中文句子中使用中文逗号“，”',
    find: (t) => match(/[\u4e00-\u9fff],|,[\u4e00-\u9fff]/u, t, () => '中文句子中用了英文逗号“,”，应为“，”'),
  },
  {
    id: 'narrative.mixed-units',
    severity: '提示',
    title: '同一句中不混用“元”和“万元”',
    sentences: true,
    find: (t) => (/万元/.test(t) && /\d\s*元/.test(t) ? { at: t, problem: '同一句中既有“元”又有“万元”，金额单位应统一' } : null),
  },
  {
    id: 'narrative.decimals',
    severity: '提示',
    title: '金额、比率最多保留两位小数',
    find: (t) => match(/\d+\.\d{3,}\s*(?:万元|元|%|％)/u, t, () => '小数超过两位'),
  },
  {
    id: 'narrative.year-out-of-range',
    severity: '提示',
    title: '情况说明只提及本预算年度及上一年度',
    find: (t, ctx) => {
      const y = ctx.budget.year;
      // A year inside a document title (《…2019年…》) or after 截至 states a fact, not the report's year.
      const plain = t.replace(/《[^》]*》/gu, '').replace(/截至\s*\d{4}\s*年/gu, '');
      for (const m of plain.matchAll(/(?<!\d)((?:19|20)\d{2})\s*年/gu)) {
        const n = Number(m[1]);
        if (n !== y && n !== y - 1) return { at: m[0], problem: `不是预算年度 ${y} 年或上年 ${y - 1} 年，请核实` };
      }
      return null;
    },
  },
  {
    id: 'narrative.change-wording',
    severity: '错误',
    title: '增减表述不自相矛盾（无“增加持平”“0万元，比上年增加”）',
    find: (t) => match(/(?:增加|减少|增长|下降)持平|(?<![\d.])0(?:\.0+)?\s*万元[，,]\s*(?:比|较)上年(?:预算)?(?:增加|增长)/u, t, () => '增减表述自相矛盾'),
  },
];

const SENTENCE_RE = /[^。；！？]+[。；！？]?/gu;

function textRule(r: TextRule): Rule {
  return {
    id: r.id,
    severity: r.severity,
    title: r.title,
    run: (ctx) =>
      narrativeTexts(narrativeOf(ctx)).flatMap((p) => {
        const parts = r.sentences ? (p.text.match(SENTENCE_RE) ?? []) : [p.text];
        for (const part of parts) {
          const hit = r.find(part, ctx);
          if (!hit) continue;
          const at = hit.at.length > 40 ? `${hit.at.slice(0, 40)}…` : hit.at;
          return [{ message: `情况说明“${p.where}”：“${at}”${hit.problem}`, target: { page: 'narrative', kind: 'narrative', id: p.key } }];
        }
        return [];
      }),
  };
}

export const wordingRules: Rule[] = [...TEXT_RULES.map(textRule)];
