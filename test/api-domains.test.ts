// The API's domain maps merge into one method map; a channel defined by two domains is refused at start
// (a spread would let the later silently win). The compiler refuses it first (api.ts NO_CHANNEL_TWICE).
import { describe, expect, test } from 'vitest';
import { METHODS, mergeDomains } from '../api/api';
import { CHANNELS } from '../api/channels';

describe('API domains', () => {
  test('a channel defined by two domains is refused, naming the channel', () => {
    expect(() => mergeDomains([{ 'a.one': 1, 'a.two': 2 }, { 'b.one': 3 }, { 'a.two': 4 }] as const)).toThrow(/a\.two/);
    expect(mergeDomains([{ 'a.one': 1 }, { 'b.one': 3 }] as const)).toEqual({ 'a.one': 1, 'b.one': 3 });
  });
  test('the merged map holds every channel once', () => {
    expect(Object.keys(METHODS).sort()).toEqual([...CHANNELS].sort());
  });
});
