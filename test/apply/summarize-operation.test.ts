// An operation in a few words, as progress lines and the summary say it: every action, and a change
// of resource roles alone.
import { describe, expect, it } from 'vitest';
import { summarizeOperation } from '../../src/apply/apply-report.js';
import type { Operation } from '../../src/model/plan.js';
import { access } from '../plan/plan-fixtures.js';

const base = { id: 'op', orgId: 'org', phase: 'modify' as const, reason: 'why', dependsOn: [] };

describe('summarizeOperation', () => {
  it('says each action with whom and which role', () => {
    const view = access('view');
    const ops: Operation[] = [
      {
        ...base,
        action: 'patch',
        target: {},
        before: {},
        after: {},
        body: { name: 'A', description: 'B' },
        patch: [],
      },
      {
        ...base,
        action: 'inviteMember',
        target: { email: 'a@x.com' },
        before: null,
        after: view,
        body: { email: 'a@x.com', ...view },
      },
      {
        ...base,
        action: 'modifyMember',
        target: { email: 'b@x.com', userId: 'u' },
        before: access('edit'),
        after: access('admin'),
        body: { userId: 'u', ...access('admin') },
      },
      {
        ...base,
        action: 'modifyMember',
        target: { email: 'c@x.com', userId: 'u' },
        before: view,
        after: access('view', [['a1', 'view']]),
        body: { userId: 'u', ...view },
      },
      {
        ...base,
        action: 'removeMember',
        target: { email: 'd@x.com', userId: 'u' },
        before: access('collaborate'),
        after: null,
        query: { userId: 'u' },
      },
      {
        ...base,
        action: 'revokeInvite',
        target: { email: 'e@x.com', inviteId: 'i9' },
        before: view,
        after: null,
        query: { inviteId: 'i9' },
        kind: 'undeclared',
      },
    ];

    expect(ops.map(summarizeOperation)).toEqual([
      'update org properties (name, description)',
      'invite a@x.com (view)',
      'change b@x.com (edit -> admin)',
      'change c@x.com (view, resource roles)',
      'remove d@x.com (collaborate)',
      'revoke invite i9 of e@x.com (view)',
    ]);
  });
});
