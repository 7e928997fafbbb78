// The corpus of bad configuration files in test/fixtures/bad/: each one gives exactly these problems,
// at these places. bad-inputs.test.ts loads each in-process; validate-cli.test.ts runs them all
// through the built CLI. Each file names an org id of its own: files that name the same org are one org.
import type { Problem } from '../../src/config/problem.js';

/** The environment for ${VAR} unless a case gives its own. */
export const BAD_INPUTS_ENV: Record<string, string> = { MAX_REMOVALS: '5' };

export type Expected = Omit<Problem, 'file'>;

function at(line: number, col: number, rule: string, message: string): Expected {
  return { line, col, rule, message };
}

export interface BadCase {
  file: string;
  errors: Expected[];
  warnings?: Expected[];
  /** The environment for ${VAR}; by default BAD_INPUTS_ENV. */
  env?: Record<string, string>;
}

export const BAD_INPUTS: BadCase[] = [
  {
    // Every problem is collected, across layers; an unset variable does not hide the others.
    file: 'many-problems.yaml',
    env: {},
    errors: [
      at(
        4,
        12,
        'not-allowed-value',
        "mfaMode must be one of notRequired, adminRequired, required, not the string 'adminrequired'; did you mean 'adminRequired'?",
      ),
      at(10, 7, 'unknown-key', "unknown key 'emial' in member #2; did you mean 'email'?"),
      at(11, 47, 'unknown-profile', "unknown profile 'firmwre'; did you mean 'firmware'?"),
      at(
        12,
        14,
        'duplicate-email',
        "'Ada@acme-iot.example' is declared twice (first on line 9); emails match case-insensitively, so merge the two entries into one",
      ),
      at(
        12,
        42,
        'not-allowed-value',
        "role must be one of admin, edit, collaborate, view, none, not the string 'Edit'; did you mean 'edit'?",
      ),
      at(
        14,
        16,
        'env-unset',
        'environment variable MAX_REMOVALS is not set; set it, or give a default: ${MAX_REMOVALS:-value}',
      ),
    ],
  },
  {
    file: 'alias-bomb.yaml',
    errors: [
      at(
        3,
        8,
        'alias',
        'aliases are not allowed (72 in the file); write each value out in full, or use a profile for shared access',
      ),
    ],
  },
  {
    file: 'alias.yaml',
    errors: [
      at(
        6,
        5,
        'alias',
        'aliases are not allowed (1 in the file); write each value out in full, or use a profile for shared access',
      ),
    ],
  },
  {
    file: 'boolean-as-string.yaml',
    errors: [
      at(
        5,
        28,
        'wrong-type',
        "removeUndeclaredMembers must be true or false, not the string 'yes'",
      ),
    ],
  },
  {
    file: 'comments-only.yaml',
    errors: [
      at(
        1,
        1,
        'empty-file',
        'the file is empty; a configuration holds at least version: 1 and org: with the id of the organization',
      ),
    ],
  },
  {
    file: 'config.json',
    errors: [
      at(
        1,
        1,
        'not-yaml-file',
        'configuration files end in .yaml or .yml (a saved plan.json is applied with losant-org apply plan.json); rename the file or name the right one',
      ),
    ],
  },
  {
    file: 'control-char.yaml',
    errors: [
      at(
        4,
        13,
        'control-character',
        'control character U+0007 is not allowed; remove it (a configuration file is plain text)',
      ),
    ],
  },
  {
    file: 'duplicate-email.yaml',
    errors: [
      at(
        8,
        14,
        'duplicate-email',
        "'Alice@ACME.example' is declared twice (first on line 6); emails match case-insensitively, so merge the two entries into one",
      ),
    ],
  },
  {
    file: 'duplicate-key.yaml',
    errors: [
      at(
        7,
        5,
        'duplicate-key',
        "duplicate key 'role'; a key may appear only once in a mapping, so merge the two entries",
      ),
    ],
  },
  {
    file: 'duplicate-resource.yaml',
    errors: [
      at(
        10,
        15,
        'duplicate-resource',
        "application '5f3a9c2e1b4d6a7080912b01' is listed twice in member 'bo@acme.example' (first on line 9); keep one entry with the role you want",
      ),
    ],
  },
  {
    file: 'email-folded.yaml',
    errors: [
      at(
        6,
        12,
        'invalid-email',
        "email contains a line break (from a folded '>' or block '|' scalar, or a quoted string split over lines); write the address on one line",
      ),
    ],
  },
  {
    file: 'email-invalid.yaml',
    errors: [
      at(
        6,
        14,
        'invalid-email',
        "email 'bo.acme.example' is not an email address; write one address with a single '@', such as alice@acme.com",
      ),
    ],
  },
  {
    file: 'email-non-ascii.yaml',
    errors: [
      at(
        6,
        14,
        'invalid-email',
        "the part before '@' in 'josé@acme.example' has a non-ASCII character ('é'), which Losant does not accept; write the ASCII address the person signs in with",
      ),
    ],
  },
  {
    file: 'email-whitespace.yaml',
    errors: [
      at(
        6,
        14,
        'invalid-email',
        "email ' bo@acme.example ' has spaces around it; write 'bo@acme.example'",
      ),
    ],
  },
  {
    file: 'empty.yaml',
    errors: [
      at(
        1,
        1,
        'empty-file',
        'the file is empty; a configuration holds at least version: 1 and org: with the id of the organization',
      ),
    ],
  },
  {
    file: 'env-malformed.yaml',
    errors: [
      at(
        4,
        21,
        'env-syntax',
        "'${1 dollar}' is not a variable reference; write ${NAME}, ${NAME:-default} or ${NAME:?message}, or $${ for a literal ${",
      ),
    ],
  },
  {
    file: 'env-required-message.yaml',
    errors: [
      at(
        4,
        18,
        'env-unset',
        'environment variable BILLING_EMAIL is not set: set it to the finance team address',
      ),
    ],
  },
  {
    file: 'env-token-forbidden.yaml',
    errors: [
      at(
        4,
        22,
        'env-forbidden',
        '${LOSANT_API_TOKEN} cannot be used in a configuration file: its value would be printed in plans and sent to Losant',
      ),
    ],
  },
  {
    file: 'env-unset.yaml',
    errors: [
      at(
        3,
        7,
        'env-unset',
        'environment variable LOSANT_ORG_ID is not set; set it, or give a default: ${LOSANT_ORG_ID:-value}',
      ),
    ],
  },
  {
    file: 'invalid-utf8.yaml',
    errors: [
      at(
        4,
        12,
        'invalid-utf8',
        'the file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding',
      ),
    ],
  },
  {
    // A key's line break is shown escaped, so that every problem stays on one line.
    file: 'key-with-line-break.yaml',
    errors: [
      at(4, 1, 'unknown-key', "unknown key 'memb\\ners' at the top level; did you mean 'members'?"),
    ],
  },
  {
    file: 'max-changes-range.yaml',
    errors: [
      at(
        5,
        15,
        'out-of-range',
        'maxChanges must be at most 100000, not the number 100001; for a larger one-off change, run apply with --allow-changes N',
      ),
    ],
  },
  {
    file: 'email-domains.yaml',
    errors: [
      at(
        4,
        17,
        'email-domain',
        "billingEmail 'invoices@accounting.example' is outside policy.allowedEmailDomains (acme.example, *.acme.example); use an address at one of them, or add its domain to the list",
      ),
      at(
        8,
        14,
        'email-domain',
        "email 'cy@gmail.example' is outside policy.allowedEmailDomains (acme.example, *.acme.example); use an address at one of them, or add its domain to the list",
      ),
      at(
        9,
        14,
        'email-domain',
        "email 'di@acme.example.evil.example' is outside policy.allowedEmailDomains (acme.example, *.acme.example); use an address at one of them, or add its domain to the list",
      ),
    ],
  },
  {
    file: 'email-domains-form.yaml',
    errors: [
      at(
        5,
        25,
        'invalid-domain',
        "allowed email domain #1 '@acme.example' must be a domain such as 'acme.com', or '*.acme.com' for its subdomains",
      ),
      at(
        5,
        42,
        'invalid-domain',
        "allowed email domain #2 'acme' must be a domain such as 'acme.com', or '*.acme.com' for its subdomains",
      ),
      at(
        5,
        48,
        'invalid-domain',
        "allowed email domain #3 '*acme.example' must be a domain such as 'acme.com', or '*.acme.com' for its subdomains",
      ),
    ],
  },
  {
    file: 'email-domains-empty.yaml',
    errors: [
      at(
        5,
        3,
        'empty-list',
        'allowedEmailDomains must list at least one domain; leave it out to allow any domain',
      ),
    ],
  },
  {
    file: 'max-removals-range.yaml',
    errors: [at(5, 16, 'out-of-range', 'maxRemovals must be at least 0, not the number -1')],
  },
  {
    file: 'member-bare-string.yaml',
    errors: [
      at(
        6,
        5,
        'wrong-type',
        "member #2 must be a mapping, not the string 'bo@acme.example'; write - { email: bo@acme.example, role: view }",
      ),
    ],
  },
  {
    file: 'members-not-list.yaml',
    errors: [at(4, 1, 'wrong-type', 'members must be a list, not a mapping')],
  },
  {
    file: 'merge-key.yaml',
    errors: [
      at(
        8,
        5,
        'merge-key',
        'merge keys (<<) are not allowed; write the keys out in full (or use a profile)',
      ),
    ],
  },
  {
    file: 'mfa-mode.yaml',
    errors: [
      at(
        4,
        12,
        'not-allowed-value',
        "mfaMode must be one of notRequired, adminRequired, required, not the string 'always'",
      ),
    ],
  },
  {
    file: 'min-admins-range.yaml',
    errors: [
      at(
        5,
        14,
        'out-of-range',
        'minAdmins must be at least 1, not the number 0: an org without an admin cannot be managed, by losant-org or anyone',
      ),
    ],
  },
  {
    file: 'missing-org-id.yaml',
    errors: [
      at(2, 1, 'missing-key', "org is missing 'id'; add id: with 24 hexadecimal characters"),
    ],
  },
  {
    file: 'missing-version.yaml',
    errors: [
      at(1, 1, 'missing-key', "the file is missing 'version'; start the file with version: 1"),
    ],
  },
  {
    file: 'name-empty.yaml',
    errors: [at(4, 9, 'empty-string', 'name must not be empty')],
  },
  {
    file: 'name-too-long.yaml',
    errors: [at(4, 9, 'length', 'name must be at most 255 characters long (it has 300)')],
  },
  {
    file: 'no-admin.yaml',
    errors: [
      at(
        4,
        1,
        'min-admins',
        '0 admins are declared but policy.minAdmins is 1: applying this file would remove every other admin and lock everyone out; give at least 1 member role: admin (or list break-glass admins under policy.unmanaged)',
      ),
    ],
  },
  {
    file: 'not-enough-admins.yaml',
    errors: [
      at(
        4,
        1,
        'min-admins',
        '1 admin is declared but policy.minAdmins is 2: applying this file would remove every other admin and lock everyone out; give at least 2 members role: admin (or list break-glass admins under policy.unmanaged)',
      ),
    ],
  },
  {
    file: 'nul-byte.yaml',
    errors: [
      at(
        4,
        13,
        'control-character',
        'control character U+0000 (NUL) is not allowed; remove it (a configuration file is plain text)',
      ),
    ],
  },
  {
    file: 'number-from-env.yaml',
    errors: [
      at(
        5,
        16,
        'wrong-type',
        "maxRemovals must be a whole number, not the string '5'; ${VAR} is substituted as text, so write the number itself",
      ),
    ],
  },
  {
    file: 'org-id-not-hex.yaml',
    errors: [
      at(
        3,
        7,
        'invalid-id',
        "org id must be 24 hexadecimal characters (0-9, a-f) such as 5f0c1a2b3c4d5e6f70801a2b, not 'acme-production'; copy it from the URL of its page in Losant",
      ),
    ],
  },
  {
    file: 'org-id-number.yaml',
    errors: [
      at(
        3,
        7,
        'wrong-type',
        "id must be a string, not the number 123456789012345678901234; quote it: '123456789012345678901234'",
      ),
    ],
  },
  {
    file: 'org-null.yaml',
    errors: [at(2, 5, 'wrong-type', 'org must be a mapping (key: value), not empty')],
  },
  {
    file: 'profile-name-invalid.yaml',
    errors: [
      at(
        5,
        3,
        'invalid-profile-name',
        "profile name '1st-line' must start with a letter and hold only letters, digits, '-', '_' and '.'",
      ),
    ],
  },
  {
    // Prototype names are plain keys at every level (bad-inputs.test.ts checks nothing is polluted).
    file: 'prototype-pollution.yaml',
    errors: [
      at(
        2,
        1,
        'unknown-key',
        "unknown key '__proto__' at the top level; allowed keys: version, org, profiles, members, policy",
      ),
      at(
        5,
        3,
        'unknown-key',
        "unknown key '__proto__' in org; allowed keys: id, name, description, iconColor, mfaMode, billingEmail",
      ),
      at(
        7,
        30,
        'unknown-key',
        "unknown key 'prototype' in profile 'constructor'; allowed keys: role, applications, dashboards, expires",
      ),
      at(
        10,
        53,
        'unknown-key',
        "unknown key '__proto__' in member 'bo@acme.example'; allowed keys: email, role, profile, applications, dashboards, expires, disallowTransfer",
      ),
      at(11, 40, 'unknown-profile', "unknown profile 'toString'; defined profiles: 'constructor'"),
      at(
        13,
        3,
        'unknown-key',
        "unknown key 'constructor' in policy; allowed keys: removeUndeclaredMembers, revokeUndeclaredInvites, resendExpiredInvites, maxRemovals, maxChanges, minAdmins, unmanaged, expiryWarningDays, allowedEmailDomains",
      ),
    ],
  },
  {
    file: 'proto-keys.yaml',
    errors: [
      at(
        4,
        1,
        'unknown-key',
        "unknown key 'constructor' at the top level; allowed keys: version, org, profiles, members, policy",
      ),
      at(
        7,
        43,
        'unknown-key',
        "unknown key '__proto__' in member 'bo@acme.example'; allowed keys: email, role, profile, applications, dashboards, expires, disallowTransfer",
      ),
    ],
  },
  {
    file: 'resource-id-short.yaml',
    errors: [
      at(
        9,
        15,
        'invalid-id',
        "id must be 24 hexadecimal characters (0-9, a-f) such as 5f0c1a2b3c4d5e6f70801a2b, not '5f3a9c2e'; copy it from the URL of its page in Losant",
      ),
    ],
  },
  {
    file: 'resource-role-admin.yaml',
    errors: [
      at(
        9,
        47,
        'not-allowed-value',
        "role must be one of collaborate, view, none, not the string 'admin'",
      ),
    ],
  },
  {
    file: 'role-capitalized.yaml',
    errors: [
      at(
        5,
        38,
        'not-allowed-value',
        "role must be one of admin, edit, collaborate, view, none, not the string 'Admin'; did you mean 'admin'?",
      ),
    ],
  },
  {
    file: 'role-or-profile-missing.yaml',
    errors: [
      at(
        6,
        5,
        'role-or-profile',
        "member 'bo@acme.example' needs a role or a profile; add role: (admin, edit, collaborate, view or none) or profile: with the name of a profile",
      ),
    ],
  },
  {
    file: 'role-typo.yaml',
    errors: [
      at(
        6,
        37,
        'not-allowed-value',
        "role must be one of admin, edit, collaborate, view, none, not the string 'edti'; did you mean 'edit'?",
      ),
    ],
  },
  {
    // Not a configuration at all: said once, and nothing of the file is quoted.
    file: 'scalar-document.yaml',
    errors: [
      at(
        1,
        1,
        'not-config',
        'this is not a losant-org configuration file: it has no version: or org: at its top level, so none of its content is shown; name a configuration file (version: 1 and org: with the id of the organization)',
      ),
    ],
  },
  {
    // YAML indentation: the line that is wrong and what to write, not the parser's words.
    file: 'indentation-deeper.yaml',
    errors: [
      at(
        8,
        7,
        'indentation',
        '`role:` is indented more than `email:` on line 7, which already has a value; indent `role:` like `email:` on line 7 (4 spaces)',
      ),
    ],
  },
  {
    file: 'indentation-list-item.yaml',
    errors: [
      at(
        7,
        4,
        'indentation',
        'this list item (`-`) is indented 3 spaces, which lines up with no list above it; indent it like the `-` on line 5 (2 spaces)',
      ),
    ],
  },
  {
    // One error per mistake, however many follow-on errors the parser would give.
    file: 'indentation-several.yaml',
    errors: [
      at(
        5,
        4,
        'indentation',
        '`name:` is indented more than `id:` on line 4, which already has a value; indent `name:` like `id:` on line 4 (2 spaces)',
      ),
      at(
        11,
        8,
        'indentation',
        '`role:` is indented 7 spaces, which lines up with no key above it; indent `role:` like `id:` on line 10 (8 spaces)',
      ),
      at(
        13,
        3,
        'indentation',
        '`role:` is indented 2 spaces, which lines up with no key above it; indent `role:` like `email:` on line 12 (4 spaces)',
      ),
      at(
        14,
        2,
        'indentation',
        '`policy:` is indented 1 space, which lines up with no key above it; indent `policy:` like `members:` on line 6 (0 spaces)',
      ),
    ],
  },
  {
    file: 'syntax-error.yaml',
    errors: [
      at(
        5,
        1,
        'yaml-syntax',
        'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ),
    ],
  },
  {
    file: 'tabs.yaml',
    errors: [
      at(
        3,
        1,
        'tab-indentation',
        'a tab is used for indentation; YAML indents with spaces only, replace the tab with spaces',
      ),
      at(
        4,
        1,
        'tab-indentation',
        'a tab is used for indentation; YAML indents with spaces only, replace the tab with spaces',
      ),
    ],
  },
  {
    file: 'too-many-merged-roles.yaml',
    errors: [
      at(
        70,
        5,
        'too-many-resource-roles',
        "member 'bo@acme.example' gets 105 application roles from profile 'big' and its own entries; Losant allows at most 100, so move some to the org role",
      ),
    ],
  },
  {
    file: 'too-many-resource-roles.yaml',
    errors: [
      at(
        8,
        5,
        'too-many',
        "dashboards has 101 entries; at most 100 are allowed (Losant's limit for one person)",
      ),
    ],
  },
  {
    file: 'two-documents.yaml',
    errors: [
      at(
        4,
        1,
        'multiple-documents',
        'the file holds 2 YAML documents; a configuration file holds one, so put each org in its own file',
      ),
    ],
  },
  {
    file: 'unknown-key-member.yaml',
    errors: [at(6, 7, 'unknown-key', "unknown key 'emial' in member #2; did you mean 'email'?")],
  },
  {
    file: 'unknown-key-org.yaml',
    errors: [at(4, 3, 'unknown-key', "unknown key 'nmae' in org; did you mean 'name'?")],
  },
  {
    file: 'unknown-key-policy.yaml',
    errors: [
      at(5, 3, 'unknown-key', "unknown key 'maxRemoval' in policy; did you mean 'maxRemovals'?"),
    ],
  },
  {
    file: 'unknown-key-profile.yaml',
    errors: [
      at(
        7,
        5,
        'unknown-key',
        "unknown key 'applicatons' in profile 'dev'; did you mean 'applications'?",
      ),
    ],
  },
  {
    file: 'unknown-key-resource.yaml',
    errors: [
      at(9, 41, 'unknown-key', "unknown key 'rol' in application role #1; did you mean 'role'?"),
    ],
  },
  {
    file: 'unknown-key-top.yaml',
    errors: [
      at(4, 1, 'unknown-key', "unknown key 'memebers' at the top level; did you mean 'members'?"),
    ],
  },
  {
    file: 'unknown-profile-no-profiles.yaml',
    errors: [
      at(
        6,
        40,
        'unknown-profile',
        "unknown profile 'firmware'; there is no profiles section, define it or write role: instead",
      ),
    ],
  },
  {
    file: 'unknown-profile.yaml',
    errors: [at(9, 40, 'unknown-profile', "unknown profile 'firmwre'; did you mean 'firmware'?")],
  },
  {
    file: 'unknown-tag.yaml',
    errors: [
      at(3, 7, 'unknown-tag', "unknown tag '!vault'; tags are not allowed, write the plain value"),
      at(4, 9, 'unknown-tag', "tag '!!binary' is not allowed; write the plain value"),
    ],
  },
  {
    file: 'unmanaged-member.yaml',
    errors: [
      at(
        6,
        14,
        'unmanaged-member',
        "'help@losant.com' is declared in members and also matched by the unmanaged pattern '*@losant.com'; losant-org cannot both manage and ignore someone, so remove the member or narrow the pattern",
      ),
    ],
  },
  {
    file: 'unmanaged-pattern-invalid.yaml',
    errors: [
      at(
        5,
        15,
        'invalid-pattern',
        "unmanaged pattern #1 'losant.com' must be an email address or a glob with one '@' and no spaces, such as '*@acme.com'",
      ),
      at(
        5,
        29,
        'invalid-pattern',
        "unmanaged pattern #2 'a b@x.com' must be an email address or a glob with one '@' and no spaces, such as '*@acme.com'",
      ),
    ],
  },
  {
    file: 'version-7.yaml',
    errors: [
      at(
        1,
        10,
        'version',
        'version must be 1, not the number 7: this losant-org reads format version 1 only',
      ),
    ],
  },
  {
    file: 'yaml-1-1.yaml',
    errors: [
      at(
        1,
        1,
        'yaml-directive',
        "'%YAML 1.1' is not allowed: configuration files are YAML 1.2 (where yes and no are strings, not booleans); remove the line",
      ),
    ],
  },
];
