// Fidelity to Losant's API description, end to end: the built CLI's plan and apply with tokens of the
// `.bounded` and `only.*` scopes, and `losant-org emulator` as a process for what no command calls
// (count ranges, the expire control, transferResources, summaryInclude/summaryExclude).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICATION_IDS, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import { startEmulator } from '../../src/emulator/server.js';
import { BUILT_CLI } from '../built.js';
import { runBuiltCli } from '../cli/run-built-cli.js';

const OTHER_ORG = '6650f0c1a2b3c4d5e6f70802';
const APP = DEMO_APPLICATION_IDS[0];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-fidelity-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `losant-org emulator --state FILE` as a process; resolves once it printed its URL and token. */
async function emulatorProcess(
  state: string,
): Promise<{ url: string; token: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BUILT_CLI, 'emulator', '--port', '0', '--state', state]);
  const exited = new Promise<void>((done) => child.on('close', () => done()));
  const vars = await new Promise<Record<string, string>>((done, fail) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const lines = stdout.split('\n').filter((l) => l.includes('='));
      if (lines.length >= 3) {
        done(
          Object.fromEntries(
            lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
          ),
        );
      }
    });
    void exited.then(() => fail(new Error(`the emulator exited early: ${stderr}`)));
  });
  return {
    url: vars['LOSANT_API_URL'] ?? '',
    token: vars['LOSANT_API_TOKEN'] ?? '',
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const STATE = [
  'users:',
  `  - { id: ${DEMO_USER_ID}, email: ada@acme.example }`,
  '  - { id: 6650f0c1a2b3c4d5e6f70a02, email: grace@acme.example }',
  'tokens:',
  `  - { token: admin-token, userId: ${DEMO_USER_ID}, scopes: [all.User] }`,
  'orgs:',
  `  - id: ${DEMO_ORG_ID}`,
  '    name: Acme',
  `    applications: [${APP}]`,
  `    members: [{ userId: ${DEMO_USER_ID}, role: admin }, { userId: 6650f0c1a2b3c4d5e6f70a02, role: view }]`,
  '    invites:',
  "      - { id: 6650f0c1a2b3c4d5e6f70d01, email: old@acme.example, role: view, inviteDate: '2020-01-01T00:00:00.000Z' }",
  `  - { id: ${OTHER_ORG}, name: Other, members: [{ userId: ${DEMO_USER_ID}, role: admin }] }`,
  '',
].join('\n');

describe("the emulator as Losant's API description says (process)", () => {
  it('accepts the seed example range for the count actions, however long', async () => {
    const file = join(dir, 'range.yaml');
    await writeFile(file, STATE);
    const e = await emulatorProcess(file);
    try {
      const auth = { authorization: `Bearer ${e.token}` };
      for (const action of ['deviceCounts', 'notebookMinuteCounts', 'payloadCounts']) {
        const response = await fetch(
          `${e.url}/orgs/${DEMO_ORG_ID}/${action}?start=0&end=1465790400000`,
          { headers: auth },
        );
        expect([action, response.status]).toEqual([action, 200]);
      }
    } finally {
      await e.stop();
    }
  });

  it('POST /_emulator/invites/expire leaves an invite that had already expired with its date', async () => {
    const file = join(dir, 'expire.yaml');
    await writeFile(file, STATE);
    const e = await emulatorProcess(file);
    try {
      const expire = await fetch(`${e.url}/_emulator/invites/expire`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const state = (await (await fetch(`${e.url}/_emulator/state`)).json()) as {
        orgs: { invites?: { inviteDate: string }[] }[];
      };
      expect(expire.status).toBe(200);
      expect(state.orgs[0]?.invites?.[0]?.inviteDate).toBe('2020-01-01T00:00:00.000Z');
    } finally {
      await e.stop();
    }
  });

  it('transferResources checks that the resources exist in the source org, then moves them', async () => {
    const file = join(dir, 'transfer.yaml');
    await writeFile(file, STATE);
    const e = await emulatorProcess(file);
    try {
      const transfer = (from: string, applicationIds: string[]): Promise<Response> =>
        fetch(`${e.url}/orgs/${from}/transferResources`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${e.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            destinationId: OTHER_ORG,
            destinationType: 'organization',
            applicationIds,
          }),
        });
      const unknown = await transfer(DEMO_ORG_ID, ['6650f0c1a2b3c4d5e6f70bff']);
      const moved = await transfer(DEMO_ORG_ID, [APP]);
      const again = await transfer(DEMO_ORG_ID, [APP]);
      const back = await transfer(OTHER_ORG, [APP]);

      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { message: string }).message).toContain(
        'application 6650f0c1a2b3c4d5e6f70bff',
      );
      expect([moved.status, again.status]).toEqual([200, 400]);
      // Other -> Other: back is a transfer to the org itself, allowed since Other now owns it.
      expect(back.status).toBe(200);
    } finally {
      await e.stop();
    }
  });

  it('honours summaryInclude and summaryExclude on the org as the API description defines them', async () => {
    const file = join(dir, 'summary.yaml');
    await writeFile(file, STATE);
    const e = await emulatorProcess(file);
    try {
      const summary = async (query: string): Promise<string[]> => {
        const response = await fetch(`${e.url}/orgs/${DEMO_ORG_ID}?${query}`, {
          headers: { authorization: `Bearer ${e.token}` },
        });
        const org = (await response.json()) as { summary: Record<string, unknown> };
        return Object.keys(org.summary).sort();
      };
      expect(await summary('summaryInclude=memberCount,pendingInviteCount')).toEqual([
        'memberCount',
        'pendingInviteCount',
      ]);
      expect(await summary('summaryExclude=memberCount')).not.toContain('memberCount');
      expect(await summary('summaryExclude=memberCount')).toContain('pendingInviteCount');
      expect(await summary('summaryInclude=memberCount,appCount&summaryExclude=appCount')).toEqual([
        'memberCount',
      ]);
    } finally {
      await e.stop();
    }
  });
});

describe('the .bounded and only.* scopes through the built CLI', () => {
  it('plan runs with only.Organization.read and only.User.read; apply with a .bounded token is refused for invites, naming the scopes that would do', async () => {
    const emulator = await startEmulator();
    try {
      await emulator.control.addToken({
        token: 'read-only',
        userId: DEMO_USER_ID,
        scopes: ['only.Organization.read', 'only.User.read'],
      });
      await emulator.control.addToken({
        token: 'bounded',
        userId: DEMO_USER_ID,
        scopes: ['all.Organization.bounded', 'all.User.read'],
      });
      const env = (token: string): Record<string, string> => ({
        LOSANT_API_URL: emulator.url,
        LOSANT_API_TOKEN: token,
      });

      const planned = await runBuiltCli(['plan', 'examples/small-team.yaml'], env('read-only'));
      const applied = await runBuiltCli(
        ['apply', 'examples/small-team.yaml', '--yes'],
        env('bounded'),
      );

      expect(planned.code).toBe(0);
      expect(planned.stdout).toContain('Plan: 1 to invite, 2 to change, 1 to remove.');
      expect(planned.stderr).not.toContain('GET /me');
      expect(applied.code).toBe(1);
      expect(applied.stdout + applied.stderr).toMatch(
        /give it one of the scopes org\.revokeInvite, org\.\*, all\.Organization, all\.User, only\.Organization\b/,
      );
      const writes = (await emulator.control.log()).filter((l) => l.method !== 'GET');
      expect(writes.every((w) => w.status === 403)).toBe(true);
    } finally {
      await emulator.close();
    }
  });

  it('a .bounded token may change the org properties (org.patch)', async () => {
    const emulator = await startEmulator();
    try {
      await emulator.control.addToken({
        token: 'bounded',
        userId: DEMO_USER_ID,
        scopes: ['only.Organization.bounded', 'only.User.read'],
      });
      const file = join(dir, 'props.yaml');
      await writeFile(
        file,
        `version: 1\norg: { id: ${DEMO_ORG_ID}, description: Renamed fleet }\n`,
      );

      const applied = await runBuiltCli(['apply', file, '--yes'], {
        LOSANT_API_URL: emulator.url,
        LOSANT_API_TOKEN: 'bounded',
      });

      expect(applied.code, applied.stderr).toBe(0);
      expect((await emulator.control.state()).orgs[0]?.description).toBe('Renamed fleet');
    } finally {
      await emulator.close();
    }
  });
});
