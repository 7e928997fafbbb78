// Email globs of policy.unmanaged.
import { describe, expect, it } from 'vitest';
import { compileEmailPatterns, matchesEmailPattern } from '../../src/model/email-pattern.js';

describe('email patterns', () => {
  it.each([
    ['breakglass@acme.com', 'breakglass@acme.com', true],
    ['BreakGlass@Acme.com', 'breakglass@acme.com', true],
    ['ops@losant.com', '*@losant.com', true],
    ['ops@sub.losant.com', '*@losant.com', false],
    ['ops@sub.losant.com', '*losant.com', true],
    ['ops@losantXcom', '*@losant.com', false],
    ['bob+ci@acme.com', 'bob@acme.com', false],
    ['bob+ci@acme.com', 'bob+*@acme.com', true],
    ['anyone@anywhere', '*', true],
  ])('%s against %s: %s', (email, pattern, expected) => {
    expect(matchesEmailPattern(email, pattern)).toBe(expected);
  });

  it('compiles a list into one predicate; an empty list matches nothing', () => {
    const isUnmanaged = compileEmailPatterns(['breakglass@acme.com', '*@losant.com']);

    expect(['a@losant.com', 'breakglass@acme.com', 'bob@acme.com'].map(isUnmanaged)).toEqual([
      true,
      true,
      false,
    ]);
    expect(compileEmailPatterns([])('a@b.c')).toBe(false);
  });

  it('a * matches any run of characters, line breaks included', () => {
    expect(compileEmailPatterns(['*@acme.com'])('odd\nname@acme.com')).toBe(true);
  });
});
