// An invite is never sent twice, shown with the built CLI against the emulator: a 429 answered after
// the invite was made, and a second apply that sends the invites while the first is still running.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forwardRequest } from './forward-request.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { emailKey } from '../../src/model/access.js';
import { runBuiltCli, ROOT } from '../cli/run-built-cli.js';

let dir: string;
let emulator: RunningEmulator | undefined;
let proxy: Server | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-invites-once-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  if (proxy !== undefined) {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    proxy = undefined;
  }
  await emulator?.close();
  emulator = undefined;
});

async function invitePostsPerEmail(e: RunningEmulator): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entry of await e.control.log()) {
    if (entry.action !== 'org.inviteMember') continue;
    const email = emailKey((entry.body as { email: string }).email);
    counts[email] = (counts[email] ?? 0) + 1;
  }
  return counts;
}

async function pendingInvitesPerEmail(e: RunningEmulator): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const invite of (await e.control.state()).orgs[0]?.invites ?? []) {
    counts[emailKey(invite.email)] = (counts[emailKey(invite.email)] ?? 0) + 1;
  }
  return counts;
}

/**
 * A proxy in front of the emulator that holds the first PATCH of the org itself (the plan's first
 * phase) until `release` is called: the apply behind it has planned, and waits before its invites.
 */
async function startPatchHoldingProxy(
  target: string,
): Promise<{ url: string; held: Promise<void>; release: () => void }> {
  const upstream = new URL(target);
  let holding = false;
  let onHeld: () => void = () => undefined;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = (): void => forwardRequest(upstream, req, Buffer.concat(chunks), res);
      const path = new URL(req.url ?? '/', 'http://proxy.invalid').pathname;
      if (!holding && req.method === 'PATCH' && path === `/orgs/${DEMO_ORG_ID}`) {
        holding = true;
        onHeld();
        void released.then(forward);
      } else {
        forward();
      }
    });
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, held, release };
}

describe('invites are never sent twice (built CLI)', () => {
  it('a 429 answered after the invite was made is settled by reading back, not by a second POST', async () => {
    emulator = await startEmulator();
    const env = { LOSANT_API_URL: emulator.url, LOSANT_API_TOKEN: emulator.token };
    await emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'status', status: 429, count: 2 },
    ]);

    const applied = await runBuiltCli(['apply', 'examples/small-team.yaml', '--yes'], env);
    const again = await runBuiltCli(
      ['plan', 'examples/small-team.yaml', '--detailed-exitcode'],
      env,
    );

    expect(applied.code).toBe(0);
    expect(await invitePostsPerEmail(emulator)).toEqual({
      'barbara@acme-iot.example': 1,
      'hedy@acme-iot.example': 1,
    });
    expect(applied.stdout.split('\n').filter((line) => line.includes('answered 429'))).toEqual([
      '  ✓ invite barbara@acme-iot.example (collaborate): the API answered 429 and a read-back shows it was made all the same',
      '  ✓ invite hedy@acme-iot.example (view): the API answered 429 and a read-back shows it was made all the same',
    ]);
    expect(again.code).toBe(0);
    expect(await pendingInvitesPerEmail(emulator)).toEqual({
      'barbara@acme-iot.example': 1,
      'dennis@acme-iot.example': 1,
      'hedy@acme-iot.example': 1,
    });
  });

  it('a second apply that sends the invites while the first is still running: each invite is sent once', async () => {
    // Arrange: a file that also patches the org, so that the first apply has a phase before its invites.
    const file = join(dir, 'team.yaml');
    const text = await readFile(join(ROOT, 'examples/small-team.yaml'), 'utf8');
    await writeFile(
      file,
      text.replace('description: Production fleet', 'description: Production fleet (managed)'),
    );
    emulator = await startEmulator();
    const held = await startPatchHoldingProxy(emulator.url);

    // Act: the first apply plans, then waits in its patch; the second applies everything meanwhile.
    const first = runBuiltCli(['apply', file, '--yes'], {
      LOSANT_API_URL: held.url,
      LOSANT_API_TOKEN: emulator.token,
    });
    await held.held;
    const second = await runBuiltCli(['apply', file, '--yes'], {
      LOSANT_API_URL: emulator.url,
      LOSANT_API_TOKEN: emulator.token,
    });
    held.release();
    const firstDone = await first;

    // Assert: the first apply read the invites again before sending, and sent none of them.
    expect([second.code, firstDone.code]).toEqual([0, 0]);
    expect(await invitePostsPerEmail(emulator)).toEqual({
      'barbara@acme-iot.example': 1,
      'hedy@acme-iot.example': 1,
    });
    expect(firstDone.stdout.split('\n').filter((line) => line.includes('not sent again'))).toEqual([
      '  ✓ invite barbara@acme-iot.example (collaborate): already invited when the invites were sent (another run?): not sent again',
      '  ✓ invite hedy@acme-iot.example (view): already invited when the invites were sent (another run?): not sent again',
    ]);
    expect(await pendingInvitesPerEmail(emulator)).toEqual({
      'barbara@acme-iot.example': 1,
      'dennis@acme-iot.example': 1,
      'hedy@acme-iot.example': 1,
    });
  });
});
