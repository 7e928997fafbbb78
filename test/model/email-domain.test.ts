// policy.allowedEmailDomains matching: exact domains, `*.` for subdomains only, case-insensitive.
import { describe, expect, it } from 'vitest';
import { compileEmailDomains, emailDomain } from '../../src/model/email-domain.js';

describe('compileEmailDomains', () => {
  it('allows the exact domain and, with *., any depth of subdomain but not the domain itself', () => {
    const allowed = compileEmailDomains(['acme.com', '*.eu.acme.com']);

    expect(
      [
        'ada@acme.com',
        'Ada@ACME.com',
        'bo@x.acme.com',
        'cy@de.eu.acme.com',
        'di@a.b.eu.acme.com',
        'ed@eu.acme.com',
        'fa@notacme.com',
        'gi@acme.com.evil.example',
        'ha@xeu.acme.com',
      ].map((e) => [e, allowed(e)]),
    ).toEqual([
      ['ada@acme.com', true],
      ['Ada@ACME.com', true],
      ['bo@x.acme.com', false],
      ['cy@de.eu.acme.com', true],
      ['di@a.b.eu.acme.com', true],
      ['ed@eu.acme.com', false],
      ['fa@notacme.com', false],
      ['gi@acme.com.evil.example', false],
      ['ha@xeu.acme.com', false],
    ]);
  });

  it('an empty list allows everyone (the policy is not set)', () => {
    expect(compileEmailDomains([])('anyone@anywhere.example')).toBe(true);
  });

  it('takes the domain after the last @, and none from an address without one', () => {
    expect(emailDomain(' "a@b"@Acme.com ')).toBe('acme.com');
    expect(emailDomain('@acme.com')).toBe('acme.com');
    expect(emailDomain('nobody')).toBe('');
  });

  it('reads its rules without case or surrounding spaces, and refuses every other domain', () => {
    const allowed = compileEmailDomains([' ACME.com ', ' *.Ops.Example ']);

    expect(
      ['a@acme.com', 'a@eu.ops.example', 'a@acme.org', 'a@ops.example', 'a@.ops.example'].map(
        allowed,
      ),
    ).toEqual([true, true, false, false, false]);
  });
});
