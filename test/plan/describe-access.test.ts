// Which resource roles differ between two accesses: applications before dashboards, each by id; an
// added role has no `before` key at all, a removed one no `after`.
import { describe, expect, it } from 'vitest';
import { grantChanges } from '../../src/plan/describe-access.js';
import { access } from './plan-fixtures.js';

describe('grantChanges', () => {
  it('lists the ids of both sides in one order, sorted, whichever side has them', () => {
    const before = access(
      'view',
      [
        ['app3', 'view'],
        ['app2', 'collaborate'],
      ],
      [['dash2', 'view']],
    );
    const after = access(
      'view',
      [
        ['app1', 'view'],
        ['app2', 'collaborate'],
      ],
      [['dash1', 'view']],
    );

    expect(grantChanges(before, after)).toStrictEqual([
      { kind: 'application', resourceId: 'app1', after: 'view' },
      { kind: 'application', resourceId: 'app3', before: 'view' },
      { kind: 'dashboard', resourceId: 'dash1', after: 'view' },
      { kind: 'dashboard', resourceId: 'dash2', before: 'view' },
    ]);
  });
});
