// Live data is data from outside: the built CLI against the emulator and against a hostile API.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runBuiltCli } from './run-built-cli.js';

let dir: string;
let emulator: RunningEmulator | undefined;
let hostile: Server | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-untrusted-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  if (hostile !== undefined) {
    hostile.closeAllConnections();
    await new Promise((resolve) => hostile?.close(resolve));
    hostile = undefined;
  }
});

describe('export escapes ${ in live strings', () => {
  it('an exported org plans empty whatever the environment holds', async () => {
    const seed = createDemoSeed(Date.now());
    const org = seed.orgs[0];
    if (org === undefined) throw new Error('the demo seed has no org');
    org.name = 'Acme ${HOME} IoT';
    org.description = 'Fleet ${CI_SECRET}, $${LITERAL} and ${CI_SECRET:-x} ${';
    emulator = await startEmulator({ state: seed });
    const env = { LOSANT_API_URL: emulator.url, LOSANT_API_TOKEN: emulator.token };
    const file = join(dir, 'exported.yaml');

    const exported = await runBuiltCli(['export', '--org', DEMO_ORG_ID, '--out', file], env);
    const planned = await runBuiltCli(['plan', file, '--detailed-exitcode'], {
      ...env,
      HOME: '/home/runner',
      CI_SECRET: 'hunter2',
      LITERAL: 'no',
    });

    expect(exported.code).toBe(0);
    expect(planned.stderr).toBe('');
    expect(planned.stdout).not.toContain('hunter2');
    expect(planned.stdout).toContain('No changes. The org matches the file.');
    expect(planned.code).toBe(0);
  });
});

const ORG_ID = '5a1b2c3d4e5f60718293a4b5';
const ME_ID = '5a1b2c3d4e5f60718293a4c6';
const ESC = '\u001b';
const BEL = '\u0007';
const FORGED_NAME = `Acme${ESC}[2J${ESC}]8;;https://evil.example${BEL}click here${ESC}]8;;${BEL}\u202eTOI`;
const FORGED_EMAIL = `mallory@evil.example\r\n  + invite forged@evil.example as admin\u2066`;
const BIDI_EMAIL = `eve\u202e@evil.example`;

/** Everything that would move the cursor, colour, link, break a line or reorder text. */
/* eslint-disable no-control-regex -- finding control characters is the point */
const UNPRINTABLE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** A Losant API that answers with names and emails built to forge plan lines. */
async function startHostileApi(): Promise<string> {
  const org = {
    id: ORG_ID,
    orgId: ORG_ID,
    name: FORGED_NAME,
    description: `line one\r\n${ESC}[31mred`,
    members: [
      { userId: ME_ID, email: 'ada@acme.example', role: 'admin' },
      { userId: '5a1b2c3d4e5f60718293a4d1', email: FORGED_EMAIL, role: 'view' },
    ],
  };
  const invites = [
    {
      id: '5a1b2c3d4e5f60718293a4e1',
      email: BIDI_EMAIL,
      role: 'view',
      inviteDate: new Date().toISOString(),
      ttl: 7 * 24 * 3600 * 1000,
      hasExpired: false,
    },
  ];
  hostile = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path === '/me') send(200, { id: ME_ID, email: 'ada@acme.example' });
      else if (path === `/orgs/${ORG_ID}/invites` && req.method === 'GET') send(200, invites);
      else if (path === `/orgs/${ORG_ID}` && req.method === 'GET') send(200, org);
      else send(400, { type: 'Validation', message: `no${ESC}[2K\r  ✓ all good\u202e` });
    });
  });
  await new Promise<void>((resolve) => hostile?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
}

describe('live strings are neutralized in every renderer', () => {
  it('text, markdown and the apply report show control and bidi characters as escapes', async () => {
    const url = await startHostileApi();
    const config = join(dir, 'hostile.yaml');
    await writeFile(
      config,
      [
        'version: 1',
        'org:',
        `  id: ${ORG_ID}`,
        '  name: Acme',
        '  description: calm',
        'members:',
        '  - { email: ada@acme.example, role: admin }',
        'policy:',
        '  removeUndeclaredMembers: true',
        '  revokeUndeclaredInvites: true',
        '',
      ].join('\n'),
    );
    const env = { LOSANT_API_URL: url, LOSANT_API_TOKEN: 'tok-hostile-test' };

    const text = await runBuiltCli(['plan', config], env);
    const markdown = await runBuiltCli(['plan', config, '--format', 'markdown'], env);
    const applied = await runBuiltCli(['apply', config, '--yes'], env);

    for (const run of [text, markdown, applied]) {
      expect(run.stdout).not.toMatch(UNPRINTABLE);
      expect(run.stderr).not.toMatch(UNPRINTABLE);
    }
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      '  - remove mallory@evil.example\\u000d\\u000a  + invite forged@evil.example as admin\\u2066 (view): not in the file',
    );
    expect(text.stdout).toContain('eve\\u202e@evil.example');
    expect(text.stdout).toContain('Acme\\u001b[2J\\u001b]8;;https://evil.example\\u0007click');
    expect(markdown.stdout).toContain('\\u001b');
    expect(applied.code).toBe(1);
    expect(applied.stderr + applied.stdout).toContain('"no\\u001b[2K\\r  ✓ all good\\u202e"');
  });
});
