// The nesting pass over an answer's bytes: the same verdict as reading one byte at a time, however the
// answer is cut into chunks (a string, an escape or a run of backslashes may straddle two chunks).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/losant/json-nesting.js';

/** The plain reading: every byte, in order, strings and escapes followed one at a time. */
function deepestByReference(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, (depth += 1));
    else if (char === ']' || char === '}') depth -= 1;
  }
  return deepest;
}

/** The text's bytes cut at the given offsets. */
function chunksOf(text: string, cuts: readonly number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...at, bytes.length]) {
    chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

describe('nestsDeeperThan', () => {
  it('agrees with a byte-at-a-time reading, whatever the chunks and the bound', () => {
    const text = fc
      .array(fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a', ',', ':', 'é'), { maxLength: 80 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(100), { maxLength: 6 }), fc.nat(6), (t, cuts, max) => {
        expect(nestsDeeperThan(chunksOf(t, cuts), max)).toBe(deepestByReference(t) > max);
      }),
    );
  });

  it.each([
    ['brackets inside a string do not count', '{"a":"[[[[[[[["}', 1, false],
    ['an escaped quote does not end the string', '{"a":"\\"[[[["}', 1, false],
    ['an escaped backslash before a quote ends the string', '{"a":"\\\\"}[[', 1, true],
    ['three backslashes escape the quote', '["\\\\\\"[["]', 1, false],
  ])('%s, in one chunk and cut at every byte', (_name, text, max, deeper) => {
    const length = new TextEncoder().encode(text).length;
    for (let cut = 0; cut <= length; cut += 1) {
      expect(nestsDeeperThan(chunksOf(text, [cut]), max)).toBe(deeper);
    }
    for (let a = 0; a <= length; a += 1) {
      expect(nestsDeeperThan(chunksOf(text, [a, a + 1, a + 2]), max)).toBe(deeper);
    }
  });

  it('a Losant org answer of 10,000 members is within the bound; one more level of 64 is not', () => {
    const member =
      '{"userId":"b0","email":"a\\"b@x.example","role":"view","applicationRoles":[{"resourceId":"e1","role":"view"}]}';
    const org = `{"id":"o","members":[${Array.from({ length: 10_000 }, () => member).join(',')}]}`;
    const bytes = new TextEncoder().encode(org);

    expect(nestsDeeperThan([bytes], MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan([bytes], 3)).toBe(true);
    expect(nestsDeeperThan(chunksOf(`${'['.repeat(65)}${']'.repeat(65)}`, [7, 30]), 64)).toBe(true);
  });
});
