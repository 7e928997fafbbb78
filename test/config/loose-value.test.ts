// Readers of parsed values that may not have passed the schema.
import { describe, expect, it } from 'vitest';
import { list, own, record, text } from '../../src/config/loose-value.js';

describe('loose readers', () => {
  it('record takes only a plain mapping', () => {
    const map = { a: 1 };
    expect(record(map)).toBe(map);
    for (const value of [null, undefined, [], 'x', 3, true]) expect(record(value)).toBeUndefined();
  });

  it('list takes only an array, text only a string', () => {
    const items = [1];
    expect(list(items)).toBe(items);
    for (const value of [null, {}, 'x']) expect(list(value)).toBeUndefined();
    expect(text('x')).toBe('x');
    expect(text('')).toBe('');
    for (const value of [null, 1, ['x'], {}]) expect(text(value)).toBeUndefined();
  });

  it('own reads only the map’s own keys, never inherited ones such as constructor', () => {
    expect(own({ constructor: 'mine' }, 'constructor')).toBe('mine');
    expect(own({}, 'constructor')).toBeUndefined();
    expect(own({}, 'toString')).toBeUndefined();
    expect(own(undefined, 'a')).toBeUndefined();
    expect(own({ a: 0 }, 'a')).toBe(0);
  });
});
