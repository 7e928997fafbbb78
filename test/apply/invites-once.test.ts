// An invite is never sent twice: a 429 after the invite was made, a POST the server finishes after
// the client gave up, and another apply that sent the invites between this one's plan and its writes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardRequest } from './forward-request.js';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { AdaptiveLimiter } from '../../src/apply/limiter.js';
import type { ApplyReport } from '../../src/apply/apply-report.js';
import type { Plan } from '../../src/model/plan.js';
import { createLosantClient } from '../../src/losant/client.js';
import { emailKey } from '../../src/model/access.js';
import {
  EVERY_ACTION_DONE,
  everyActionDesired,
  expectNoDuplicateInvites,
  fastApplyOptions,
  planAndApply,
  planLive,
  resultFor,
  startApplyEnv,
  statuses,
  type ApplyEnv,
  FAST_RETRY,
} from './apply-fixtures.js';

let env: ApplyEnv | undefined;
let proxy: Server | undefined;
/** Settles when the held invite has reached the emulator and been answered. */
let heldLanded: Promise<void> = Promise.resolve();

afterEach(async () => {
  if (proxy !== undefined) {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    proxy = undefined;
  }
  await env?.close();
  env = undefined;
});

async function invitePostsPerEmail(e: ApplyEnv): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entry of await e.emulator.control.log()) {
    if (entry.action !== 'org.inviteMember') continue;
    const email = emailKey((entry.body as { email: string }).email);
    counts[email] = (counts[email] ?? 0) + 1;
  }
  return counts;
}

/**
 * A proxy in front of the emulator that holds the first invite POST for `holdMs` before passing it
 * on: the server finishes the invite long after the client gave up on it.
 */
async function startSlowInviteProxy(target: string, holdMs: number): Promise<string> {
  const upstream = new URL(target);
  let held = false;
  let landed: () => void = () => undefined;
  heldLanded = new Promise((resolve) => (landed = resolve));
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = (onAnswer?: () => void): void =>
        forwardRequest(upstream, req, Buffer.concat(chunks), res, onAnswer);
      const isInvite = req.method === 'POST' && (req.url ?? '').includes('/invites');
      if (isInvite && !held) {
        held = true;
        setTimeout(() => forward(landed), holdMs);
      } else {
        forward();
      }
    });
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

/**
 * A proxy in front of the emulator that holds the org's PATCH until `release` says so, seeing each
 * request as it comes; what else it sees is passed on at once.
 */
async function startPatchHoldingProxy(
  target: string,
  release: (releasePatch: () => void, seen: { method: string; url: string }) => void,
): Promise<string> {
  const upstream = new URL(target);
  const heldPatches: (() => void)[] = [];
  const releaseAll = (): void => {
    for (const forward of heldPatches.splice(0)) forward();
  };
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = (): void => forwardRequest(upstream, req, Buffer.concat(chunks), res);
      const url = req.url ?? '';
      const isOrgPatch =
        req.method === 'PATCH' &&
        /^\/orgs\/\w+$/.test(new URL(url, 'http://proxy.invalid').pathname);
      if (isOrgPatch) heldPatches.push(forward);
      else forward();
      release(releaseAll, { method: req.method ?? '', url });
    });
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

async function applyThrough(e: ApplyEnv, url: string, plan: Plan): Promise<ApplyReport> {
  const client = createLosantClient({ apiUrl: url, token: e.emulator.token });
  try {
    return await applyPlan(plan, client, { limiter: new AdaptiveLimiter({ max: 8 }) });
  } finally {
    await client.close();
  }
}

/** The calls that read the pending invites, patch the org or send an invite, in the order they came. */
async function inviteRelatedCalls(e: ApplyEnv): Promise<string[]> {
  const kinds = new Set(['org.pendingInvites', 'org.patch', 'org.inviteMember']);
  return (await e.emulator.control.log())
    .map((entry) => entry.action ?? '')
    .filter((action) => kinds.has(action));
}

describe('the pending invites read again before the invites', () => {
  it('are read alongside the org patch, and that read is used when the patch took no longer', async () => {
    env = await startApplyEnv({ latencyMs: 40 });
    const desired = await everyActionDesired();
    const { plan } = await planLive(env, desired);
    await env.emulator.control.clearLog();
    let readSeen = false;
    let patchReleased = false;
    let readBeforePatchReleased = false;
    let fallback: NodeJS.Timeout | undefined;
    // The patch goes on once the invites are being read, or after 2 s so that a read made only after
    // the patch fails the test instead of hanging it.
    const url = await startPatchHoldingProxy(env.emulator.url, (releasePatch, seen) => {
      const release = (): void => {
        patchReleased = true;
        releasePatch();
      };
      if (seen.method === 'GET' && seen.url.includes('/invites')) {
        readSeen = true;
        readBeforePatchReleased ||= !patchReleased;
        release();
      }
      if (seen.method === 'PATCH') {
        if (readSeen) release();
        else fallback = setTimeout(release, 2000);
      }
    });
    try {
      const report = await applyThrough(env, url, plan);
      expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    } finally {
      clearTimeout(fallback);
    }

    expect(readBeforePatchReleased).toBe(true);
    expect(await inviteRelatedCalls(env)).toEqual([
      'org.pendingInvites',
      'org.patch',
      'org.inviteMember',
      'org.inviteMember',
    ]);
  });

  it('are read once more when the patch took longer than that read', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const { plan } = await planLive(env, desired);
    await env.emulator.control.clearLog();
    const url = await startPatchHoldingProxy(env.emulator.url, (releasePatch, seen) => {
      if (seen.method === 'PATCH') setTimeout(releasePatch, 300);
    });

    const report = await applyThrough(env, url, plan);

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    expect(await inviteRelatedCalls(env)).toEqual([
      'org.pendingInvites',
      'org.patch',
      'org.pendingInvites',
      'org.inviteMember',
      'org.inviteMember',
    ]);
    await expectNoDuplicateInvites(env);
  });
});

describe('invites are never sent twice', () => {
  it('a 429 answered after the invite was made is settled by reading back, not by a second POST', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const { plan } = await planLive(env, desired);
    await env.emulator.control.clearLog();
    await env.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'status', status: 429, count: 2 },
    ]);

    const report = await applyPlan(plan, env.client, fastApplyOptions(env));

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    expect(await invitePostsPerEmail(env)).toEqual({
      'barbara@acme-iot.example': 1,
      'hedy@acme-iot.example': 1,
    });
    expect(resultFor(report, 'inviteMember').map((r) => r.note)).toEqual([
      'the API answered 429 and a read-back shows it was made all the same',
      'the API answered 429 and a read-back shows it was made all the same',
    ]);
    await expectNoDuplicateInvites(env);
  });

  it('a POST the server finishes after the timeout and the first read-back is not sent again', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const { plan } = await planLive(env, desired);
    await env.emulator.control.clearLog();
    const url = await startSlowInviteProxy(env.emulator.url, 1500);
    const client = createLosantClient({
      apiUrl: url,
      token: env.emulator.token,
      requestTimeoutMs: 100,
      retry: FAST_RETRY,
    });
    try {
      const report = await applyPlan(plan, client, {
        limiter: new AdaptiveLimiter({ max: 8 }),
        settleDelayMs: 0,
        resendWaitMs: 2500,
      });

      expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    } finally {
      await client.close();
    }
    await heldLanded;
    expect(await invitePostsPerEmail(env)).toEqual({
      'barbara@acme-iot.example': 1,
      'hedy@acme-iot.example': 1,
    });
    await expectNoDuplicateInvites(env);
  });

  it('invites another apply sent after this plan was made are not sent again', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const { plan } = await planLive(env, desired);
    await planAndApply(env, desired);
    await env.emulator.control.clearLog();

    // As the CLI runs it: with an interrupt signal, here one that never fires.
    const report = await applyPlan(
      plan,
      env.client,
      fastApplyOptions(env, { signal: new AbortController().signal }),
    );

    expect(await invitePostsPerEmail(env)).toEqual({});
    expect(resultFor(report, 'revokeInvite').map((r) => `${r.status}: ${r.note ?? ''}`)).toEqual([
      'done: the API answered 404 and a read-back confirms it is already done',
    ]);
    expect(resultFor(report, 'inviteMember').map((r) => `${r.status}: ${r.note ?? ''}`)).toEqual([
      'done: already invited when the invites were sent (another run?): not sent again',
      'done: already invited when the invites were sent (another run?): not sent again',
    ]);
    await expectNoDuplicateInvites(env);
  });
});
