// The one admin-loss rule: what each operation does to the number of admins.
import { describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/model/access.js';
import { adminDelta, takesAdminAway } from '../../src/model/admin-change.js';
import type { Operation } from '../../src/model/plan.js';

const access = (role: OrgRole) => ({ role, applicationRoles: [], dashboardRoles: [] });
const base = { id: 'o:1', orgId: 'o', reason: '', dependsOn: [] };
const target = { email: 'a@x.example', userId: 'u1' };

function modify(before: OrgRole, after: OrgRole): Operation {
  return {
    ...base,
    phase: 'modify',
    action: 'modifyMember',
    target,
    before: access(before),
    after: access(after),
    body: { userId: 'u1', ...access(after) },
  };
}

function remove(before: OrgRole): Operation {
  return {
    ...base,
    phase: 'remove',
    action: 'removeMember',
    target,
    before: access(before),
    after: null,
    query: { userId: 'u1' },
  };
}

function invite(role: OrgRole): Operation {
  return {
    ...base,
    phase: 'invite',
    action: 'inviteMember',
    target: { email: 'a@x.example' },
    before: null,
    after: access(role),
    body: { email: 'a@x.example', ...access(role) },
  };
}

describe('adminDelta and takesAdminAway', () => {
  it.each([
    ['demoting an admin', modify('admin', 'edit'), -1, true],
    ['demoting an admin to none', modify('admin', 'none'), -1, true],
    ['promoting to admin', modify('view', 'admin'), 1, false],
    ['an admin stays admin (resource roles change)', modify('admin', 'admin'), 0, false],
    ['a non-admin change', modify('edit', 'view'), 0, false],
    ['removing an admin', remove('admin'), -1, true],
    ['removing a non-admin', remove('edit'), 0, false],
    ['inviting an admin (not an admin until accepted)', invite('admin'), 0, false],
  ])('%s', (_name, op, delta, takes) => {
    expect(adminDelta(op)).toBe(delta);
    expect(takesAdminAway(op)).toBe(takes);
  });
});
