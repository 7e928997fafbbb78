// Suggestions for mistyped keys, enum values and profile names.
import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '../../src/config/did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('a', 'b')).toBe(1);
    expect(editDistance('abc', 'abxc')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('counts a swap of adjacent letters once, anywhere in the word', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('abc', 'acb')).toBe(1);
    expect(editDistance('emial', 'email')).toBe(1);
    expect(editDistance('xab', 'xba')).toBe(1);
  });

  it('never edits a swapped pair again (optimal string alignment)', () => {
    expect(editDistance('ca', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  it('returns the candidate as written when only the case differs, whatever its length', () => {
    expect(closestMatch('ADMIN', ['edit', 'Admin'])).toBe('Admin');
    expect(closestMatch('A'.repeat(101), ['a'.repeat(101)])).toBe('a'.repeat(101));
  });

  it('allows one edit per three letters, and at least one', () => {
    expect(closestMatch('ab', ['ax'])).toBe('ax');
    expect(closestMatch('ab', ['xy'])).toBeUndefined();
    expect(closestMatch('abcdef', ['abcxyf'])).toBe('abcxyf');
    expect(closestMatch('abcdef', ['axcxyf'])).toBeUndefined();
    expect(closestMatch('EDTI', ['Edit'])).toBe('Edit');
  });

  it('takes the closest candidate, the first of equally close ones', () => {
    expect(closestMatch('editor', ['edxtxr', 'edxtor'])).toBe('edxtor');
    expect(closestMatch('cat', ['bat', 'hat'])).toBe('bat');
    expect(closestMatch('cat', ['cut', 'cat2', 'ca'])).toBe('cut');
  });

  it('compares inputs of up to 100 characters, and no longer ones', () => {
    expect(closestMatch(`${'a'.repeat(99)}b`, ['a'.repeat(100)])).toBe('a'.repeat(100));
    expect(closestMatch(`${'a'.repeat(100)}b`, ['a'.repeat(101)])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('is a quoted suggestion, or nothing', () => {
    expect(didYouMean('edti', ['admin', 'edit'])).toBe("; did you mean 'edit'?");
    expect(didYouMean('zzzz', ['admin', 'edit'])).toBe('');
  });
});
