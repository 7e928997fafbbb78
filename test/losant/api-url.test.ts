import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseApiUrl } from '../../src/losant/api-url.js';
import { LosantOrgError } from '../../src/model/errors.js';

describe('parseApiUrl', () => {
  it.each([
    ['https://api.losant.com', 'https://api.losant.com', ''],
    ['https://api.losant.com/', 'https://api.losant.com', ''],
    ['  https://api.losant.com  ', 'https://api.losant.com', ''],
    ['https://API.Losant.com:443/', 'https://api.losant.com', ''],
    ['https://proxy.example.com:8443/losant/', 'https://proxy.example.com:8443', '/losant'],
    ['https://proxy.example.com/a/b//', 'https://proxy.example.com', '/a/b'],
    ['http://127.0.0.1:41234', 'http://127.0.0.1:41234', ''],
    ['http://127.8.9.10:8080/', 'http://127.8.9.10:8080', ''],
    ['http://localhost:3000/api', 'http://localhost:3000', '/api'],
    ['http://[::1]:9000', 'http://[::1]:9000', ''],
  ])('accepts %s', (raw, origin, basePath) => {
    expect(parseApiUrl(raw)).toEqual({ origin, basePath, href: origin + basePath });
  });

  it.each([
    ['', 'LOSANT_API_URL is empty: write https://api.losant.com'],
    [
      'api.losant.com',
      'LOSANT_API_URL "api.losant.com" is not a URL: write https://api.losant.com',
    ],
    ['garbage with spaces', 'is not a URL: write https://api.losant.com'],
    ['http://api.losant.com', 'would send the token unencrypted: write https://api.losant.com'],
    ['http://10.0.0.5:8080/x', 'would send the token unencrypted: write https://10.0.0.5:8080/x'],
    ['http://128.0.0.1', 'would send the token unencrypted'],
    ['http://localhost.evil.com', 'would send the token unencrypted'],
    ['ftp://api.losant.com', 'uses ftp: which is not https: write https://api.losant.com'],
    ['file:///etc/passwd', 'uses file: which is not https'],
    [
      'https://user:pw@api.losant.com',
      'must not contain a user name or password: put the token in LOSANT_API_TOKEN and write https://api.losant.com',
    ],
    ['https://api.losant.com/?x=1', 'has a query or fragment'],
    ['https://api.losant.com/#top', 'has a query or fragment'],
  ])('refuses %j with a message saying what to write', (raw, expected) => {
    const error = catchError(() => parseApiUrl(raw));
    expect(error).toBeInstanceOf(LosantOrgError);
    expect(error.message).toContain(expected);
  });

  it('never shows a password or the token in its message', () => {
    const withPassword = catchError(() => parseApiUrl('https://user:hunter2@api.losant.com'));
    const withToken = catchError(() => parseApiUrl('tok-SECRET-123456', ['tok-SECRET-123456']));
    expect(withPassword.message).not.toContain('hunter2');
    expect(withToken.message).toEqual(
      'LOSANT_API_URL "[REDACTED]" is not a URL: write https://api.losant.com (or leave LOSANT_API_URL unset), or http://127.0.0.1:PORT for the local emulator',
    );
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['[::1]', true],
    ['api.localhost', true],
    ['10.0.0.1', false],
    ['example.com', false],
    ['[::2]', false],
    ['127.0.0.1.nip.io', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
