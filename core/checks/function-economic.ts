// The function–economic pairs of standing budget policy (data/function-economic.tsv), parsed once.
// A bureau extends the table, not this code.
import pairsTsv from './data/function-economic.tsv';

export interface FunctionEconomicPair {
  economic: string;
  /** A function code or its leading digits (类 3 / 款 5 / 项 7). */
  function: string;
  /** true: the function code also takes only the economic codes paired with it. */
  bothWays: boolean;
  note: string;
}

const DIRECTIONS: Record<string, boolean> = { 双向: true, 单向: false };

/** Parses the pairs table; throws on a malformed row (the table ships with the app: a bad row is a packaging bug). */
export function parseFunctionEconomicPairs(text: string): FunctionEconomicPair[] {
  const out: FunctionEconomicPair[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const [economic = '', fn = '', dir = '', note = ''] = line.split('\t').map((s) => s.trim());
      if (!/^\d{5}$/.test(economic) || !/^\d{3,7}$/.test(fn) || !(dir in DIRECTIONS)) {
        throw new Error(`function-economic.tsv: line ${i + 1} is not "economic<TAB>function<TAB>双向|单向<TAB>note": ${JSON.stringify(raw)}`);
      }
      out.push({ economic, function: fn, bothWays: DIRECTIONS[dir]!, note });
    });
  return out;
}

export const FUNCTION_ECONOMIC_PAIRS: readonly FunctionEconomicPair[] = parseFunctionEconomicPairs(pairsTsv);

/**
 * Why a line's (function, economic) breaks the pairs, or null: an economic code listed in the table
 * must sit under one of its functions; a function under a two-way row takes only its economic codes.
 */
export function pairProblem(
  fn: string,
  economic: string,
  pairs: readonly FunctionEconomicPair[] = FUNCTION_ECONOMIC_PAIRS,
): { expected: string[]; side: 'economic' | 'function' } | null {
  const byEconomic = pairs.filter((p) => p.economic === economic);
  if (byEconomic.length && !byEconomic.some((p) => fn.startsWith(p.function))) return { expected: byEconomic.map((p) => p.function), side: 'economic' };
  const byFunction = pairs.filter((p) => p.bothWays && fn.startsWith(p.function));
  if (byFunction.length && !byFunction.some((p) => p.economic === economic)) return { expected: byFunction.map((p) => p.economic), side: 'function' };
  return null;
}
