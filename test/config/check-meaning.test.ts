// The meaning checks in process, at their edges: expiry dates, repeated ids, unmanaged patterns,
// resource-role limits, admins, and where each problem is said to be.
import { describe, expect, it } from 'vitest';
import { validateConfigText } from '../../src/config/validate-config-text.js';

const HEAD = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70801\n';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
type Shown = { line: number; col: number; rule: string; message: string };
const show = (p: Shown): string => `${p.line}:${p.col} ${p.rule}: ${p.message}`;

function check(body: string, now?: number): { errors: string[]; warnings: string[] } {
  const options = now === undefined ? {} : { now };
  const result = validateConfigText('org.yaml', encode(`${HEAD}${body}`), {}, options);
  return { errors: result.errors.map(show), warnings: result.warnings.map(show) };
}

const id = (n: number, kind = 'a'): string =>
  `6650f0c1a2b3c4d5e6f7${kind}${n.toString(16).padStart(3, '0')}`;
const grants = (count: number, kind = 'a', indent = '      '): string =>
  Array.from({ length: count }, (_, i) => `${indent}- { id: ${id(i, kind)}, role: view }\n`).join(
    '',
  );
const ADMIN = '  - { email: root@acme.com, role: admin }\n';

describe('expires', () => {
  const body =
    'profiles:\n  ops:\n    role: view\n    expires: 2026-01-31\nmembers:\n' +
    ADMIN +
    '  - { email: a@acme.com, role: view,  expires: 2026-06-30 }\n' +
    '  - { email: b@acme.com, profile: ops }\n' +
    '  - { email: c@acme.com, role: view, expires: 2027-06-30 }\n';

  it('says which expires is no real date, of a member, a member without an email and a profile, at the value', () => {
    const result = check(
      'profiles:\n  ops:\n    role: view\n    expires: 2027-13-01\nmembers:\n  - { email: a@acme.com, role: admin, expires: 2027-02-30 }\n  - { role: view,   expires: "2027-02-29T10:00:00Z" }\n  - { email: b@acme.com, profile: ops }\n',
    );
    expect(result.errors.filter((e) => e.includes('invalid-expires'))).toMatchInlineSnapshot(`
      [
        "7:14 invalid-expires: expires '2027-13-01' of profile 'ops' is not a real date or time; write a date such as 2027-01-31 or a time such as 2027-01-31T17:00:00Z",
        "9:48 invalid-expires: expires '2027-02-30' of member 'a@acme.com' is not a real date or time; write a date such as 2027-01-31 or a time such as 2027-01-31T17:00:00Z",
        "10:30 invalid-expires: expires '2027-02-29T10:00:00Z' of member #2 is not a real date or time; write a date such as 2027-01-31 or a time such as 2027-01-31T17:00:00Z",
      ]
    `);
  });

  it('leaves an expires that does not start with a date to the schema', () => {
    const result = check(
      `members:\n${ADMIN}  - { email: a@acme.com, role: view, expires: soon }\n  - { email: b@acme.com, role: view, expires: x2027-01-01 }\n  - { email: c@acme.com, role: view, expires: 2027-01-3 }\n`,
    );
    expect(result.errors).toMatchInlineSnapshot(`
      [
        "6:47 invalid-expires: expires must be a date such as 2027-01-31 (the end of that day, UTC) or an RFC 3339 time such as 2027-01-31T17:00:00Z, not 'soon'",
        "7:47 invalid-expires: expires must be a date such as 2027-01-31 (the end of that day, UTC) or an RFC 3339 time such as 2027-01-31T17:00:00Z, not 'x2027-01-01'",
        "8:47 invalid-expires: expires must be a date such as 2027-01-31 (the end of that day, UTC) or an RFC 3339 time such as 2027-01-31T17:00:00Z, not '2027-01-3'",
      ]
    `);
  });

  it('warns of an expires already past, of a member and of a profile, at the value, only when given the time', () => {
    const now = Date.parse('2026-07-01T00:00:00Z');
    expect(check(body, now).warnings).toMatchInlineSnapshot(`
      [
        "7:14 expires-past: the access of profile 'ops' expired on 2026-01-31: the next apply removes it; remove the entry (or its expires) from the file",
        "10:48 expires-past: the access of member 'a@acme.com' expired on 2026-06-30: the next apply removes it; remove the entry (or its expires) from the file",
      ]
    `);
    expect(check(body).warnings).toEqual([]);
  });
});

describe('repeated ids and broken entries', () => {
  it('says an id listed twice in a profile, whatever its case, and skips entries without a string id', () => {
    const result = check(
      `profiles:\n  ops:\n    role: view\n    applications:\n      - { id: ${id(1)}, role: view }\n      - { id: ${id(1).toUpperCase()}, role: view }\n    dashboards:\n      - { id: ${id(2, 'd')}, role: view }\n      - { id: ${id(2, 'd')}, role: collaborate }\nmembers:\n${ADMIN}  - { email: a@acme.com, profile: ops, applications: [x, { id: 5, role: view }, { role: view }, { role: view }] }\n`,
    );
    expect(result.errors).toMatchInlineSnapshot(`
      [
        "9:15 duplicate-resource: application '6650f0c1a2b3c4d5e6f7a001' is listed twice in profile 'ops' (first on line 8); keep one entry with the role you want",
        "12:15 duplicate-resource: dashboard '6650f0c1a2b3c4d5e6f7d002' is listed twice in profile 'ops' (first on line 11); keep one entry with the role you want",
        "15:55 wrong-type: application role #1 must be a mapping (key: value), not the string 'x'",
        "15:64 wrong-type: id must be a string, not the number 5; quote it: '5'",
        "15:81 missing-key: application role #3 is missing 'id'; add id: with 24 hexadecimal characters",
        "15:97 missing-key: application role #4 is missing 'id'; add id: with 24 hexadecimal characters",
      ]
    `);
  });

  it('reads only the string entries of unmanaged and allowedEmailDomains', () => {
    const result = check(
      `members:\n${ADMIN}  - { email: a@acme.com, role: view }\npolicy:\n  unmanaged: [5, 'a@acme.com']\n  allowedEmailDomains: [7, acme.com]\n`,
    );
    expect(result.errors).toMatchInlineSnapshot(`
      [
        "6:14 unmanaged-member: 'a@acme.com' is declared in members and also matched by the unmanaged pattern 'a@acme.com'; losant-org cannot both manage and ignore someone, so remove the member or narrow the pattern",
        "8:15 wrong-type: unmanaged pattern #1 must be a string, not the number 5; quote it: '5'",
        "9:25 wrong-type: allowed email domain #1 must be a string, not the number 7; quote it: '7'",
      ]
    `);
  });
});

describe('unmanaged patterns and emails', () => {
  it('warns of a pattern listed twice in any case, at the second', () => {
    const result = check(
      `members:\n${ADMIN}policy:\n  unmanaged:\n    - bot@acme.com\n    - BOT@acme.com\n`,
    );
    expect(result.warnings).toMatchInlineSnapshot(`
      [
        "9:7 duplicate-unmanaged: unmanaged pattern 'BOT@acme.com' is listed twice (first on line 8); remove one",
      ]
    `);
  });

  it('quotes an address trimmed when it is declared twice, unmanaged or outside the domains', () => {
    const result = check(
      `members:\n${ADMIN}  - { email: "a@acme.com ", role: view }\n  - { email: " A@acme.com", role: view }\n  - { email: " bot@acme.com", role: view }\n  - { email: " z@other.com", role: view }\npolicy:\n  unmanaged: [bot@acme.com]\n  allowedEmailDomains: [acme.com, example.com]\n`,
    );
    expect(result.errors.filter((e) => !e.includes('has spaces around it'))).toMatchInlineSnapshot(`
      [
        "7:14 duplicate-email: 'A@acme.com' is declared twice (first on line 6); emails match case-insensitively, so merge the two entries into one",
        "8:14 unmanaged-member: 'bot@acme.com' is declared in members and also matched by the unmanaged pattern 'bot@acme.com'; losant-org cannot both manage and ignore someone, so remove the member or narrow the pattern",
        "9:14 email-domain: email 'z@other.com' is outside policy.allowedEmailDomains (acme.com, example.com); use an address at one of them, or add its domain to the list",
      ]
    `);
  });

  it('lists the defined profiles when an unknown one is close to none of them', () => {
    const result = check(
      `profiles:\n  ops:\n    role: view\n  eng:\n    role: edit\nmembers:\n${ADMIN}  - { email: a@acme.com, profile: zzzzzz }\n  - { email: b@acme.com, profile: ops }\n  - { email: c@acme.com, profile: eng }\n`,
    );
    expect(result.errors).toMatchInlineSnapshot(`
      [
        "11:35 unknown-profile: unknown profile 'zzzzzz'; defined profiles: 'ops', 'eng'",
      ]
    `);
  });
});

/** Profile `ops` with `count` application roles, and a member of it with `count` of its own. */
const profile = (count: number): string =>
  `profiles:\n  ops:\n    role: view\n    applications:\n${grants(count, 'a')}`;
const member = (count: number): string =>
  `members:\n${ADMIN}  - email: a@acme.com\n    profile: ops\n    applications:\n${grants(count, 'b')}`;

describe('resource roles of a member and its profile', () => {
  it('allows exactly 100 roles of a kind merged from a profile and the member, and refuses 101', () => {
    expect(check(`${profile(60)}${member(40)}`).errors).toEqual([]);
    expect(check(`${profile(60)}${member(41)}`).errors).toMatchInlineSnapshot(`
      [
        "70:5 too-many-resource-roles: member 'a@acme.com' gets 101 application roles from profile 'ops' and its own entries; Losant allows at most 100, so move some to the org role",
      ]
    `);
  });

  it('leaves a profile or a member over the limit on its own to the schema', () => {
    const overProfile = `profiles:\n  ops:\n    role: view\n    applications:\n${grants(101, 'a')}members:\n${ADMIN}  - email: a@acme.com\n    profile: ops\n    applications:\n${grants(1, 'b')}`;
    const overMember = `members:\n${ADMIN}  - email: a@acme.com\n    role: view\n    applications:\n${grants(101, 'b')}`;

    expect(check(overProfile).errors.map((e) => e.split(':')[2])).toMatchInlineSnapshot(`
      [
        " applications has 101 entries; at most 100 are allowed (Losant's limit for one person)",
      ]
    `);
    expect(check(overMember).errors.map((e) => e.split(':')[2])).toMatchInlineSnapshot(`
      [
        " applications has 101 entries; at most 100 are allowed (Losant's limit for one person)",
      ]
    `);
  });
});

describe('admins', () => {
  it('only warns of too few admins when undeclared members are kept', () => {
    const result = check(
      `members:\n  - { email: a@acme.com, role: view }\npolicy:\n  removeUndeclaredMembers: false\n`,
    );
    expect(result).toMatchInlineSnapshot(`
      {
        "errors": [],
        "warnings": [
          "4:1 min-admins: 0 admins are declared but policy.minAdmins is 1; the plan will count admins that are unmanaged or kept, and refuses if fewer than 1 remain",
        ],
      }
    `);
  });
});

describe('more edges', () => {
  it('allows exactly 100 roles of the member’s own or the profile’s with one more from the other side refused', () => {
    expect(check(`${profile(1)}${member(100)}`).errors.map((e) => e.split(' ')[1])).toEqual([
      'too-many-resource-roles:',
    ]);
    expect(check(`${profile(100)}${member(1)}`).errors.map((e) => e.split(' ')[1])).toEqual([
      'too-many-resource-roles:',
    ]);
  });

  it('reads a profile that is not a mapping as having nothing', () => {
    const result = check(
      `profiles:\n  ops: 5\nmembers:\n${ADMIN}  - { email: a@acme.com, profile: ops }\n`,
    );
    expect(result.errors.map((e) => e.split(' ')[1])).toEqual(['wrong-type:']);
  });

  it('names the line of the first id as written, when the id is on the line after its key', () => {
    const result = check(
      `members:\n${ADMIN}  - email: a@acme.com\n    role: view\n    applications:\n      - id:\n          ${id(1)}\n        role: view\n      - { id: ${id(1)}, role: view }\n`,
    );
    expect(result.errors).toEqual([
      `12:15 duplicate-resource: application '${id(1)}' is listed twice in member 'a@acme.com' (first on line 10); keep one entry with the role you want`,
    ]);
  });
});

describe('profiles whose names need escaping in a pointer', () => {
  it('places the problems of a profile named with / or ~ at the profile, not at the top of the file', () => {
    const result = check(
      `profiles:\n  a/b:\n    role: view\n    expires: 2027-02-30\n  c~d:\n    role: view\nmembers:\n${ADMIN}`,
    );
    expect(result.errors.filter((e) => e.includes('invalid-expires'))).toEqual([
      "7:14 invalid-expires: expires '2027-02-30' of profile 'a/b' is not a real date or time; write a date such as 2027-01-31 or a time such as 2027-01-31T17:00:00Z",
    ]);
    expect(result.warnings).toEqual([
      "5:3 unused-profile: profile 'a/b' is not used by any member",
      "8:3 unused-profile: profile 'c~d' is not used by any member",
    ]);
  });
});
