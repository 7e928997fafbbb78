// Live people at domains that policy.allowedEmailDomains does not allow, and that the file does not declare.
import { emailKey } from '../model/access.js';
import type { DesiredOrg } from '../model/desired-org.js';
import { compileEmailDomains } from '../model/email-domain.js';
import { compileEmailPatterns } from '../model/email-pattern.js';
import type { LiveOrg } from '../model/live-org.js';

function byEmail<T extends { email: string }>(a: T, b: T): number {
  const x = emailKey(a.email);
  const y = emailKey(b.email);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One warning per such member and invite, members first, each sorted by email; unmanaged people are exempt. */
export function outsideDomainWarnings(desired: DesiredOrg, live: LiveOrg): string[] {
  const { policy } = desired;
  if (policy.allowedEmailDomains.length === 0 || desired.members === undefined) return [];
  const allowed = compileEmailDomains(policy.allowedEmailDomains);
  const isUnmanaged = compileEmailPatterns(policy.unmanaged);
  const declared = new Set(desired.members.map((m) => emailKey(m.email)));
  const outside = (email: string): boolean =>
    !allowed(email) && !isUnmanaged(email) && !declared.has(emailKey(email));
  const domains = `policy.allowedEmailDomains (${policy.allowedEmailDomains.join(', ')})`;
  const warnings: string[] = [];
  for (const m of live.members.filter((m) => outside(m.email)).sort(byEmail)) {
    const fate = policy.removeUndeclaredMembers
      ? 'this plan removes them'
      : 'it is left alone (policy.removeUndeclaredMembers is false)';
    warnings.push(
      `member ${m.email} (${m.access.role}) is outside ${domains} and not in the file; ${fate}`,
    );
  }
  for (const i of live.invites.filter((i) => outside(i.email)).sort(byEmail)) {
    const fate = policy.revokeUndeclaredInvites
      ? 'this plan revokes it'
      : 'it is left alone (policy.revokeUndeclaredInvites is false)';
    warnings.push(
      `the invite of ${i.email} (${i.access.role}) is outside ${domains} and not in the file; ${fate}`,
    );
  }
  return warnings;
}
