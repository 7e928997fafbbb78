// The words the plan is read in: counts, ages, expiry, sources, operations and access changes, each
// function on its own with its edges (0, 1, many, thousands; unset, absent, several files).
import { describe, expect, it } from 'vitest';
import type { Access } from '../../src/model/access.js';
import type { Operation, OrgPlan, Plan } from '../../src/model/plan.js';
import {
  describeAccessChange,
  describeAccessDifference,
  describeMemberEntry,
  grantChanges,
  plural,
} from '../../src/plan/describe-access.js';
import {
  describeAge,
  describeCounts,
  describeExpiring,
  describeOperation,
  describeOrgFiles,
  describeSource,
  formatCount,
  isRefused,
  operationCount,
  totalCounts,
} from '../../src/plan/describe-operation.js';
import { access } from './plan-fixtures.js';
import { emptyPlan, mixedPlan, refusedPlan, twoOrgPlan } from './render-fixtures.js';

const base = { id: 'op1', orgId: 'org', phase: 'modify' as const, reason: 'why', dependsOn: [] };
const source = { file: 'orgs/a.yaml', line: 12, col: 3 };

describe('counts and ages', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [18312, '18,312'],
    [1234567, '1,234,567'],
  ])('formatCount(%i) is %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it('describes counts, and totals them over every org', () => {
    expect(describeCounts({ additions: 1200, changes: 0, removals: 3 })).toBe(
      '1,200 to invite, 0 to change, 3 to remove',
    );
    const plan = twoOrgPlan();
    const [a, b] = plan.orgs as [OrgPlan, OrgPlan];
    const two: Plan = {
      ...plan,
      orgs: [
        { ...a, counts: { additions: 1, changes: 2, removals: 3 } },
        { ...b, counts: { additions: 10, changes: 20, removals: 30 } },
      ],
    };
    expect(totalCounts(two)).toEqual({ additions: 11, changes: 22, removals: 33 });
    expect(totalCounts({ ...plan, orgs: [] })).toEqual({ additions: 0, changes: 0, removals: 0 });
  });

  it('counts operations over every org, and a plan is refused when any org is', () => {
    const mixed = mixedPlan();
    expect(operationCount(mixed)).toBe(mixed.orgs[0]?.operations.length);
    expect(operationCount(mixed)).toBeGreaterThan(1);
    expect(operationCount({ ...mixed, orgs: [...mixed.orgs, ...mixed.orgs] })).toBe(
      2 * operationCount(mixed),
    );
    expect(operationCount(emptyPlan())).toBe(0);
    expect(isRefused(refusedPlan())).toBe(true);
    expect(isRefused(mixedPlan())).toBe(false);
    expect(
      isRefused({ ...refusedPlan(), orgs: [...emptyPlan().orgs, ...refusedPlan().orgs] }),
    ).toBe(true);
  });

  it.each([
    [0, 'invited today'],
    [1, 'invited 1 day ago'],
    [2, 'invited 2 days ago'],
    [1500, 'invited 1,500 days ago'],
  ])('describeAge(%i) is "%s"', (days, text) => {
    expect(describeAge(days)).toBe(text);
  });

  it.each([
    [0, 'expires within a day (2027-01-31)'],
    [1, 'expires in 1 day (2027-01-31)'],
    [5, 'expires in 5 days (2027-01-31)'],
    [1200, 'expires in 1,200 days (2027-01-31)'],
  ])('describeExpiring with %i days left', (daysLeft, text) => {
    expect(describeExpiring({ email: 'a@x.com', expires: '2027-01-31', daysLeft })).toBe(text);
  });
});

describe('sources and files', () => {
  const op: Operation = {
    ...base,
    action: 'removeMember',
    target: { email: 'a@x.com', userId: 'u1' },
    before: access('view'),
    after: null,
    query: { userId: 'u1' },
    source,
  };

  it('names the file in the terminal only for an org of several files, and file:line in markdown', () => {
    expect(describeSource(op, {}, 'file')).toBe('');
    expect(describeSource(op, { files: ['orgs/a.yaml', 'orgs/b.yaml'] }, 'file')).toBe(
      '  [orgs/a.yaml]',
    );
    expect(describeSource(op, {}, 'file:line')).toBe('  [orgs/a.yaml:12]');
    const unsourced: Operation = { ...op };
    delete unsourced.source;
    expect(describeSource(unsourced, { files: ['x', 'y'] }, 'file')).toBe('');
    expect(describeSource(unsourced, {}, 'file:line')).toBe('');
  });

  it('names one file, or all of them', () => {
    expect(describeOrgFiles({ file: 'orgs/a.yaml' })).toBe('orgs/a.yaml');
    expect(describeOrgFiles({ file: 'orgs/a.yaml', files: ['orgs/a.yaml', 'orgs/b.yaml'] })).toBe(
      'orgs/a.yaml, orgs/b.yaml',
    );
  });
});

describe('describeOperation', () => {
  it('a patch: each property before and after, unset where there was none', () => {
    expect(
      describeOperation({
        ...base,
        action: 'patch',
        target: {},
        before: { name: 'Old' },
        after: { name: 'New', description: 'Fleet "A"' },
        body: { name: 'New', description: 'Fleet "A"' },
        patch: [],
      }),
    ).toEqual({
      sign: '~',
      head: 'update org properties',
      details: ['name: "Old" -> "New"', 'description: (unset) -> "Fleet \\"A\\""'],
    });
  });

  it('an invite: its resource roles and disallowTransfer, false included; a re-send is a change', () => {
    const after: Access = access('edit', [['app1', 'view']], [['dash1', 'collaborate']]);
    const invite: Operation = {
      ...base,
      action: 'inviteMember',
      target: { email: 'bob@x.com' },
      before: null,
      after,
      body: { email: 'bob@x.com', ...after, disallowTransfer: false },
      reason: 'not a member yet',
    };
    expect(describeOperation(invite)).toEqual({
      sign: '+',
      head: 'invite bob@x.com as edit: not a member yet',
      details: [
        'application app1: view',
        'dashboard dash1: collaborate',
        'disallowTransfer: false',
      ],
    });
    const plainBody = { ...invite.body };
    delete plainBody.disallowTransfer;
    expect(describeOperation({ ...invite, body: plainBody, resend: true })).toEqual({
      sign: '~',
      head: 'invite bob@x.com as edit: not a member yet',
      details: ['application app1: view', 'dashboard dash1: collaborate'],
    });
  });

  it('a change: each resource role added, removed or changed', () => {
    const before = access(
      'view',
      [
        ['app1', 'view'],
        ['app2', 'collaborate'],
      ],
      [['dash1', 'view']],
    );
    const after = access('view', [
      ['app1', 'collaborate'],
      ['app3', 'view'],
    ]);
    expect(
      describeOperation({
        ...base,
        action: 'modifyMember',
        target: { email: 'dan@x.com', userId: 'u-dan' },
        before,
        after,
        body: { userId: 'u-dan', ...after },
        reason: 'application roles differ',
      }),
    ).toEqual({
      sign: '~',
      head: 'change dan@x.com: application roles differ',
      details: [
        '~ application app1: view -> collaborate',
        '- application app2: collaborate',
        '+ application app3: view',
        '- dashboard dash1: view',
      ],
    });
  });

  it('a removal and a revoke are taken away; a revoke for a re-send is a change', () => {
    expect(
      describeOperation({
        ...base,
        action: 'removeMember',
        target: { email: 'erin@x.com', userId: 'u-erin' },
        before: access('collaborate'),
        after: null,
        query: { userId: 'u-erin' },
        reason: 'not in the file',
      }),
    ).toEqual({ sign: '-', head: 'remove erin@x.com (collaborate): not in the file', details: [] });
    const revoke: Operation = {
      ...base,
      action: 'revokeInvite',
      target: { email: 'zed@x.com', inviteId: 'i-zed' },
      before: access('view'),
      after: null,
      query: { inviteId: 'i-zed' },
      kind: 'undeclared',
      reason: 'not in the file',
    };
    expect(describeOperation(revoke)).toEqual({
      sign: '-',
      head: 'revoke invite i-zed of zed@x.com (view): not in the file',
      details: [],
    });
    expect(describeOperation({ ...revoke, kind: 'resend' }).sign).toBe('~');
    expect(describeOperation({ ...revoke, kind: 'expired' }).sign).toBe('-');
    expect(describeOperation({ ...revoke, kind: 'duplicate' }).sign).toBe('-');
  });
});

describe('access words', () => {
  it('plural', () => {
    expect(plural(0, 'invite')).toBe('0 invites');
    expect(plural(1, 'invite')).toBe('1 invite');
    expect(plural(2, 'invite')).toBe('2 invites');
  });

  it('grantChanges: applications first, each sorted by id, against nobody at all too', () => {
    const a = access(
      'view',
      [
        ['b-app', 'view'],
        ['a-app', 'collaborate'],
      ],
      [['dash', 'view']],
    );
    expect(grantChanges(null, a)).toEqual([
      { kind: 'application', resourceId: 'a-app', after: 'collaborate' },
      { kind: 'application', resourceId: 'b-app', after: 'view' },
      { kind: 'dashboard', resourceId: 'dash', after: 'view' },
    ]);
    expect(grantChanges(a, null)).toEqual([
      { kind: 'application', resourceId: 'a-app', before: 'collaborate' },
      { kind: 'application', resourceId: 'b-app', before: 'view' },
      { kind: 'dashboard', resourceId: 'dash', before: 'view' },
    ]);
    expect(grantChanges(a, a)).toEqual([]);
    expect(grantChanges(null, null)).toEqual([]);
  });

  it('describeAccessChange: the role, then each kind of resource role counted as added, changed, removed', () => {
    const before = access(
      'edit',
      [
        ['a1', 'view'],
        ['a2', 'view'],
      ],
      [['d1', 'view']],
    );
    const after = access('admin', [
      ['a1', 'collaborate'],
      ['a3', 'view'],
      ['a4', 'view'],
    ]);
    expect(describeAccessChange(before, after)).toBe(
      'role edit -> admin; application roles: 2 added, 1 changed, 1 removed; dashboard roles: 1 removed',
    );
    expect(describeAccessChange(access('view'), access('view', [], [['d1', 'collaborate']]))).toBe(
      'dashboard roles: 1 added',
    );
    expect(
      describeAccessChange(
        access('view', [['a1', 'view']]),
        access('view', [['a1', 'collaborate']]),
      ),
    ).toBe('application roles: 1 changed');
    expect(describeAccessChange(access('view'), access('edit'))).toBe('role view -> edit');
    expect(describeAccessChange(access('view'), access('view'))).toBe('no change');
  });

  it('describeAccessDifference: the role or its change, then which kinds of resource roles differ', () => {
    expect(describeAccessDifference(access('view'), access('edit'))).toBe('view -> edit');
    expect(describeAccessDifference(access('edit'), access('edit'))).toBe('edit');
    expect(
      describeAccessDifference(
        access('edit', [['a', 'view']]),
        access('edit', [], [['d', 'view']]),
      ),
    ).toBe('edit; application roles differ; dashboard roles differ');
    expect(describeAccessDifference(access('edit'), access('admin', [], [['d', 'view']]))).toBe(
      'edit -> admin; dashboard roles differ',
    );
  });

  it('describeMemberEntry: one line of the file, resource roles only when there are some', () => {
    expect(describeMemberEntry('a@x.com', access('view'))).toBe('{ email: a@x.com, role: view }');
    expect(
      describeMemberEntry(
        'a@x.com',
        access(
          'edit',
          [
            ['b', 'view'],
            ['a', 'collaborate'],
          ],
          [['d', 'view']],
        ),
      ),
    ).toBe(
      '{ email: a@x.com, role: edit, applications: [{ id: a, role: collaborate }, { id: b, role: view }], dashboards: [{ id: d, role: view }] }',
    );
    expect(describeMemberEntry('a@x.com', access('view', [], [['d', 'view']]))).toBe(
      '{ email: a@x.com, role: view, dashboards: [{ id: d, role: view }] }',
    );
  });
});
