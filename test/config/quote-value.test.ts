// How a value is quoted in a message: control characters made visible, long values shortened.
import { describe, expect, it } from 'vitest';
import { quoteValue } from '../../src/config/quote-value.js';

describe('quoteValue', () => {
  it('puts the value in single quotes as it is when it is short and printable', () => {
    expect(quoteValue('alice@acme.com')).toBe("'alice@acme.com'");
    expect(quoteValue(' ~ ')).toBe("' ~ '");
    expect(quoteValue('')).toBe("''");
  });

  it('writes line breaks and tabs as their escapes', () => {
    expect(quoteValue('a\nb\rc\td')).toBe("'a\\nb\\rc\\td'");
  });

  it('writes every other control character as \\u and four hex digits, DEL included', () => {
    expect(quoteValue('\u0000\u0001\u001b\u001f\u007f')).toBe(
      "'\\u0000\\u0001\\u001b\\u001f\\u007f'",
    );
  });

  it('keeps a value of exactly the limit whole and shortens one past it to the limit, ending in ...', () => {
    const sixty = 'x'.repeat(60);
    expect(quoteValue(sixty)).toBe(`'${sixty}'`);
    expect(quoteValue(`${sixty}y`)).toBe(`'${'x'.repeat(57)}...'`);
    expect(quoteValue('abcdef', 6)).toBe("'abcdef'");
    expect(quoteValue('abcdefg', 6)).toBe("'abc...'");
  });

  it('counts the limit on the escaped text', () => {
    // Ten line breaks are twenty characters once escaped.
    expect(quoteValue('\n'.repeat(10), 20)).toBe(`'${'\\n'.repeat(10)}'`);
    expect(quoteValue('\n'.repeat(11), 20)).toBe(`'${'\\n'.repeat(8)}\\...'`);
  });
});
