// The meaning layer: what the schema cannot say (duplicates, references, lock-outs).
import { emailKey, MAX_RESOURCE_ROLES, ORG_ROLES } from '../model/access.js';
import { DEFAULT_POLICY } from '../model/desired-org.js';
import { compileEmailDomains } from '../model/email-domain.js';
import { hasExpired, parseExpiry } from '../model/expiry.js';
import { matchesEmailPattern } from '../model/email-pattern.js';
import { closestMatch, didYouMean } from './did-you-mean.js';
import { list, own, record, text, type Loose } from './loose-value.js';
import { mergeGrants } from './merge-grants.js';
import { escapePointer, type NodePosition, type PositionMap } from './parse-config-yaml.js';
import type { FileProblem } from './problem.js';
import { quoteValue as quote } from './quote-value.js';

export interface MeaningOptions {
  /** Now, in ms since the epoch, to warn about an `expires` already past; without it, no such warning. */
  now?: number;
}

export interface MeaningResult {
  errors: FileProblem[];
  warnings: FileProblem[];
}

const GRANT_LISTS = [
  ['applications', 'application'],
  ['dashboards', 'dashboard'],
] as const;

class MeaningChecker {
  readonly errors: FileProblem[] = [];
  readonly warnings: FileProblem[] = [];

  constructor(private readonly positions: PositionMap) {}

  /** Where a node is; `file` only when the document was merged from several files. */
  position(pointer: string, key = false): { line: number; col: number; file?: string } {
    const found: NodePosition | undefined = this.positions.get(pointer);
    if (found === undefined) return { line: 1, col: 1 };
    const place = key && found.key !== undefined ? found.key : found;
    return found.file === undefined
      ? { line: place.line, col: place.col }
      : { line: place.line, col: place.col, file: found.file };
  }

  /** "line N", or "FILE line N" when `pointer` is in another file than `from`. */
  lineOf(pointer: string, from: string): string {
    const place = this.position(pointer);
    return place.file === undefined || place.file === this.position(from).file
      ? `line ${place.line}`
      : `${place.file} line ${place.line}`;
  }

  error(pointer: string, rule: string, message: string, key = false): void {
    this.errors.push({ ...this.position(pointer, key), rule, message });
  }

  warn(pointer: string, rule: string, message: string, key = false): void {
    this.warnings.push({ ...this.position(pointer, key), rule, message });
  }

  /** An `expires` that is no real date, or (as a warning) one already past. */
  checkExpires(value: unknown, pointer: string, owner: string, now: number | undefined): void {
    const written = text(value);
    if (written === undefined || !/^\d{4}-\d{2}-\d{2}/.test(written)) return; // the schema says why
    const expiry = parseExpiry(written);
    if (expiry === undefined) {
      this.error(
        pointer,
        'invalid-expires',
        `expires ${quote(written)} of ${owner} is not a real date or time; write a date such as 2027-01-31 or a time such as 2027-01-31T17:00:00Z`,
      );
    } else if (now !== undefined && hasExpired(expiry, now)) {
      this.warn(
        pointer,
        'expires-past',
        `the access of ${owner} expired on ${expiry.text}: the next apply removes it; remove the entry (or its expires) from the file`,
      );
    }
  }

  /** An id listed twice in one list is ambiguous: which role wins? */
  checkRepeatedIds(value: unknown, pointer: string, kind: string, owner: string): void {
    const seen = new Map<string, number>();
    (list(value) ?? []).forEach((entry, i) => {
      const id = text(record(entry)?.['id'])?.toLowerCase();
      if (id === undefined) return;
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, i);
        return;
      }
      const firstLine = this.position(`${pointer}/${first}/id`).line;
      this.error(
        `${pointer}/${i}/id`,
        'duplicate-resource',
        `${kind} ${quote(id)} is listed twice in ${owner} (first on line ${firstLine}); keep one entry with the role you want`,
      );
    });
  }
}

/** Checks the meaning of a parsed file; runs on partly invalid data too, skipping what it cannot read. */
export function checkMeaning(
  value: unknown,
  positions: PositionMap,
  options: MeaningOptions = {},
): MeaningResult {
  const check = new MeaningChecker(positions);
  const root = record(value);
  const profiles = record(root?.['profiles']);
  const members = list(root?.['members']);
  const policy = record(root?.['policy']);
  const patterns = (list(policy?.['unmanaged']) ?? []).filter(
    (p): p is string => typeof p === 'string',
  );
  const domains = (list(policy?.['allowedEmailDomains']) ?? []).filter(
    (d): d is string => typeof d === 'string',
  );
  const inAllowedDomain = compileEmailDomains(domains);
  const outsideDomains = (email: string, what: string): string =>
    `${what} ${quote(email.trim())} is outside policy.allowedEmailDomains (${domains.join(', ')}); use an address at one of them, or add its domain to the list`;
  const billingEmail = text(record(root?.['org'])?.['billingEmail']);
  if (billingEmail !== undefined && !inAllowedDomain(billingEmail)) {
    check.error('/org/billingEmail', 'email-domain', outsideDomains(billingEmail, 'billingEmail'));
  }

  for (const name of Object.keys(profiles ?? {})) {
    const profile = record(own(profiles, name));
    check.checkExpires(
      profile?.['expires'],
      `/profiles/${escapePointer(name)}/expires`,
      `profile ${quote(name)}`,
      options.now,
    );
    for (const [listKey, kind] of GRANT_LISTS) {
      check.checkRepeatedIds(
        profile?.[listKey],
        `/profiles/${escapePointer(name)}/${listKey}`,
        kind,
        `profile ${quote(name)}`,
      );
    }
  }

  const seenPatterns = new Map<string, number>();
  patterns.forEach((pattern, i) => {
    const key = pattern.toLowerCase();
    const first = seenPatterns.get(key);
    if (first === undefined) seenPatterns.set(key, i);
    else {
      check.warn(
        `/policy/unmanaged/${i}`,
        'duplicate-unmanaged',
        `unmanaged pattern ${quote(pattern)} is listed twice (first on line ${check.position(`/policy/unmanaged/${first}`).line}); remove one`,
      );
    }
  });

  const usedProfiles = new Set<string>();
  const emails = new Map<string, number>();
  let admins = 0;
  let uncertainAdmins = false;
  (members ?? []).forEach((entry, i) => {
    const member = record(entry);
    if (member === undefined) return;
    const pointer = `/members/${i}`;
    const email = text(member['email']);
    const label = email === undefined ? `member #${i + 1}` : `member ${quote(email)}`;
    if (email !== undefined) {
      const key = emailKey(email.trim());
      const first = emails.get(key);
      if (first === undefined) emails.set(key, i);
      else {
        check.error(
          `${pointer}/email`,
          'duplicate-email',
          `${quote(email.trim())} is declared twice (first on ${check.lineOf(`/members/${first}/email`, `${pointer}/email`)}); emails match case-insensitively, so merge the two entries into one`,
        );
      }
      if (!inAllowedDomain(email)) {
        check.error(`${pointer}/email`, 'email-domain', outsideDomains(email, 'email'));
      }
      const pattern = patterns.find((p) => matchesEmailPattern(email.trim(), p));
      if (pattern !== undefined) {
        check.error(
          `${pointer}/email`,
          'unmanaged-member',
          `${quote(email.trim())} is declared in members and also matched by the unmanaged pattern ${quote(pattern)}; losant-org cannot both manage and ignore someone, so remove the member or narrow the pattern`,
        );
      }
    }

    check.checkExpires(member['expires'], `${pointer}/expires`, label, options.now);
    const profileName = text(member['profile']);
    let profile: Loose | undefined;
    if (profileName !== undefined) {
      usedProfiles.add(profileName);
      profile = record(own(profiles, profileName));
      if (own(profiles, profileName) === undefined) {
        const names = Object.keys(profiles ?? {});
        // The profile the typo was meant for is not "unused" as well.
        const meant = closestMatch(profileName, names);
        if (meant !== undefined) usedProfiles.add(meant);
        const known =
          names.length === 0
            ? '; there is no profiles section, define it or write role: instead'
            : didYouMean(profileName, names) ||
              `; defined profiles: ${names.map((n) => quote(n)).join(', ')}`;
        check.error(
          `${pointer}/profile`,
          'unknown-profile',
          `unknown profile ${quote(profileName)}${known}`,
        );
      }
    }

    let grantCount = 0;
    for (const [listKey, kind] of GRANT_LISTS) {
      check.checkRepeatedIds(member[listKey], `${pointer}/${listKey}`, kind, label);
      const merged = mergeGrants(profile?.[listKey], member[listKey]);
      grantCount += merged.length;
      const ownCount = list(member[listKey])?.length ?? 0;
      const profileCount = list(profile?.[listKey])?.length ?? 0;
      if (
        merged.length > MAX_RESOURCE_ROLES &&
        ownCount <= MAX_RESOURCE_ROLES &&
        profileCount <= MAX_RESOURCE_ROLES
      ) {
        check.error(
          pointer,
          'too-many-resource-roles',
          `${label} gets ${merged.length} ${kind} roles from profile ${quote(profileName ?? '')} and its own entries; Losant allows at most ${MAX_RESOURCE_ROLES}, so move some to the org role`,
        );
      }
    }
    const role = text(member['role']) ?? text(profile?.['role']);
    if (role === 'admin') admins += 1;
    // A misspelt role or profile is already an error; counting admins without it would add a second one.
    if (role === undefined || !(ORG_ROLES as readonly string[]).includes(role))
      uncertainAdmins = true;
    if (role === 'none' && grantCount === 0) {
      check.warn(
        pointer,
        'member-without-access',
        `${label} has role none and no application or dashboard roles, so they would be a member with no access; remove them or give them a role`,
      );
    }
  });

  if (members !== undefined) {
    for (const name of Object.keys(profiles ?? {})) {
      if (!usedProfiles.has(name)) {
        check.warn(
          `/profiles/${escapePointer(name)}`,
          'unused-profile',
          `profile ${quote(name)} is not used by any member`,
          true,
        );
      }
    }
    const minAdmins =
      typeof policy?.['minAdmins'] === 'number' ? policy['minAdmins'] : DEFAULT_POLICY.minAdmins;
    const removes = policy?.['removeUndeclaredMembers'] ?? DEFAULT_POLICY.removeUndeclaredMembers;
    if (admins < minAdmins && !uncertainAdmins) {
      const declared = `${admins} ${admins === 1 ? 'admin is' : 'admins are'} declared but policy.minAdmins is ${minAdmins}`;
      if (removes === true && patterns.length === 0) {
        check.error(
          '/members',
          'min-admins',
          `${declared}: applying this file would remove every other admin and lock everyone out; give at least ${minAdmins} ${minAdmins === 1 ? 'member' : 'members'} role: admin (or list break-glass admins under policy.unmanaged)`,
          true,
        );
      } else {
        check.warn(
          '/members',
          'min-admins',
          `${declared}; the plan will count admins that are unmanaged or kept, and refuses if fewer than ${minAdmins} remain`,
          true,
        );
      }
    }
  }
  return { errors: check.errors, warnings: check.warnings };
}
