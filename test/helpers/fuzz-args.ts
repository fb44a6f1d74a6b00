// fast-check arbitraries for the IPC fuzz tests: arguments shaped by a channel's zod schema (so they reach
// the domain rules, not only the schema check), with "interesting" leaves, plus mutations of those shapes
// and plain garbage.
import fc from 'fast-check';
import type { z } from 'zod';

export interface Pools {
  strings: string[];
  numbers: number[];
  /** Likely-valid values by argument key ('year', 'unit', 'amount', …): most generated leaves use these. */
  byKey?: Record<string, readonly unknown[]>;
}

export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\t\n',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'; DROP TABLE lines; --",
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '%s%n',
  '\uD800',
  '🙂',
  '零',
  '一二三',
  'null',
  'undefined',
  'NaN',
  '-1',
  '-0.01',
  '0',
  '0.00',
  '0.001',
  '1e5',
  '1,234.56',
  '１２３',
  '99999999999.99',
  '100000000000.00',
  '12345678901234567890',
  '2.5',
  '.5',
  '5.',
  '+5',
  ' 100.00 ',
  'Infinity',
  '0x10',
  'x'.repeat(70),
  '项'.repeat(600),
];

const INTERESTING_NUMBERS = [0, -1, 1, 2, 3, 1.5, -0, 1989, 1990, 2024, 2025, 2026, 2100, 2101, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308];

function leafString(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pools.strings) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{1,12}(\.\d{1,3})?$/) },
  );
}

function leafNumber(pools: Pools): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pools.numbers) },
    { weight: 2, arbitrary: fc.constantFrom(...INTERESTING_NUMBERS) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
  );
}

/** Random JSON-ish garbage (what a broken or hostile page could send). */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, undefined, [], '', 0, true, { budget: null }, { __proto__: { polluted: 1 } }, JSON.parse('{"__proto__":{"polluted":1}}')),
);

type Def = { typeName?: string; [k: string]: unknown };

/** Values of the shape the schema describes (valid types; values may still be refused by domain rules). */
export function fromSchema(schema: z.ZodTypeAny, pools: Pools, depth = 0, key?: string): fc.Arbitrary<unknown> {
  const def = schema._def as Def;
  const hinted = key !== undefined ? pools.byKey?.[key] : undefined;
  const wrappers = ['ZodOptional', 'ZodNullable', 'ZodDefault', 'ZodEffects'];
  if (hinted && hinted.length && !wrappers.includes(def.typeName ?? '')) {
    return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...hinted) }, { weight: 2, arbitrary: fromSchema(schema, pools, depth) });
  }
  switch (def.typeName) {
    case 'ZodObject': {
      const shape = (schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) rec[k] = fromSchema(v, pools, depth + 1, k);
      return fc.record(rec);
    }
    case 'ZodString':
      return leafString(pools);
    case 'ZodNumber':
      return leafNumber(pools);
    case 'ZodBoolean':
      return fc.boolean();
    case 'ZodEnum':
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(def.values as string[])) }, { weight: 1, arbitrary: leafString(pools) });
    case 'ZodLiteral':
      return fc.constant(def.value);
    case 'ZodArray':
      return depth > 4 ? fc.constant([]) : fc.array(fromSchema(def.type as z.ZodTypeAny, pools, depth + 1), { maxLength: 4 });
    case 'ZodRecord':
      return fc.dictionary(leafString(pools), fromSchema(def.valueType as z.ZodTypeAny, pools, depth + 1), { maxKeys: 3 });
    case 'ZodOptional':
      return fc.option(fromSchema(def.innerType as z.ZodTypeAny, pools, depth, key), { nil: undefined, freq: 4 });
    case 'ZodNullable':
      return fc.option(fromSchema(def.innerType as z.ZodTypeAny, pools, depth, key), { nil: null, freq: 4 });
    case 'ZodDefault':
      return fc.option(fromSchema(def.innerType as z.ZodTypeAny, pools, depth, key), { nil: undefined, freq: 3 });
    case 'ZodEffects':
      return fromSchema(def.schema as z.ZodTypeAny, pools, depth, key);
    case 'ZodUnion':
      return fc.oneof(...(def.options as z.ZodTypeAny[]).map((o) => fromSchema(o, pools, depth, key)));
    default:
      return garbage;
  }
}

/** A shaped value with one part broken: a leaf replaced by garbage, a key dropped, or an unknown key added. */
export function mutated(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(shaped, fc.nat(), fc.constantFrom('replace', 'drop', 'extra'), garbage).map(([v, pick, how, junk]) => {
    if (v === null || typeof v !== 'object') return junk;
    const copy = structuredClone(v) as Record<string, unknown>;
    const paths: [Record<string, unknown>, string][] = [];
    const walk = (o: Record<string, unknown>) => {
      for (const k of Object.keys(o)) {
        paths.push([o, k]);
        const c = o[k];
        if (c && typeof c === 'object') walk(c as Record<string, unknown>);
      }
    };
    walk(copy);
    if (paths.length === 0) return { junk };
    const [o, k] = paths[pick % paths.length]!;
    if (how === 'replace') o[k] = junk;
    else if (how === 'drop') delete o[k];
    else o[`${k}_extra`] = junk;
    return copy;
  });
}
