// Compressed answers over real HTTP: the client asks for gzip and br, inflates what it reads within the
// size cap, drains unread answers as they came, and still reads answers that are not compressed.
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createLosantClient } from '../../src/losant/client.js';
import type { ClientOptions, LosantClient } from '../../src/losant/client.js';
import { MAX_JSON_DEPTH } from '../../src/losant/json-nesting.js';
import { rejection } from './rejection.js';
import { encoded, json, ORG, ORG_ID, startScriptedServer, USER_ID } from './scripted-server.js';
import type { Answer, ScriptedServer } from './scripted-server.js';

const TOKEN = 'tok-compression-0001';
const UNREAD = { answer: 'unread' } as const;
const gzipJson = (value: unknown): Buffer => gzipSync(JSON.stringify(value));
const brJson = (value: unknown): Buffer => brotliCompressSync(JSON.stringify(value));

let server: ScriptedServer | undefined;
let client: LosantClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setUp(answers: Answer[], options: Partial<ClientOptions> = {}) {
  server = await startScriptedServer(answers);
  client = createLosantClient({
    apiUrl: server.url,
    token: TOKEN,
    retry: { maxAttempts: 1 },
    ...options,
  });
  return { server, client };
}

describe('compressed answers', () => {
  it('asks for gzip and br on every call', async () => {
    const { server, client } = await setUp([json(200, ORG)]);

    await client.get(ORG_ID);
    await client.patch(ORG_ID, { name: 'x' }, undefined, UNREAD);

    expect(server.received.map((r) => r.headers['accept-encoding'])).toEqual([
      'gzip, br',
      'gzip, br',
    ]);
  });

  it('reads gzip, br and uncompressed answers alike', async () => {
    const { client } = await setUp([
      encoded(200, 'gzip', gzipJson(ORG)),
      encoded(200, 'br', brJson(ORG)),
      json(200, ORG),
      encoded(200, 'identity', Buffer.from(JSON.stringify(ORG))),
    ]);

    const orgs = [
      await client.get(ORG_ID),
      await client.get(ORG_ID),
      await client.get(ORG_ID),
      await client.get(ORG_ID),
    ];

    expect(orgs).toEqual([ORG, ORG, ORG, ORG]);
  });

  it('reads a compressed error answer for what Losant said', async () => {
    const { client } = await setUp([
      encoded(400, 'gzip', gzipJson({ type: 'Validation', message: 'name is too long' })),
    ]);

    const error = await rejection(client.patch(ORG_ID, { name: 'x' }));

    expect([error.status, error.losantType, error.losantMessage]).toEqual([
      400,
      'Validation',
      'name is too long',
    ]);
  });

  it('drains compressed unread answers without reading them', async () => {
    const { client } = await setUp([
      encoded(200, 'gzip', gzipJson({ ...ORG, members: 'not inflated, so not checked' })),
      encoded(200, 'br', brJson([])),
      encoded(200, 'gzip', gzipJson(ORG)),
    ]);

    const answers = [
      await client.modifyMember(ORG_ID, { userId: USER_ID, role: 'view' }, undefined, UNREAD),
      await client.inviteMember(ORG_ID, { email: 'a@b.c', role: 'view' }, UNREAD),
      await client.removeMember(ORG_ID, USER_ID, undefined, UNREAD),
    ];

    expect(answers).toEqual([undefined, undefined, undefined]);
  });

  it('names the API action when a compressed body is corrupt', async () => {
    const gzipped = gzipJson(ORG);
    const corrupt = Buffer.concat([gzipped.subarray(0, 10), Buffer.from('not deflate at all')]);
    const { client } = await setUp([
      encoded(200, 'gzip', corrupt),
      encoded(200, 'br', Buffer.from('not brotli')),
      encoded(200, 'gzip', Buffer.from('{"plain":"json said to be gzip"}')),
    ]);

    const errors = [
      await rejection(client.get(ORG_ID)),
      await rejection(client.pendingInvites(ORG_ID)),
      await rejection(client.patch(ORG_ID, { name: 'x' }, undefined, UNREAD)),
    ];

    expect(errors.map((e) => [e.action, e.status, e.ambiguous])).toEqual([
      ['org.get', 200, false],
      ['org.pendingInvites', 200, false],
      ['org.patch', 200, true],
    ]);
    expect(errors[0]?.message).toMatch(
      new RegExp(
        `^Losant API org\\.get on org ${ORG_ID} failed: HTTP 200 but the gzip-compressed body could not be decompressed \\(.+\\); check that LOSANT_API_URL is the Losant API and run again$`,
      ),
    );
    expect(errors[1]?.message).toMatch(
      /^Losant API org\.pendingInvites on org \w+ failed: HTTP 200 but the br-compressed body could not be decompressed \(.+\); check that LOSANT_API_URL is the Losant API and run again$/,
    );
    expect(errors[2]?.message).toBe(
      `Losant API org.patch on org ${ORG_ID} failed: HTTP 200 but the body is said to be gzip-compressed but is not gzip; check that LOSANT_API_URL is the Losant API. The change may or may not have been made: read the org again (run plan) before repeating it`,
    );
  });

  it('stops a compressed body that inflates past maxResponseBytes (a zip bomb)', async () => {
    // 16 MB of spaces in a few KB; the cap counts inflated bytes, not the bytes on the wire.
    const spaces = Buffer.alloc(16 * 1024 * 1024, 0x20);
    const bomb = gzipSync(spaces, { level: 1 });
    const brBomb = brotliCompressSync(spaces, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 },
    });
    const { client } = await setUp([encoded(200, 'gzip', bomb), encoded(200, 'br', brBomb)], {
      maxResponseBytes: 1024 * 1024,
    });

    const errors = [await rejection(client.get(ORG_ID)), await rejection(client.get(ORG_ID))];

    expect(Math.max(bomb.length, brBomb.length)).toBeLessThan(1024 * 1024);
    expect(errors.map((e) => e.message)).toEqual([
      `Losant API org.get on org ${ORG_ID} failed: HTTP 200 but the response is larger than 1048576 bytes (maxResponseBytes); raise the limit if this org is truly that large (once decompressed)`,
      `Losant API org.get on org ${ORG_ID} failed: HTTP 200 but the response is larger than 1048576 bytes (maxResponseBytes); raise the limit if this org is truly that large (once decompressed)`,
    ]);
  });

  it('refuses a compressed answer nested too deep, and one cut short, naming the action', async () => {
    // 10 MB once inflated: the nesting is scanned slice by slice as zlib inflates it.
    const depth = 2_000_000;
    const deep = `{"id":"${ORG_ID}","members":[],"extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const whole = gzipJson(ORG);
    const { client } = await setUp([
      encoded(200, 'gzip', gzipSync(deep)),
      encoded(200, 'br', brotliCompressSync(deep)),
      encoded(200, 'gzip', whole.subarray(0, whole.length - 12)),
    ]);

    const errors = [
      await rejection(client.get(ORG_ID)),
      await rejection(client.get(ORG_ID)),
      await rejection(client.get(ORG_ID)),
    ];

    const tooDeep = `Losant API org.get on org ${ORG_ID} failed: HTTP 200 but the body nests JSON more than ${MAX_JSON_DEPTH} levels deep, which no Losant answer does; check that LOSANT_API_URL is the Losant API`;
    expect(errors.slice(0, 2).map((e) => e.message)).toEqual([tooDeep, tooDeep]);
    expect(errors[2]?.message).toMatch(
      /^Losant API org\.get on org \w+ failed: HTTP 200 but the gzip-compressed body could not be decompressed \(unexpected end of file\); check that LOSANT_API_URL is the Losant API and run again$/,
    );
  });

  it('refuses an encoding it did not ask for', async () => {
    const { client } = await setUp([encoded(200, 'deflate', Buffer.from('x'))]);

    const error = await rejection(client.get(ORG_ID));

    expect(error.message).toBe(
      `Losant API org.get on org ${ORG_ID} failed: HTTP 200 but the body is encoded as "deflate", which the client did not ask for (it accepts gzip, br); check that LOSANT_API_URL is the Losant API`,
    );
  });
});
