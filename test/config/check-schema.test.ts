// The schema layer's words, one small mistake at a time, each with where it is said to be: what
// `validate` prints for each kind of schema error, in process.
import { describe, expect, it } from 'vitest';
import { validateConfigText } from '../../src/config/validate-config-text.js';

const ID = '6650f0c1a2b3c4d5e6f70801';
const APP = '6650f0c1a2b3c4d5e6f70a01';
const HEAD = `version: 1\norg:\n  id: ${ID}\n`;
const ADMIN = 'members:\n  - { email: root@acme.com, role: admin }\n';

function errorsOf(text: string, env: Record<string, string> = {}): string[] {
  return validateConfigText('org.yaml', new TextEncoder().encode(text), env, {}).errors.map(
    (p) => `${p.line}:${p.col} ${p.rule}: ${p.message}`,
  );
}

describe('schema problems', () => {
  it('names the type expected and the value found', () => {
    expect(
      [
        `${HEAD}  name: 5\n`,
        `${HEAD}  name: true\n`,
        `${HEAD}  name: 0x1F\n`,
        `${HEAD}  name: [a]\n`,
        `${HEAD}  name: {a: 1}\n`,
        `${HEAD}  name:\n`,
        `${HEAD}members: {}\n`,
        `${HEAD}members: alice@acme.com\n`,
        `${HEAD}${ADMIN}  - alice@acme.com\n`,
        `${HEAD}${ADMIN}  - 5\n`,
        `${HEAD}${ADMIN}  - { email: [a], role: view }\n`,
        `${HEAD}${ADMIN}policy:\n  removeUndeclaredMembers: "yes"\n`,
        `${HEAD}${ADMIN}policy:\n  maxRemovals: "3"\n`,
        `${HEAD}${ADMIN}policy:\n  maxRemovals: \${N}\n`,
        `${HEAD}${ADMIN}policy:\n  maxRemovals: 2.5\n`,
        `${HEAD}${ADMIN}policy:\n  unmanaged: [5]\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, applications: [x] }\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, dashboards: [5] }\n`,
        `version: "1"\norg:\n  id: ${ID}\n`,
        `version: 1\norg: 5\n`,
      ].map((text) => errorsOf(text, { N: '3' })),
    ).toMatchInlineSnapshot(`
      [
        [
          "4:9 wrong-type: name must be a string, not the number 5; quote it: '5'",
        ],
        [
          "4:9 wrong-type: name must be a string, not true; quote it: 'true'",
        ],
        [
          "4:9 wrong-type: name must be a string, not the number 0x1F; quote it: '0x1F'",
        ],
        [
          "4:3 wrong-type: name must be a string, not a list",
        ],
        [
          "4:3 wrong-type: name must be a string, not a mapping",
        ],
        [
          "4:8 wrong-type: name must be a string, not empty",
        ],
        [
          "4:1 wrong-type: members must be a list, not a mapping",
        ],
        [
          "4:10 wrong-type: members must be a list, not the string 'alice@acme.com'",
        ],
        [
          "6:5 wrong-type: member #2 must be a mapping, not the string 'alice@acme.com'; write - { email: alice@acme.com, role: view }",
        ],
        [
          "6:5 wrong-type: member #2 must be a mapping, not the number 5; write - { email: alice@acme.com, role: view }",
        ],
        [
          "6:7 wrong-type: email must be a string, not a list",
        ],
        [
          "7:28 wrong-type: removeUndeclaredMembers must be true or false, not the string 'yes'",
        ],
        [
          "7:16 wrong-type: maxRemovals must be a whole number, not the string '3'",
        ],
        [
          "7:16 wrong-type: maxRemovals must be a whole number, not the string '3'; \${VAR} is substituted as text, so write the number itself",
        ],
        [
          "7:16 wrong-type: maxRemovals must be a whole number, not the number 2.5",
        ],
        [
          "7:15 wrong-type: unmanaged pattern #1 must be a string, not the number 5; quote it: '5'",
        ],
        [
          "6:53 wrong-type: application role #1 must be a mapping (key: value), not the string 'x'",
        ],
        [
          "6:51 wrong-type: dashboard role #1 must be a mapping (key: value), not the number 5",
        ],
        [
          "1:10 version: version must be 1, not the string '1': this losant-org reads format version 1 only",
        ],
        [
          "2:6 wrong-type: org must be a mapping (key: value), not the number 5",
        ],
      ]
    `);
  });

  it('says what is missing and what to add', () => {
    expect(
      [
        'version: 1\n',
        'org:\n  id: 6650f0c1a2b3c4d5e6f70801\n',
        `${HEAD}${ADMIN}  - { role: view }\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com }\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, applications: [{ id: ${APP} }] }\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, dashboards: [{ role: view }] }\n`,
        `${HEAD}profiles:\n  ops:\n    applications: []\n${ADMIN}  - { email: a@acme.com, profile: ops }\n`,
      ].map((text) => errorsOf(text)),
    ).toMatchInlineSnapshot(`
      [
        [
          "1:1 missing-key: the file is missing 'org'; add org: with the id of the organization",
        ],
        [
          "1:1 missing-key: the file is missing 'version'; start the file with version: 1",
        ],
        [
          "6:5 missing-key: member #2 is missing 'email'; add email: with the person's address",
        ],
        [
          "6:5 role-or-profile: member 'a@acme.com' needs a role or a profile; add role: (admin, edit, collaborate, view or none) or profile: with the name of a profile",
        ],
        [
          "6:53 missing-key: application role #1 is missing 'role'; add role: collaborate, view or none",
        ],
        [
          "6:51 missing-key: dashboard role #1 is missing 'id'; add id: with 24 hexadecimal characters",
        ],
        [
          "5:3 missing-key: profile 'ops' is missing 'role'; add role: admin, edit, collaborate, view or none",
        ],
      ]
    `);
  });

  it('says which values are out of range, too long, empty or of the wrong form', () => {
    expect(
      [
        `${HEAD}  name: ""\n`,
        `${HEAD}  name: ${'n'.repeat(300)}\n`,
        `${HEAD}  iconColor: red\n`,
        `${HEAD}  mfaMode: sometimes\n`,
        `${HEAD}  billingEmail: not-an-address\n`,
        `version: 1\norg:\n  id: 12345\n`,
        `version: 2\norg:\n  id: ${ID}\n`,
        `${HEAD}${ADMIN}policy:\n  maxRemovals: -1\n`,
        `${HEAD}${ADMIN}policy:\n  maxRemovals: 100000\n`,
        `${HEAD}${ADMIN}policy:\n  minAdmins: 1000\n`,
        `${HEAD}${ADMIN}policy:\n  expiryWarningDays: 366\n`,
        `${HEAD}${ADMIN}policy:\n  maxChanges: -1\n`,
        `${HEAD}${ADMIN}policy:\n  allowedEmailDomains: []\n`,
        `${HEAD}${ADMIN}policy:\n  allowedEmailDomains: ["not a domain"]\n`,
        `${HEAD}${ADMIN}policy:\n  unmanaged: [""]\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: viewer }\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, expires: tomorrow }\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, applications: [{ id: xyz, role: view }] }\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, applications: [{ id: ${APP}, role: admin }] }\n`,
        `${HEAD}profiles:\n  ${'p'.repeat(65)}:\n    role: view\n${ADMIN}`,
        `${HEAD}profiles:\n  "bad name!":\n    role: view\n${ADMIN}`,
        `${HEAD}profiles: {}\n${ADMIN}`,
      ].map((text) => errorsOf(text)),
    ).toMatchInlineSnapshot(`
      [
        [
          "4:9 empty-string: name must not be empty",
        ],
        [
          "4:9 length: name must be at most 255 characters long (it has 300)",
        ],
        [],
        [
          "4:12 not-allowed-value: mfaMode must be one of notRequired, adminRequired, required, not the string 'sometimes'",
        ],
        [
          "4:17 invalid-email: billingEmail 'not-an-address' is not an email address; write one address with a single '@', such as alice@acme.com",
        ],
        [
          "3:7 wrong-type: id must be a string, not the number 12345; quote it: '12345'",
        ],
        [
          "1:10 version: version must be 1, not the number 2: this losant-org reads format version 1 only",
        ],
        [
          "7:16 out-of-range: maxRemovals must be at least 0, not the number -1",
        ],
        [
          "7:16 out-of-range: maxRemovals must be at most 1000, not the number 100000; for a larger one-off clean-up, run apply with --allow-removals N",
        ],
        [
          "4:1 min-admins: 1 admin is declared but policy.minAdmins is 1000: applying this file would remove every other admin and lock everyone out; give at least 1000 members role: admin (or list break-glass admins under policy.unmanaged)",
          "7:14 out-of-range: minAdmins must be at most 100, not the number 1000",
        ],
        [
          "7:22 out-of-range: expiryWarningDays must be at most 365, not the number 366",
        ],
        [
          "7:15 out-of-range: maxChanges must be at least 0, not the number -1",
        ],
        [
          "7:3 empty-list: allowedEmailDomains must list at least one domain; leave it out to allow any domain",
        ],
        [
          "5:14 email-domain: email 'root@acme.com' is outside policy.allowedEmailDomains (not a domain); use an address at one of them, or add its domain to the list",
          "7:25 invalid-domain: allowed email domain #1 'not a domain' must be a domain such as 'acme.com', or '*.acme.com' for its subdomains",
        ],
        [
          "7:15 invalid-pattern: unmanaged pattern #1 '' must be an email address or a glob with one '@' and no spaces, such as '*@acme.com'",
        ],
        [
          "6:32 not-allowed-value: role must be one of admin, edit, collaborate, view, none, not the string 'viewer'; did you mean 'view'?",
        ],
        [
          "6:47 invalid-expires: expires must be a date such as 2027-01-31 (the end of that day, UTC) or an RFC 3339 time such as 2027-01-31T17:00:00Z, not 'tomorrow'",
        ],
        [
          "6:59 invalid-id: id must be 24 hexadecimal characters (0-9, a-f) such as 5f0c1a2b3c4d5e6f70801a2b, not 'xyz'; copy it from the URL of its page in Losant",
        ],
        [
          "6:91 not-allowed-value: role must be one of collaborate, view, none, not the string 'admin'",
        ],
        [
          "5:3 invalid-profile-name: profile name 'ppppppppppppppppppppppppppppppppppppppppppppppppppppppppp...' is longer than 64 characters",
        ],
        [
          "5:3 invalid-profile-name: profile name 'bad name!' must start with a letter and hold only letters, digits, '-', '_' and '.'",
        ],
        [],
      ]
    `);
  });

  it('names unknown keys with a suggestion, at the key', () => {
    expect(
      [
        `${HEAD}  nme: x\n`,
        `${HEAD}${ADMIN}  - { emial: a@acme.com, role: view }\n`,
        `${HEAD}${ADMIN}policy:\n  maxRemoval: 3\n`,
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, applications: [{ id: ${APP}, role: view, extra: 1 }] }\n`,
        `${HEAD}profiles:\n  ops:\n    rol: view\n${ADMIN}`,
      ].map((text) => errorsOf(text)),
    ).toMatchInlineSnapshot(`
      [
        [
          "4:3 unknown-key: unknown key 'nme' in org; did you mean 'name'?",
        ],
        [
          "6:7 unknown-key: unknown key 'emial' in member #2; did you mean 'email'?",
        ],
        [
          "7:3 unknown-key: unknown key 'maxRemoval' in policy; did you mean 'maxRemovals'?",
        ],
        [
          "6:97 unknown-key: unknown key 'extra' in application role #1; allowed keys: id, role, name",
        ],
        [
          "6:5 unknown-key: unknown key 'rol' in profile 'ops'; did you mean 'role'?",
        ],
      ]
    `);
  });

  it('says the limits of lists, of profiles and of a pattern’s length', () => {
    const list = (count: number, item: (i: number) => string) =>
      `[${Array.from({ length: count }, (_, i) => item(i)).join(', ')}]`;
    const profiles = Array.from({ length: 201 }, (_, i) => `  p${i}:\n    role: view\n`).join('');
    expect(
      [
        `${HEAD}${ADMIN}policy:\n  unmanaged: ['a@']\n`,
        `${HEAD}${ADMIN}policy:\n  unmanaged: ${list(1001, (i) => `b${i}@acme.com`)}\n`,
        `${HEAD}${ADMIN}policy:\n  allowedEmailDomains: ${list(101, (i) => `d${i}.acme.com`)}\n`,
        `${HEAD}profiles:\n${profiles}${ADMIN}`,
      ].map((text) =>
        errorsOf(text).filter((e) => !e.includes('unused-profile') && !e.includes('email-domain')),
      ),
    ).toMatchInlineSnapshot(`
      [
        [
          "7:15 length: unmanaged pattern #1 must be at least 3 characters long (it has 2)",
        ],
        [
          "7:3 too-many: unmanaged has 1001 entries; at most 1000 are allowed",
        ],
        [
          "7:3 too-many: allowedEmailDomains has 101 entries; at most 100 are allowed",
        ],
        [
          "4:1 too-many: profiles has more than 200 entries",
        ],
      ]
    `);
  });

  it('words the cases that only some fields reach: grants, profiles named oddly, substituted values', () => {
    const grant = (extra: string) => `{ id: ${APP}, ${extra} }`;
    expect(
      [
        // A dashboard grant without a role is told the roles a grant may have, as an application's is.
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, dashboards: [{ id: ${APP} }] }\n`,
        // An unknown key in a grant: the grant is named by its place, even when the key is `email`.
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, applications: [${grant('role: view, email: b@acme.com')}] }\n`,
        // An unknown key in a profile's grant is offered the keys of a grant, not of a profile.
        `${HEAD}profiles:\n  p:\n    role: view\n    applications: [${grant('role: view, zzzzzz: 1')}]\n${ADMIN}  - { email: a@acme.com, profile: p }\n`,
        // A profile named with / or ~ is still looked up by its name: its value is quoted, not "empty".
        `${HEAD}profiles:\n  a/b:\n    role: owner\n${ADMIN}`,
        `${HEAD}profiles:\n  a~b:\n    role: owner\n${ADMIN}`,
        // A role that is no string: no did-you-mean.
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: 5 }\n`,
        // A boolean written as \${VAR} is text; a list written so gets no such hint.
        `${HEAD}${ADMIN}policy:\n  removeUndeclaredMembers: \${B}\n`,
        `${HEAD}members: \${M}\n`,
        // A pattern field too long and of the wrong form: the form is said, once.
        `${HEAD}${ADMIN}  - { email: a@acme.com, role: view, expires: ${'x'.repeat(65)} }\n`,
        // Two bad profile names, one of the wrong form and one too long: each is said.
        `${HEAD}profiles:\n  1bad:\n    role: view\n  ${'p'.repeat(65)}:\n    role: view\n${ADMIN}`,
      ].map((text) =>
        errorsOf(text, { B: 'true', M: 'x' }).filter((e) => !e.includes('unused-profile')),
      ),
    ).toMatchInlineSnapshot(`
      [
        [
          "6:51 missing-key: dashboard role #1 is missing 'role'; add role: collaborate, view or none",
        ],
        [
          "6:97 unknown-key: unknown key 'email' in application role #1; allowed keys: id, role, name",
        ],
        [
          "7:64 unknown-key: unknown key 'zzzzzz' in application role #1; allowed keys: id, role, name",
        ],
        [
          "5:3 invalid-profile-name: profile name 'a/b' must start with a letter and hold only letters, digits, '-', '_' and '.'",
          "6:11 not-allowed-value: role must be one of admin, edit, collaborate, view, none, not the string 'owner'",
        ],
        [
          "5:3 invalid-profile-name: profile name 'a~b' must start with a letter and hold only letters, digits, '-', '_' and '.'",
          "6:11 not-allowed-value: role must be one of admin, edit, collaborate, view, none, not the string 'owner'",
        ],
        [
          "6:32 wrong-type: role must be a string, not the number 5; quote it: '5'",
          "6:32 not-allowed-value: role must be one of admin, edit, collaborate, view, none, not the number 5",
        ],
        [
          "7:28 wrong-type: removeUndeclaredMembers must be true or false, not the string 'true'; \${VAR} is substituted as text, so write the value itself",
        ],
        [
          "4:10 wrong-type: members must be a list, not the string 'x'",
        ],
        [
          "6:47 invalid-expires: expires must be a date such as 2027-01-31 (the end of that day, UTC) or an RFC 3339 time such as 2027-01-31T17:00:00Z, not 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'",
        ],
        [
          "5:3 invalid-profile-name: profile name '1bad' must start with a letter and hold only letters, digits, '-', '_' and '.'",
          "7:3 invalid-profile-name: profile name 'ppppppppppppppppppppppppppppppppppppppppppppppppppppppppp...' is longer than 64 characters",
        ],
      ]
    `);
  });

  it('names the eleventh member as #11, whatever is wrong with it', () => {
    const members = Array.from(
      { length: 9 },
      (_, i) => `  - { email: m${i}@acme.com, role: view }\n`,
    );
    expect(
      [`  - { role: view }\n`, `  - m9@acme.com\n`].map((eleventh) =>
        errorsOf(`${HEAD}${ADMIN}${members.join('')}${eleventh}`),
      ),
    ).toEqual([
      ["15:5 missing-key: member #11 is missing 'email'; add email: with the person's address"],
      [
        "15:5 wrong-type: member #11 must be a mapping, not the string 'm9@acme.com'; write - { email: m9@acme.com, role: view }",
      ],
    ]);
  });
});
