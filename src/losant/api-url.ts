// LOSANT_API_URL, checked before any token is sent: https, or plain http only to this machine.
import { UsageError } from '../model/errors.js';

export const DEFAULT_API_URL = 'https://api.losant.com';

export interface ApiUrl {
  /** scheme://host[:port], what the connection pool is keyed on. */
  origin: string;
  /** A path prefix without a trailing slash ('' for none), put before every action's path. */
  basePath: string;
  /** origin + basePath, for messages. */
  href: string;
}

const FIX = `write ${DEFAULT_API_URL} (or leave LOSANT_API_URL unset), or http://127.0.0.1:PORT for the local emulator`;

/** Whether a URL hostname is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * Parses and checks LOSANT_API_URL. `secrets` (the token) are blanked out of the value shown in
 * messages, in case one was pasted into the wrong variable.
 */
export function parseApiUrl(raw: string, secrets: readonly string[] = []): ApiUrl {
  const text = raw.trim();
  const shown = showValue(text);
  // Every message, suggestions included, is cleaned of the secrets.
  const refuse = (message: string): UsageError => new UsageError(redact(message, secrets));
  if (text === '') throw refuse(`LOSANT_API_URL is empty: ${FIX}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse(`LOSANT_API_URL ${shown} is not a URL: ${FIX}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw refuse(
      `LOSANT_API_URL must not contain a user name or password: put the token in LOSANT_API_TOKEN and write ${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse(`LOSANT_API_URL ${shown} uses ${url.protocol} which is not https: ${FIX}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw refuse(
      `LOSANT_API_URL ${shown} would send the token unencrypted: write https://${url.host}${url.pathname === '/' ? '' : url.pathname} (plain http is allowed only on loopback: 127.0.0.1, ::1 or localhost, for the emulator)`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw refuse(
      `LOSANT_API_URL ${shown} has a query or fragment, which the API root cannot have: write ${url.origin}${url.pathname === '/' ? '' : url.pathname}`,
    );
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  return { origin: url.origin, basePath, href: url.origin + basePath };
}

function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret !== '') clean = clean.split(secret).join('[REDACTED]');
  }
  return clean;
}

function showValue(text: string): string {
  // A URL with a password is shown without it.
  const shown = text.replace(/\/\/[^/@\s]*@/, '//***@');
  return JSON.stringify(shown.length > 200 ? `${shown.slice(0, 200)}...` : shown);
}
