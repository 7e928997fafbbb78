// Says what exactly is wrong with an address that is not a valid email, and what to write instead.

import { quoteValue as quote } from './quote-value.js';

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/** The message for a value that the schema's `format: email` rejected; `field` is the key, e.g. 'email'. */
export function describeEmailProblem(field: string, value: string): string {
  if (/[\r\n]/.test(value)) {
    return `${field} contains a line break (from a folded '>' or block '|' scalar, or a quoted string split over lines); write the address on one line`;
  }
  if (value !== value.trim()) {
    return `${field} ${quote(value)} has spaces around it; write ${quote(value.trim())}`;
  }
  if (/\s/.test(value))
    return `${field} ${quote(value)} contains whitespace; an email address has none`;
  const at = value.split('@');
  if (at.length !== 2 || at[0] === '' || at[1] === '') {
    return `${field} ${quote(value)} is not an email address; write one address with a single '@', such as alice@acme.com`;
  }
  const [local = '', domain = ''] = at;
  const nonAsciiLocal = NON_ASCII.exec(local);
  if (nonAsciiLocal !== null) {
    return `the part before '@' in ${quote(value)} has a non-ASCII character ('${nonAsciiLocal[0]}'), which Losant does not accept; write the ASCII address the person signs in with`;
  }
  if (NON_ASCII.test(domain)) {
    return `the domain of ${quote(value)} has non-ASCII characters; write it in its ASCII form (punycode, xn--...)`;
  }
  return `${field} ${quote(value)} is not a valid email address; write it as name@domain, such as alice@acme.com`;
}
