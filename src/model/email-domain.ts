// policy.allowedEmailDomains: `acme.com` is that domain, `*.acme.com` any of its subdomains.
import { emailKey } from './access.js';

/** The part after the last `@`, lower-cased; '' when there is none. */
export function emailDomain(email: string): string {
  const key = emailKey(email.trim());
  const at = key.lastIndexOf('@');
  return at < 0 ? '' : key.slice(at + 1);
}

/**
 * One predicate for the list, compiled once: true when the email's domain is allowed.
 * An empty list allows every domain (the policy is not set).
 */
export function compileEmailDomains(allowed: readonly string[]): (email: string) => boolean {
  if (allowed.length === 0) return () => true;
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const rule of allowed) {
    const r = rule.trim().toLowerCase();
    if (r.startsWith('*.')) suffixes.push(r.slice(1));
    else exact.add(r);
  }
  return (email) => {
    const domain = emailDomain(email);
    return (
      exact.has(domain) || suffixes.some((s) => domain.endsWith(s) && domain.length > s.length)
    );
  };
}
