// findDuplicateKey (core/json-syntax.ts) against a writer that knows where it repeated a key: random JSON
// documents with objects of few and many keys, keys written plainly or with escapes (“\u0061” is “a”),
// nested in arrays and objects. The first repeated key in text order is found, with both lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../core/json-syntax';

type Node = { kind: 'obj'; entries: [string, boolean, Node][] } | { kind: 'arr'; items: Node[] } | { kind: 'leaf'; value: string | number | null };

/** A key as JSON text: plain, or every character as \uXXXX (the same key to a JSON reader). */
const keyText = (key: string, escape: boolean) =>
  escape ? `"${[...key].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"` : JSON.stringify(key);

/** The text, and the first repeated key in text order with the offsets of its two occurrences. */
function write(node: Node): { text: string; dup: { key: string; at: number; first: number } | null } {
  let text = '';
  let dup: { key: string; at: number; first: number } | null = null;
  const walk = (n: Node) => {
    if (n.kind === 'leaf') {
      text += JSON.stringify(n.value);
      return;
    }
    if (n.kind === 'arr') {
      text += '[\n';
      n.items.forEach((x, i) => {
        if (i) text += ',\n';
        walk(x);
      });
      text += ']';
      return;
    }
    const seen = new Map<string, number>();
    text += '{';
    n.entries.forEach(([key, escape, value], i) => {
      text += i ? ',\n ' : '\n ';
      const at = text.length;
      const first = seen.get(key);
      if (first !== undefined && (!dup || at < dup.at)) dup = { key, at, first };
      if (first === undefined) seen.set(key, at);
      text += `${keyText(key, escape)} : `;
      walk(value);
    });
    text += '\n}';
  };
  walk(node);
  return { text, dup };
}

const key = fc.constantFrom(
  'a',
  'b',
  'amount',
  'unit',
  '金额',
  'x"y',
  'back\\slash',
  'line\nbreak',
  'k1',
  'k2',
  'k3',
  'k4',
  'k5',
  'k6',
  'k7',
  'k8',
  'k9',
  'k10',
  'k11',
  'k12',
  'k13',
  'k14',
  'k15',
  'k16',
  'k17',
  'k18',
  'k19',
  'k20',
);
const tree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('leaf' as const), value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }),
    fc.record({ kind: fc.constant('arr' as const), items: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ kind: fc.constant('obj' as const), entries: fc.array(fc.tuple(key, fc.boolean(), tie('node')), { maxLength: 24 }) }),
  ),
}));

const lineOf = (text: string, pos: number) => text.slice(0, pos).split('\n').length;

describe('findDuplicateKey', () => {
  it('finds exactly the first repeated key of any document, escaped or not, with both lines (property)', () => {
    fc.assert(
      fc.property(tree.node, (node) => {
        const { text, dup } = write(node);
        JSON.parse(text); // the writer writes valid JSON
        const found = findDuplicateKey(text);
        if (!dup) expect(found).toBeNull();
        else
          expect(found).toEqual({
            key: (dup as { key: string }).key,
            line: lineOf(text, (dup as { at: number }).at),
            firstLine: lineOf(text, (dup as { first: number }).first),
          });
      }),
      { numRuns: 1500 },
    );
  });

  it('tells keys of sibling and nested objects apart', () => {
    expect(findDuplicateKey('[{"a":1},{"a":2}]')).toBeNull();
    expect(findDuplicateKey('{"a":{"a":{"a":1}},"b":[{"a":1,"b":2}]}')).toBeNull();
    expect(findDuplicateKey('{"a":{"b":1},"c":[1,{"d":2}],"a":3}')).toEqual({ key: 'a', line: 1, firstLine: 1 });
    expect(findDuplicateKey('{"a\\"b":1,"a\\u0022b":2}')).toEqual({ key: 'a"b', line: 1, firstLine: 1 });
    expect(findDuplicateKey('{"ab":1,"a":2,"b":"ab"}')).toBeNull();
  });
});
