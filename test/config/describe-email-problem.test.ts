// What exactly is wrong with an address the schema's format: email rejected.
import { describe, expect, it } from 'vitest';
import { describeEmailProblem } from '../../src/config/describe-email-problem.js';

describe('describeEmailProblem', () => {
  it('names a line break, from either kind of line end', () => {
    const said =
      "email contains a line break (from a folded '>' or block '|' scalar, or a quoted string split over lines); write the address on one line";
    expect(describeEmailProblem('email', 'a@b.com\n')).toBe(said);
    expect(describeEmailProblem('email', 'a@\rb.com')).toBe(said);
  });

  it('names spaces around the address and writes it trimmed', () => {
    expect(describeEmailProblem('billingEmail', ' a@b.com\t')).toBe(
      "billingEmail ' a@b.com\\t' has spaces around it; write 'a@b.com'",
    );
  });

  it('names whitespace inside the address', () => {
    expect(describeEmailProblem('email', 'a b@c.com')).toBe(
      "email 'a b@c.com' contains whitespace; an email address has none",
    );
  });

  it('asks for one address with a single @ when the @ is missing, doubled or at an end', () => {
    for (const value of ['ab.com', 'a@b@c.com', '@b.com', 'a@']) {
      expect(describeEmailProblem('email', value)).toBe(
        `email '${value}' is not an email address; write one address with a single '@', such as alice@acme.com`,
      );
    }
  });

  it('names the non-ASCII character before the @', () => {
    expect(describeEmailProblem('email', 'zoë@acme.com')).toBe(
      "the part before '@' in 'zoë@acme.com' has a non-ASCII character ('ë'), which Losant does not accept; write the ASCII address the person signs in with",
    );
  });

  it('asks for the ASCII form of a non-ASCII domain', () => {
    expect(describeEmailProblem('email', 'zoe@bücher.de')).toBe(
      "the domain of 'zoe@bücher.de' has non-ASCII characters; write it in its ASCII form (punycode, xn--...)",
    );
  });

  it('says name@domain for anything else', () => {
    expect(describeEmailProblem('email', 'a@b..c')).toBe(
      "email 'a@b..c' is not a valid email address; write it as name@domain, such as alice@acme.com",
    );
    // DEL is ASCII: it is not taken for a non-ASCII character.
    expect(describeEmailProblem('email', 'a\u007f@b.com')).toBe(
      "email 'a\\u007f@b.com' is not a valid email address; write it as name@domain, such as alice@acme.com",
    );
  });
});
