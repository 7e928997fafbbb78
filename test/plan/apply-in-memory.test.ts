// The in-memory effect of operations, as the API would leave the org.
import { describe, expect, it } from 'vitest';
import { applyOperationsInMemory } from '../../src/plan/apply-in-memory.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import {
  access,
  declared,
  desiredOrg,
  invite,
  liveOrg,
  member,
  NOW,
  ORG_ID,
} from './plan-fixtures.js';

describe('applyOperationsInMemory', () => {
  it('patches, invites, modifies, revokes and removes, reporting every state', () => {
    const live = liveOrg({
      properties: { name: 'Old' },
      members: [
        member('u-a', 'alice@x.com', 'admin'),
        member('u-b', 'bob@x.com', 'view'),
        member('u-c', 'cy@x.com', 'view'),
      ],
      invites: [invite('i-1', 'dee@x.com', 'view')],
    });
    const desired = desiredOrg(
      [
        declared('alice@x.com', 'admin'),
        declared('bob@x.com', access('edit', [['app1', 'view']])),
        declared('eve@x.com', 'view'),
      ],
      {},
      { name: 'New' },
    );
    const plan = buildPlan({ desired, live, now: NOW });
    const seen: string[] = [];

    const after = applyOperationsInMemory(live, plan.operations, {
      now: NOW,
      onState: (state, op) =>
        seen.push(`${op.action} ${state.members.length} ${state.invites.length}`),
    });

    expect(seen).toEqual([
      'patch 3 1',
      'inviteMember 3 2',
      'modifyMember 3 2',
      'revokeInvite 3 1',
      'removeMember 2 1',
    ]);
    expect(after).toEqual({
      id: ORG_ID,
      name: 'Acme IoT',
      properties: { name: 'New' },
      members: [
        member('u-a', 'alice@x.com', 'admin'),
        member('u-b', 'bob@x.com', access('edit', [['app1', 'view']])),
      ],
      invites: [
        {
          id: `invite-${ORG_ID}:2`,
          email: 'eve@x.com',
          access: access('view'),
          inviteDate: new Date(NOW).toISOString(),
          ttl: 7 * 24 * 60 * 60 * 1000,
          hasExpired: false,
          disallowTransfer: false,
        },
      ],
    });
    expect(live.members.length).toBe(3);
  });
});
