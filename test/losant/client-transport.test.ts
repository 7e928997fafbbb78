// Transport behaviour against a scripted local server: headers, redirects, size cap, bodies, timing.
import { afterEach, describe, expect, it } from 'vitest';
import { LOSANT_API_VERSION } from '../../src/losant/actions.js';
import { createLosantClient } from '../../src/losant/client.js';
import type { ClientOptions, LosantClient, RetryInfo } from '../../src/losant/client.js';
import { UsageError } from '../../src/model/errors.js';
import {
  hang,
  json,
  ORG,
  ORG_ID,
  reset,
  startScriptedServer,
  text,
  USER_ID,
} from './scripted-server.js';
import type { Answer, ScriptedServer } from './scripted-server.js';
import { rejection } from './rejection.js';

const TOKEN = 'tok-transport-0001';
let server: ScriptedServer | undefined;
let client: LosantClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** A client on a scripted server, recording its retries and the waits it asked for. */
async function setUp(answers: Answer[], options: Partial<ClientOptions> = {}) {
  server = await startScriptedServer(answers);
  const retries: RetryInfo[] = [];
  const waits: number[] = [];
  client = createLosantClient({
    apiUrl: server.url,
    token: TOKEN,
    onRetry: (info) => retries.push(info),
    ...options,
    retry: {
      maxAttempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      maxRetryAfterMs: 600_000,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...options.retry,
    },
  });
  return { server, client, retries, waits };
}

describe('requests', () => {
  it('sends the token, Accept, Accept-Version, losantdomain and a JSON body to the documented path', async () => {
    const s = await startScriptedServer([json(200, ORG)]);
    server = s;
    const c = createLosantClient({
      apiUrl: `${s.url}/api/`,
      token: TOKEN,
      losantDomain: 'example.com',
    });
    client = c;

    const org = await c.modifyMember(ORG_ID, { userId: USER_ID, role: 'view' });

    expect(org).toEqual(ORG);
    expect(s.received).toHaveLength(1);
    const [request] = s.received;
    expect(request?.method).toBe('PATCH');
    expect(request?.url).toBe(`/api/orgs/${ORG_ID}/member`);
    expect(JSON.parse(request?.body ?? '')).toEqual({ userId: USER_ID, role: 'view' });
    expect({
      authorization: request?.headers.authorization,
      accept: request?.headers.accept,
      acceptVersion: request?.headers['accept-version'],
      losantdomain: request?.headers.losantdomain,
      contentType: request?.headers['content-type'],
    }).toEqual({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json',
      acceptVersion: LOSANT_API_VERSION,
      losantdomain: 'example.com',
      contentType: 'application/json',
    });
  });

  it('puts ids and ranges in the query string, and no losantdomain or body when there is none', async () => {
    const { server, client } = await setUp([
      json(200, { counts: [] }),
      json(200, {}),
      json(200, ORG),
      json(200, []),
    ]);

    await client.deviceCounts(ORG_ID, { start: 0, end: 1465790400000 });
    await client.payloadCounts(ORG_ID, { asBytes: true });
    await client.removeMember(ORG_ID, USER_ID);
    await client.revokeInvite(ORG_ID, '5a1b2c3d4e5f60718293a4c7');

    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /orgs/${ORG_ID}/deviceCounts?start=0&end=1465790400000`,
      `GET /orgs/${ORG_ID}/payloadCounts?asBytes=true`,
      `DELETE /orgs/${ORG_ID}/member?userId=${USER_ID}`,
      `DELETE /orgs/${ORG_ID}/invites?inviteId=5a1b2c3d4e5f60718293a4c7`,
    ]);
    expect(
      server.received.map((r) => [r.headers.losantdomain, r.headers['content-type'], r.body]),
    ).toEqual(Array(4).fill([undefined, undefined, '']));
  });

  it('keeps one connection alive across sequential calls', async () => {
    const ports: number[] = [];
    const recordPort: Answer = (req, res) => {
      ports.push(req.socket.remotePort ?? -1);
      json(200, ORG)(req, res);
    };
    const { client } = await setUp([recordPort]);

    for (let i = 0; i < 3; i += 1) {
      await client.get(ORG_ID);
      // undici hands the socket back to the pool a tick after the body ends.
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(ports).toHaveLength(3);
    expect(new Set(ports).size).toBe(1);
  });

  it('escapes an org id so that it cannot change the path', async () => {
    const { server, client } = await setUp([json(404, { type: 'NotFound', message: 'nope' })]);

    await rejection(client.get('../me?x=1'));

    expect(server.received.map((r) => r.url)).toEqual(['/orgs/..%2Fme%3Fx%3D1']);
  });

  it('sends a token without the surrounding whitespace a secrets file may add', async () => {
    const { server } = await setUp([json(200, ORG)], { token: `  ${TOKEN}\n` });

    await client?.get(ORG_ID);

    expect(server.received.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });

  it('marks a write ambiguous when its 200 body is unusable: the server did it', async () => {
    const { client } = await setUp([text(200, 'ok')]);

    const error = await rejection(client.patch(ORG_ID, { name: 'x' }));

    expect([error.status, error.ambiguous, error.attempts]).toEqual([200, true, 1]);
  });

  it('refuses an empty token or one with line breaks before sending anything', () => {
    expect(() => createLosantClient({ apiUrl: 'https://api.losant.com', token: ' ' })).toThrow(
      UsageError,
    );
    expect(() =>
      createLosantClient({ apiUrl: 'https://api.losant.com', token: 'abc\r\nX-Evil: 1' }),
    ).toThrow('LOSANT_API_TOKEN contains spaces, line breaks or control characters');
  });

  it('closes once however often close() is called', async () => {
    const { client } = await setUp([json(200, ORG)]);
    await client.get(ORG_ID);

    const closed = await Promise.all([client.close(), client.close()]).then(() => client.close());

    expect(closed).toBeUndefined();
  });

  it('refuses an http URL on a remote host before sending anything', () => {
    expect(() => createLosantClient({ apiUrl: 'http://api.losant.com', token: TOKEN })).toThrow(
      'would send the token unencrypted: write https://api.losant.com',
    );
  });
});

describe('responses that are not what Losant documents', () => {
  it('does not follow a redirect, and says so', async () => {
    const { server, client } = await setUp([
      text(302, '', { location: 'https://elsewhere.example.com/orgs' }),
    ]);

    const error = await rejection(client.get(ORG_ID));

    expect(server.received).toHaveLength(1);
    expect({ status: error.status, ambiguous: error.ambiguous }).toEqual({
      status: 302,
      ambiguous: false,
    });
    expect(error.message).toBe(
      `Losant API org.get on org ${ORG_ID} failed: HTTP 302: the redirect to "https://elsewhere.example.com/orgs" was not followed (the token is only sent to LOSANT_API_URL): set LOSANT_API_URL to the API's own address, e.g. https://api.losant.com`,
    );
  });

  it('stops reading a body larger than maxResponseBytes, with or without Content-Length', async () => {
    const big = { ...ORG, description: 'x'.repeat(5_000) };
    const chunked: Answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const body = JSON.stringify(big);
      for (let i = 0; i < body.length; i += 500) res.write(body.slice(i, i + 500));
      res.end();
    };
    const { client } = await setUp([json(200, big), chunked], { maxResponseBytes: 1_000 });

    const declared = await rejection(client.get(ORG_ID));
    const streamed = await rejection(client.get(ORG_ID));

    const expected = `Losant API org.get on org ${ORG_ID} failed: HTTP 200 but the response is larger than 1000 bytes (maxResponseBytes); raise the limit if this org is truly that large`;
    expect([declared.message, streamed.message]).toEqual([expected, expected]);
  });

  it('treats a 200 whose body is not JSON as an error, never as an empty org', async () => {
    const { client } = await setUp([text(200, '<html>maintenance</html>')]);

    const error = await rejection(client.get(ORG_ID));

    expect(error.message).toBe(
      `Losant API org.get on org ${ORG_ID} failed: HTTP 200 but the body is not JSON ("<html>maintenance</html>"): check that LOSANT_API_URL is the Losant API`,
    );
  });

  it.each([
    ['org.get', { id: ORG_ID, name: 'Acme' }, 'org.members is not an array'],
    [
      'org.get',
      { ...ORG, members: [{ userId: USER_ID, email: 'a@b.c', role: 'owner' }] },
      'org.members[0].role is not one of admin, edit, collaborate, view, none',
    ],
    ['org.get', [], 'the body is not an object'],
    ['org.pendingInvites', { invites: [] }, 'the body is not an array of invites'],
    [
      'org.pendingInvites',
      [
        {
          id: 'x',
          email: 'a@b.c',
          role: 'view',
          inviteDate: '2024-01-01T00:00:00Z',
          ttl: 1,
          hasExpired: 'no',
        },
      ],
      'invites[0].hasExpired is not a boolean',
    ],
    [
      'org.pendingInvites',
      [
        {
          id: 'x',
          email: 'a@b.c',
          role: 'view',
          inviteDate: '2024-01-01T00:00:00Z',
          ttl: 1,
          hasExpired: false,
          applicationRoles: {},
        },
      ],
      'invites[0].applicationRoles is not an array',
    ],
  ] as const)(
    'treats a %s body of the wrong shape as an error: %s',
    async (action, body, problem) => {
      const { client } = await setUp([json(200, body)]);

      const error = await rejection(
        action === 'org.get' ? client.get(ORG_ID) : client.pendingInvites(ORG_ID),
      );

      expect({ action: error.action, status: error.status, message: error.message }).toEqual({
        action,
        status: 200,
        message: `Losant API ${action} on org ${ORG_ID} failed: HTTP 200 but the body is not what Losant documents for ${action}: ${problem}; check that LOSANT_API_URL is the Losant API`,
      });
    },
  );

  it('checks an unread write answer only for being JSON of the right kind, and resolves without it', async () => {
    const UNREAD = { answer: 'unread' } as const;
    const { server, client } = await setUp([
      json(200, ORG),
      json(200, []),
      json(200, []),
      json(200, ORG),
      json(200, { ...ORG, members: 'not parsed, so not checked' }),
    ]);

    const answers = [
      await client.modifyMember(ORG_ID, { userId: USER_ID, role: 'view' }, undefined, UNREAD),
      await client.inviteMember(ORG_ID, { email: 'a@b.c', role: 'view' }, UNREAD),
      await client.revokeInvite(ORG_ID, '5a1b2c3d4e5f60718293a4c7', UNREAD),
      await client.removeMember(ORG_ID, USER_ID, undefined, UNREAD),
      await client.patch(ORG_ID, { name: 'x' }, undefined, UNREAD),
    ];

    expect(answers).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(server.received.map((r) => r.method)).toEqual([
      'PATCH',
      'POST',
      'DELETE',
      'DELETE',
      'PATCH',
    ]);
  });

  it('treats an unread write answer that is not a JSON object or array as an ambiguous error', async () => {
    const UNREAD = { answer: 'unread' } as const;
    const { client } = await setUp([text(200, '<html>maintenance</html>'), json(200, ORG)]);

    const errors = [
      await rejection(client.patch(ORG_ID, { name: 'x' }, undefined, UNREAD)),
      await rejection(client.inviteMember(ORG_ID, { email: 'a@b.c', role: 'view' }, UNREAD)),
    ];

    expect(errors.map((e) => [e.status, e.ambiguous, e.message])).toEqual([
      [
        200,
        true,
        `Losant API org.patch on org ${ORG_ID} failed: HTTP 200 but the body is not a JSON object as Losant documents for org.patch; check that LOSANT_API_URL is the Losant API. The change may or may not have been made: read the org again (run plan) before repeating it`,
      ],
      [
        200,
        true,
        `Losant API org.inviteMember on org ${ORG_ID} failed: HTTP 200 but the body is not a JSON array as Losant documents for org.inviteMember; check that LOSANT_API_URL is the Losant API. The change may or may not have been made: read the org again (run plan) before repeating it`,
      ],
    ]);
  });

  it('shows a non-JSON error body, shortened', async () => {
    const { client } = await setUp([text(400, 'y'.repeat(1_000))]);

    const error = await rejection(client.get(ORG_ID));

    expect(error.losantMessage).toBe(`${'y'.repeat(300)}...`);
  });
});

describe('retry timing', () => {
  it('honours Retry-After in seconds on 429 and 503', async () => {
    const { client, waits, retries } = await setUp([
      json(429, { type: 'TooManyRequests', message: 'slow down' }, { 'retry-after': '2' }),
      json(503, { type: 'Unavailable', message: 'later' }, { 'retry-after': '7' }),
      json(200, ORG),
    ]);

    const org = await client.get(ORG_ID);

    expect(org).toEqual(ORG);
    expect(waits).toEqual([2_000, 7_000]);
    expect(retries).toEqual([
      { action: 'org.get', attempt: 1, waitMs: 2_000, reason: 'HTTP 429, Retry-After 2000 ms' },
      { action: 'org.get', attempt: 2, waitMs: 7_000, reason: 'HTTP 503, Retry-After 7000 ms' },
    ]);
  });

  it('honours Retry-After as an HTTP date, against the client clock', async () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    const { client, waits } = await setUp(
      [json(429, {}, { 'retry-after': 'Wed, 01 May 2024 12:02:00 GMT' }), json(200, ORG)],
      { now: () => now },
    );

    await client.get(ORG_ID);

    expect(waits).toEqual([120_000]);
  });

  it('caps each Retry-After wait at maxRetryAfterMs', async () => {
    const { client, waits } = await setUp(
      [json(429, {}, { 'retry-after': '86400' }), json(200, ORG)],
      { retry: { maxRetryAfterMs: 1_500 } },
    );

    await client.get(ORG_ID);

    expect(waits).toEqual([1_500]);
  });

  it('backs off exponentially with jitter when a 5xx gives no Retry-After, and gives up after maxAttempts', async () => {
    const { server, client, waits } = await setUp(
      [json(500, { type: 'ServerError', message: 'boom' })],
      { retry: { maxAttempts: 4 } },
    );

    const error = await rejection(client.get(ORG_ID));

    expect(server.received).toHaveLength(4);
    expect(waits).toEqual([50, 100, 200]);
    expect({ status: error.status, attempts: error.attempts, ambiguous: error.ambiguous }).toEqual({
      status: 500,
      attempts: 4,
      ambiguous: false,
    });
    expect(error.message).toBe(
      `Losant API org.get on org ${ORG_ID} failed: HTTP 500 ServerError "boom" after 4 attempts: Losant's API is failing; run again later`,
    );
  });

  it('waits for real between attempts by default', async () => {
    server = await startScriptedServer([json(503, {}, { 'retry-after': '0' }), json(200, ORG)]);
    client = createLosantClient({ apiUrl: server.url, token: TOKEN });

    const org = await client.get(ORG_ID);

    expect(org).toEqual(ORG);
    expect(server.received).toHaveLength(2);
  });

  it('retries a reset for GET', async () => {
    const { server, client, retries } = await setUp([reset, json(200, ORG)]);

    const org = await client.get(ORG_ID);

    expect(org).toEqual(ORG);
    expect(server.received).toHaveLength(2);
    expect(retries.map((r) => r.reason)).toEqual(['connection failed (UND_ERR_SOCKET)']);
  });

  it('times out a request that gets no answer, and marks a timed-out PATCH ambiguous', async () => {
    const { server, client } = await setUp([hang], {
      requestTimeoutMs: 50,
      retry: { maxAttempts: 2 },
    });

    const error = await rejection(client.patch(ORG_ID, { name: 'x' }));

    expect(server.received).toHaveLength(2);
    expect({ attempts: error.attempts, ambiguous: error.ambiguous }).toEqual({
      attempts: 2,
      ambiguous: true,
    });
    expect(error.message).toBe(
      `Losant API org.patch on org ${ORG_ID} failed: no complete response within 50 ms after 2 attempts: run again later, or raise the request timeout. The change may or may not have been made: read the org again (run plan) before repeating it`,
    );
  });

  it('retries a refused connection, then says it could not connect', async () => {
    const closed = await startScriptedServer([]);
    const closedUrl = closed.url;
    await closed.close();
    const retries: RetryInfo[] = [];
    const c = createLosantClient({
      apiUrl: closedUrl,
      token: TOKEN,
      onRetry: (info) => retries.push(info),
      retry: { maxAttempts: 3, random: () => 0, sleep: async () => undefined },
    });
    client = c;

    const error = await rejection(c.removeMember(ORG_ID, USER_ID));

    expect(retries.map((r) => r.reason)).toEqual([
      'connection failed (ECONNREFUSED)',
      'connection failed (ECONNREFUSED)',
    ]);
    expect({ attempts: error.attempts, ambiguous: error.ambiguous }).toEqual({
      attempts: 3,
      ambiguous: false,
    });
    expect(error.message).toBe(
      `Losant API org.removeMember on org ${ORG_ID} failed: could not connect to ${closedUrl} (ECONNREFUSED) after 3 attempts: check LOSANT_API_URL and the network`,
    );
  });
});
