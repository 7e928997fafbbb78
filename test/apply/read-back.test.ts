// Whether a write shows in the org read back: each action's test on its own, with the edges that
// decide a lost answer (case of ids and emails, expired and revoked invites, disallowTransfer), and
// which read each action makes.
import { afterEach, describe, expect, it } from 'vitest';
import { isInEffect, isOperationInEffect, revokedInviteIds } from '../../src/apply/read-back.js';
import type { LiveOrg } from '../../src/model/live-org.js';
import type { Operation } from '../../src/model/plan.js';
import { access, handMade, invite, liveOrg, member } from '../plan/plan-fixtures.js';
import { everyActionDesired, planLive, startApplyEnv, type ApplyEnv } from './apply-fixtures.js';

const none = { revokedInviteIds: new Set<string>() };

const patch = (body: Record<string, string>): Operation => handMade.patch(body);
const inviteOp = (email: string, role: 'view' | 'edit', disallowTransfer?: boolean): Operation =>
  handMade.invite(email, access(role), disallowTransfer);
const modify = (userId: string, role: 'view' | 'edit'): Operation =>
  handMade.modify(userId, 'x@x.com', access('admin'), access(role));
const remove = (userId: string): Operation => handMade.remove(userId, 'x@x.com', access('view'));
const revoke = (inviteId: string): Operation =>
  handMade.revoke(inviteId, 'x@x.com', access('view'));

const live: LiveOrg = liveOrg({
  properties: { name: 'Acme', description: 'Fleet' },
  members: [member('AB01', 'ann@x.com', 'edit'), member('cd02', 'cy@x.com', 'view')],
  invites: [
    invite('EF03', 'Dee@X.com', 'view'),
    invite('ef04', 'old@x.com', 'view', { daysAgo: 30 }),
    invite('ef05', 'moved@x.com', 'edit', { disallowTransfer: true }),
  ],
});

describe('isInEffect', () => {
  it.each([
    ['every property as sent', patch({ name: 'Acme', description: 'Fleet' }), true],
    ['one property as sent', patch({ description: 'Fleet' }), true],
    ['one of two properties not as sent', patch({ name: 'Acme', description: 'Other' }), false],
    [
      'the first of two properties not as sent',
      patch({ name: 'Other', description: 'Fleet' }),
      false,
    ],
  ])('a patch: %s', (_name, op, expected) => {
    expect(isInEffect(live, op, none)).toBe(expected);
  });

  it.each([
    [
      'a pending invite of that email, whatever its case, with that access',
      inviteOp('dee@x.com', 'view'),
      true,
    ],
    ['an invite with another role', inviteOp('dee@x.com', 'edit'), false],
    ['no invite of that email', inviteOp('zed@x.com', 'view'), false],
    ['only an expired invite', inviteOp('old@x.com', 'view'), false],
    ['disallowTransfer as sent', inviteOp('moved@x.com', 'edit', true), true],
    ['disallowTransfer not as sent', inviteOp('moved@x.com', 'edit', false), false],
    ['disallowTransfer false, read as absent', inviteOp('dee@x.com', 'view', false), true],
    ['disallowTransfer true, read as absent', inviteOp('dee@x.com', 'view', true), false],
    ['disallowTransfer not sent, whatever the invite has', inviteOp('moved@x.com', 'edit'), true],
  ])('an invite: %s', (_name, op, expected) => {
    expect(isInEffect(live, op, none)).toBe(expected);
  });

  it('an invite the plan revokes (ids in any case) is never the one apply sent', () => {
    const op = inviteOp('dee@x.com', 'view');

    expect(isInEffect(live, op, { revokedInviteIds: new Set(['ef03']) })).toBe(false);
    expect(isInEffect(live, op, { revokedInviteIds: new Set(['ef04']) })).toBe(true);
  });

  it.each([
    ['the member (id in another case) with that access', modify('ab01', 'edit'), true],
    ['the member with another access', modify('ab01', 'view'), false],
    ['no such member', modify('zz99', 'edit'), false],
  ])('a change: %s', (_name, op, expected) => {
    expect(isInEffect(live, op, none)).toBe(expected);
  });

  it.each([
    ['gone', remove('zz99'), true],
    ['still there, id in another case', remove('ab01'), false],
    ['still there, the second member', remove('CD02'), false],
  ])('a removal: the member %s', (_name, op, expected) => {
    expect(isInEffect(live, op, none)).toBe(expected);
  });

  it.each([
    ['gone', revoke('zz99'), true],
    ['still there, id in another case', revoke('ef03'), false],
    ['still there, the last invite', revoke('EF05'), false],
  ])('a revoke: the invite %s', (_name, op, expected) => {
    expect(isInEffect(live, op, none)).toBe(expected);
  });
});

describe('revokedInviteIds', () => {
  it("the ids of the plan's revokes, lower-cased, and nothing else", () => {
    expect([
      ...revokedInviteIds([
        revoke('EF03'),
        remove('ab01'),
        revoke('ef05'),
        inviteOp('a@x.com', 'view'),
      ]),
    ]).toEqual(['ef03', 'ef05']);
    expect(revokedInviteIds([]).size).toBe(0);
  });
});

describe('isOperationInEffect', () => {
  let env: ApplyEnv | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('reads the pending invites for invites and revokes, the org for the rest, and nothing else', async () => {
    env = await startApplyEnv();
    const { plan } = await planLive(env, await everyActionDesired());
    const ops = plan.orgs[0]?.operations ?? [];
    const reads: Record<string, string[]> = {};
    const results: Record<string, boolean> = {};

    for (const op of ops) {
      await env.emulator.control.clearLog();
      results[op.id] = await isOperationInEffect(env.client, op, {
        revokedInviteIds: revokedInviteIds(ops),
      });
      reads[op.action] = (await env.emulator.control.log()).map((entry) => String(entry.action));
    }

    expect(reads).toEqual({
      patch: ['org.get'],
      inviteMember: ['org.pendingInvites'],
      modifyMember: ['org.get'],
      revokeInvite: ['org.pendingInvites'],
      removeMember: ['org.get'],
    });
    // Nothing applied yet: no operation shows.
    expect(Object.values(results).every((inEffect) => !inEffect)).toBe(true);
  });
});
