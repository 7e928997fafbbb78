// Every error path, with a recognisable token that a hostile server even echoes back: the token
// must appear in no message, stack, string, inspection, JSON, cause or retry report.
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { Fault } from '../../src/emulator/server.js';
import { LosantApiError } from '../../src/losant/api-error.js';
import { createLosantClient } from '../../src/losant/client.js';
import type { ClientOptions, RetryInfo } from '../../src/losant/client.js';
import { hang, ORG_ID, reset, startScriptedServer, text, USER_ID } from './scripted-server.js';
import type { Answer } from './scripted-server.js';

const TOKEN = 'tok-SECRET-123456';

/** Echoes the request's Authorization header back in the way each answer allows. */
const echo = (status: number, headers: Record<string, string> = {}): Answer => {
  return (req, res) => {
    const auth = req.headers.authorization ?? '';
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ type: `Bad${auth}`, message: `you sent ${auth}` }));
  };
};
const echoText =
  (status: number): Answer =>
  (req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(`plain ${req.headers.authorization ?? ''}`);
  };
const redirectWithToken: Answer = (req, res) => {
  res.writeHead(302, {
    location: `https://evil.example.com/?t=${req.headers.authorization ?? ''}`,
  });
  res.end();
};
const shapeWithToken: Answer = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: req.headers.authorization, name: 5, members: [] }));
};

/** Starts a body that echoes the token, then breaks the connection or stops sending. */
const partialBody =
  (status: number, then: 'reset' | 'stall'): Answer =>
  (req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': '10000' });
    res.write(`{"type":"x","message":"${req.headers.authorization ?? ''}`);
    if (then === 'reset') setTimeout(() => req.socket.destroy(), 5);
  };
/** A gzip-compressed error answer that echoes the token. */
const gzipEcho =
  (status: number): Answer =>
  (req, res) => {
    const auth = req.headers.authorization ?? '';
    res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync(JSON.stringify({ type: `Bad${auth}`, message: `you sent ${auth}` })));
  };
/** A body said to be gzip that is the token in plain text: it cannot be decompressed. */
const corruptGzipWithToken: Answer = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  res.end(`not gzip ${req.headers.authorization ?? ''}`);
};
/** An encoding the client did not ask for, named after the token. */
const unknownEncodingWithToken: Answer = (req, res) => {
  res.writeHead(200, { 'content-encoding': `x-${req.headers.authorization ?? ''}` });
  res.end('x');
};
const retryAfterWithToken: Answer = (req, res) => {
  res.writeHead(503, { 'retry-after': `${req.headers.authorization ?? ''}` });
  res.end();
};

type Call = (client: ReturnType<typeof createLosantClient>) => Promise<unknown>;
const get: Call = (c) => c.get(ORG_ID);
const invite: Call = (c) => c.inviteMember(ORG_ID, { email: 'x@y.z', role: 'view' });
const remove: Call = (c) => c.removeMember(ORG_ID, USER_ID);
const unreadPatch: Call = (c) => c.patch(ORG_ID, { name: 'x' }, undefined, { answer: 'unread' });
const revokeWithTokenId: Call = (c) => c.revokeInvite(TOKEN, TOKEN);

const PATHS: [string, Answer[], Call, Partial<ClientOptions>?][] = [
  ['400', [echo(400)], get],
  ['401', [echo(401)], get],
  ['403', [echo(403)], invite],
  ['404 member', [echo(404)], remove],
  ['404 with the token as ids', [echo(404)], revokeWithTokenId],
  ['409', [echo(409)], get],
  ['429 on POST', [echo(429, { 'retry-after': '1' })], invite],
  ['429 after retries', [echo(429, { 'retry-after': '0' })], get],
  ['500 after retries', [echo(500)], remove],
  ['502 on POST', [echo(502)], invite],
  ['503 after retries', [echo(503)], get],
  ['504 non-JSON', [echoText(504)], get],
  ['400 non-JSON', [echoText(400)], get],
  ['redirect', [redirectWithToken], get],
  ['200 not JSON', [echoText(200)], get],
  ['200 wrong shape', [shapeWithToken], get],
  ['too large', [text(200, 'x'.repeat(2_000))], get, { maxResponseBytes: 100 }],
  ['reset on GET', [reset], get],
  ['reset on POST', [reset], invite],
  ['timeout', [hang], remove, { requestTimeoutMs: 30 }],
  ['timeout on POST', [hang], invite, { requestTimeoutMs: 30 }],
  ['reset mid-body', [partialBody(200, 'reset')], get],
  ['reset mid-body on POST', [partialBody(500, 'reset')], invite],
  ['stalled body', [partialBody(200, 'stall')], get, { requestTimeoutMs: 30 }],
  ['Retry-After echoing the token', [retryAfterWithToken], get],
  ['gzip-compressed 400', [gzipEcho(400)], get],
  ['gzip-compressed 503 after retries', [gzipEcho(503)], get],
  ['corrupt gzip', [corruptGzipWithToken], get],
  ['corrupt gzip, unread', [corruptGzipWithToken], unreadPatch],
  ['an encoding not asked for', [unknownEncodingWithToken], get],
];

function exposures(error: unknown, retries: RetryInfo[]): Record<string, string> {
  const e = error as Error;
  return {
    message: e.message,
    stack: e.stack ?? '',
    string: String(e),
    inspect: inspect(e, { depth: 10 }),
    inspectHidden: inspect(e, { depth: 10, showHidden: true }),
    json: JSON.stringify(e),
    cause: inspect((e as { cause?: unknown }).cause, { depth: 10, showHidden: true }),
    retries: JSON.stringify(retries),
  };
}

describe('the token never leaks', () => {
  it.each(PATHS)('%s', async (_name, answers, call, options = {}) => {
    const s = await startScriptedServer(answers);
    const retries: RetryInfo[] = [];
    const client = createLosantClient({
      apiUrl: s.url,
      token: TOKEN,
      onRetry: (info) => retries.push(info),
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
      ...options,
    });
    let error: unknown;
    try {
      await call(client);
    } catch (caught) {
      error = caught;
    } finally {
      await client.close();
      await s.close();
    }

    expect(s.received.map((r) => r.headers.authorization)).toContain(`Bearer ${TOKEN}`);
    expect(error).toBeInstanceOf(Error);
    const seen = exposures(error, retries);
    expect(Object.entries(seen).filter(([, value]) => value.includes(TOKEN))).toEqual([]);
    expect(Object.entries(seen).filter(([, value]) => value.includes('SECRET'))).toEqual([]);
  });

  it('a refused connection', async () => {
    const s = await startScriptedServer([]);
    await s.close();
    const retries: RetryInfo[] = [];
    const client = createLosantClient({
      apiUrl: s.url,
      token: TOKEN,
      onRetry: (info) => retries.push(info),
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });

    const error = await client.get(ORG_ID).catch((caught: unknown) => caught);
    await client.close();

    expect(Object.values(exposures(error, retries)).some((v) => v.includes(TOKEN))).toBe(false);
  });

  it.each([
    ['the token pasted as LOSANT_API_URL', { apiUrl: TOKEN, token: TOKEN }],
    ['an http URL carrying the token', { apiUrl: `http://example.com/${TOKEN}`, token: TOKEN }],
    ['the token in URL credentials', { apiUrl: `https://u:${TOKEN}@api.losant.com`, token: TOKEN }],
    [
      'a token with a line break',
      { apiUrl: 'https://api.losant.com', token: `${TOKEN}\nX-Evil: 1` },
    ],
  ])('%s', (_name, options) => {
    let error: unknown;
    try {
      createLosantClient(options);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(Error);
    expect(Object.values(exposures(error, [])).some((v) => v.includes(TOKEN))).toBe(false);
  });

  it('the client object itself does not show it', async () => {
    const client = createLosantClient({ apiUrl: 'https://api.losant.com', token: TOKEN });

    const shown = [inspect(client, { depth: 10 }), JSON.stringify(client)];
    await client.close();

    expect(shown.some((v) => v.includes(TOKEN))).toBe(false);
  });
});

describe('the token never leaks, against the emulator', () => {
  const UNKNOWN = '0123456789abcdef01234567';
  type EmulatorPath = [string, string[] | undefined, Fault[], Call, Partial<ClientOptions>?];
  const all = ['all.User'];
  const PATHS: EmulatorPath[] = [
    ['400', all, [], (c) => c.inviteMember(DEMO_ORG_ID, { email: 'bad', role: 'view' })],
    ['401 unknown token', undefined, [], get],
    ['403 missing scope', ['me.get'], [], (c) => c.patch(DEMO_ORG_ID, { name: 'x' })],
    ['404 org', all, [], (c) => c.get(UNKNOWN)],
    ['404 member', all, [], (c) => c.removeMember(DEMO_ORG_ID, UNKNOWN)],
    ['404 invite', all, [], (c) => c.revokeInvite(DEMO_ORG_ID, UNKNOWN)],
    ...([429, 500, 502, 503, 504] as const).map((status): EmulatorPath => [
      `${status} after retries`,
      all,
      [{ action: '*', kind: 'status', status, retryAfter: '0', count: 0 }],
      (c) => c.get(DEMO_ORG_ID),
    ]),
    ['reset GET', all, [{ action: '*', kind: 'reset', count: 0 }], (c) => c.get(DEMO_ORG_ID)],
    [
      'after-commit reset POST',
      all,
      [{ action: '*', kind: 'after-commit', then: 'reset' }],
      (c) => c.inviteMember(DEMO_ORG_ID, { email: 'n@acme-iot.example', role: 'view' }),
    ],
    [
      'after-commit 500 DELETE',
      all,
      [{ action: '*', kind: 'after-commit', then: 'status', status: 500 }],
      (c) => c.removeMember(DEMO_ORG_ID, '6650f0c1a2b3c4d5e6f70a03'),
    ],
    [
      'timeout',
      all,
      [{ action: '*', kind: 'latency', ms: 500, count: 0 }],
      (c) => c.get(DEMO_ORG_ID),
      { requestTimeoutMs: 20 },
    ],
  ];

  it.each(PATHS)('%s', async (_name, scopes, faults, call, options = {}) => {
    const emulator = await startEmulator();
    if (scopes !== undefined) {
      await emulator.control.addToken({ token: TOKEN, userId: DEMO_USER_ID, scopes });
    }
    await emulator.control.addFaults(faults);
    const retries: RetryInfo[] = [];
    const client = createLosantClient({
      apiUrl: emulator.url,
      token: TOKEN,
      onRetry: (info) => retries.push(info),
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
      ...options,
    });
    let error: unknown;
    try {
      await call(client);
    } catch (caught) {
      error = caught;
    } finally {
      await client.close();
      await emulator.close();
    }

    expect(error).toBeInstanceOf(LosantApiError);
    const seen = exposures(error, retries);
    expect(Object.entries(seen).filter(([, value]) => value.includes(TOKEN))).toEqual([]);
  });
});
