// An operation in a few words, as progress lines and the summary say it: every action, and a change
// of resource roles alone.
import { describe, expect, it } from 'vitest';
import { summarizeOperation } from '../../src/apply/apply-report.js';
import type { Operation } from '../../src/model/plan.js';
import { access, handMade } from '../plan/plan-fixtures.js';

describe('summarizeOperation', () => {
  it('says each action with whom and which role', () => {
    const view = access('view');
    const ops: Operation[] = [
      handMade.patch({ name: 'A', description: 'B' }),
      handMade.invite('a@x.com', view),
      handMade.modify('u', 'b@x.com', access('edit'), access('admin')),
      handMade.modify('u', 'c@x.com', view, access('view', [['a1', 'view']])),
      handMade.remove('u', 'd@x.com', access('collaborate')),
      handMade.revoke('i9', 'e@x.com', view),
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
