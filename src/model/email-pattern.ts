// Email globs of `policy.unmanaged`: `*` matches any run of characters, letters match case-insensitively.
import { emailKey } from './access.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** The RegExp a glob stands for; only `*` is special, everything else matches itself. */
export function emailPatternToRegExp(pattern: string): RegExp {
  const source = emailKey(pattern.trim()).split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`, 's');
}

export function matchesEmailPattern(email: string, pattern: string): boolean {
  return emailPatternToRegExp(pattern).test(emailKey(email));
}

/** One predicate for a list of globs, compiled once: true when any glob matches the email. */
export function compileEmailPatterns(patterns: readonly string[]): (email: string) => boolean {
  if (patterns.length === 0) return () => false;
  const regexps = patterns.map(emailPatternToRegExp);
  return (email) => {
    const key = emailKey(email);
    return regexps.some((r) => r.test(key));
  };
}
