// The emulator compresses its answers when asked (gzip from kept pieces, else br) and can pace them
// over a limited bandwidth; what arrives, inflated, is always the answer it would send uncompressed.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseEncoding, compressAnswer } from '../../src/emulator/answer-compression.js';
import { parseBandwidth } from '../../src/emulator/bandwidth-link.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { UsageError } from '../../src/model/errors.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const ids = Array.from({ length: 300 }, (_, i) => `b${i.toString(16).padStart(23, '0')}`);
const LARGE: EmulatorSeed = {
  users: ids.map((id, i) => ({ id, email: `user${i}@example.com`, firstName: `User ${i}` })),
  tokens: [{ token: 'tok-large', userId: ids[0] ?? '', scopes: ['all.User'] }],
  orgs: [
    {
      id: DEMO_ORG_ID,
      name: 'Large',
      members: ids.map((userId, i) => ({ userId, role: i < 3 ? 'admin' : 'view' })),
    },
  ],
};

interface Received {
  status: number;
  encoding: string | undefined;
  /** The body as it came, and inflated. */
  sent: Buffer;
  text: string;
}

async function call(
  e: RunningEmulator,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  acceptEncoding: string | undefined,
  body?: unknown,
): Promise<Received> {
  const response = await request(`${e.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${e.token}`,
      ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const sent = Buffer.from(await response.body.arrayBuffer());
  const encoding = response.headers['content-encoding'] as string | undefined;
  const inflated =
    encoding === 'gzip' ? gunzipSync(sent) : encoding === 'br' ? brotliDecompressSync(sent) : sent;
  expect(Number(response.headers['content-length'])).toBe(sent.length);
  return { status: response.statusCode, encoding, sent, text: inflated.toString('utf8') };
}

describe('compressed answers', () => {
  it('gzip-compresses when asked, and inflated it is the uncompressed answer, after every change', async () => {
    const e = (emulator = await startEmulator({ state: LARGE }));
    const org = `/orgs/${DEMO_ORG_ID}`;
    const pairs: [Received, Received][] = [];
    const both = async (
      method: 'GET' | 'PATCH' | 'DELETE',
      path: string,
      body?: unknown,
    ): Promise<void> => {
      const gzipped = await call(e, method, path, 'gzip, br', body);
      // Every write here answers with the org: the same as reading it right after.
      const read = path.endsWith('/invites') ? path : org;
      const plain = await call(e, 'GET', read, undefined);
      pairs.push([gzipped, plain]);
    };

    await both('GET', org);
    await both('PATCH', `${org}/member`, { userId: ids[150], role: 'edit' });
    await both('DELETE', `${org}/member?userId=${ids[200] ?? ''}`);
    await both('PATCH', org, { name: 'Renamed' });
    await both('GET', `${org}/invites`);

    expect(pairs.map(([g]) => [g.status, g.encoding])).toEqual([
      [200, 'gzip'],
      [200, 'gzip'],
      [200, 'gzip'],
      [200, 'gzip'],
      [200, 'gzip'],
    ]);
    expect(pairs.map(([, p]) => p.encoding)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(pairs.map(([g]) => JSON.parse(g.text) as unknown)).toEqual(
      pairs.map(([, p]) => JSON.parse(p.text) as unknown),
    );
    expect(pairs.map(([g]) => g.text)).toEqual(pairs.map(([, p]) => p.text));
    const [first] = pairs[0] ?? [];
    expect(first?.sent.length).toBeLessThan((first?.text.length ?? 0) / 5);
  });

  it('keeps the gzip invites answer the uncompressed one as invites come and go', async () => {
    const e = (emulator = await startEmulator({ state: LARGE }));
    const path = `/orgs/${DEMO_ORG_ID}/invites`;
    const texts: [string, string][] = [];
    const compare = async (answer: Received): Promise<void> => {
      texts.push([answer.text, (await call(e, 'GET', path, undefined)).text]);
    };

    for (let i = 0; i < 120; i += 1) {
      const answer = await call(e, 'POST', path, 'gzip', {
        email: `invitee${i}@example.com`,
        role: 'view',
      });
      if (i % 40 === 39) await compare(answer);
    }
    const invites = JSON.parse(texts.at(-1)?.[1] ?? '[]') as { id: string }[];
    for (const invite of [invites[3], invites[60], invites[119]]) {
      await compare(await call(e, 'DELETE', `${path}?inviteId=${invite?.id ?? ''}`, 'gzip'));
    }

    expect(texts.map(([gzipped]) => gzipped)).toEqual(texts.map(([, plain]) => plain));
    expect(texts.map(([, plain]) => (JSON.parse(plain) as unknown[]).length)).toEqual([
      40, 80, 120, 119, 118, 117,
    ]);
  });

  it('answers br when only br is asked, and uncompressed when gzip and br are refused', async () => {
    const e = (emulator = await startEmulator({ state: LARGE }));
    const org = `/orgs/${DEMO_ORG_ID}`;

    const answers = [
      await call(e, 'GET', org, 'br'),
      await call(e, 'GET', org, 'gzip;q=0, br;q=0, identity'),
      await call(e, 'GET', org, undefined),
    ];

    expect(answers.map((a) => a.encoding)).toEqual(['br', undefined, undefined]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it('counts the bytes of its answers, as sent and uncompressed', async () => {
    const e = (emulator = await startEmulator({ state: LARGE }));
    const org = `/orgs/${DEMO_ORG_ID}`;
    await e.control.clearLog();

    const gzipped = await call(e, 'GET', org, 'gzip');
    const plain = await call(e, 'GET', org, undefined);

    expect(await e.control.traffic()).toEqual({
      answers: 2,
      sentBytes: gzipped.sent.length + plain.sent.length,
      bodyBytes: 2 * plain.sent.length,
    });
    await e.control.clearLog();
    expect(await e.control.traffic()).toEqual({ answers: 0, sentBytes: 0, bodyBytes: 0 });
  });

  it('sends whole answers over a limited bandwidth', async () => {
    const e = (emulator = await startEmulator({
      state: LARGE,
      bandwidthBitsPerSecond: parseBandwidth('200mbit'),
    }));
    const org = `/orgs/${DEMO_ORG_ID}`;

    const [plain, gzipped] = await Promise.all([
      call(e, 'GET', org, undefined),
      call(e, 'GET', org, 'gzip'),
    ]);

    expect(plain.text.length).toBeGreaterThan(16 * 1024);
    expect(JSON.parse(gzipped.text)).toEqual(JSON.parse(plain.text));
  });
});

describe('compressAnswer', () => {
  it('joins kept gzip pieces into one stream that inflates to the chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 2_000 }), { maxLength: 12 }), (arrays) => {
        const chunks = arrays.map((a) => Buffer.from(a));
        const body = Buffer.concat(compressAnswer([...chunks, ...chunks], 'gzip'));
        expect(gunzipSync(body)).toEqual(Buffer.concat([...chunks, ...chunks]));
      }),
    );
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['gzip, br', 'gzip'],
    ['br;q=1.0, gzip;q=0.5', 'gzip'],
    ['br', 'br'],
    ['GZIP', 'gzip'],
    ['gzip;q=0, br', 'br'],
    ['deflate, identity', undefined],
  ])('%j -> %j', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('parseBandwidth', () => {
  it('reads a rate per second', () => {
    expect(
      ['100mbit', '512kbit', '1Gbit', '2.5mbit', '9600bit', '10mbit/s'].map(parseBandwidth),
    ).toEqual([100e6, 512e3, 1e9, 2.5e6, 9600, 10e6]);
  });

  it.each(['', '100', 'fast', '0mbit', '100MB', '-1mbit'])('refuses %j', (text) => {
    expect(() => parseBandwidth(text)).toThrow(UsageError);
  });
});
