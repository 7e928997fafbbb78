// The one access equality: org role and resource roles, whatever their order and the case of their ids.
import { describe, expect, it } from 'vitest';
import { normalizeAccess, sameAccess, type Access } from '../../src/model/access.js';

const APP_A = '5f0000000000000000000a01';
const APP_B = '5f0000000000000000000a02';
const DASH = '5f0000000000000000000d01';

function access(
  role: Access['role'],
  applicationRoles: Access['applicationRoles'] = [],
  dashboardRoles: Access['dashboardRoles'] = [],
): Access {
  return { role, applicationRoles, dashboardRoles };
}

describe('sameAccess', () => {
  it('ignores the order of resource roles and the case of their ids', () => {
    const a = access('view', [
      { resourceId: APP_A, role: 'view' },
      { resourceId: APP_B.toUpperCase(), role: 'collaborate' },
    ]);
    const inOtherOrder = access('view', [
      { resourceId: APP_B, role: 'collaborate' },
      { resourceId: APP_A, role: 'view' },
    ]);
    const inSameOrderOtherCase = access('view', [
      { resourceId: APP_A.toUpperCase(), role: 'view' },
      { resourceId: APP_B, role: 'collaborate' },
    ]);

    expect([sameAccess(a, inOtherOrder), sameAccess(a, inSameOrderOtherCase)]).toEqual([
      true,
      true,
    ]);
  });

  it('tells apart another org role, another resource role, another resource, and the same grant on a dashboard instead of an application', () => {
    const grant = { resourceId: APP_A, role: 'view' } as const;
    const base = access('view', [grant]);

    expect([
      sameAccess(base, access('edit', [grant])),
      sameAccess(base, access('view', [{ resourceId: APP_A, role: 'collaborate' }])),
      sameAccess(base, access('view', [{ resourceId: APP_B, role: 'view' }])),
      sameAccess(base, access('view', [], [grant])),
      sameAccess(access('view', [], [{ resourceId: DASH, role: 'view' }]), access('view')),
      sameAccess(access('none'), access('none')),
    ]).toEqual([false, false, false, false, false, true]);
  });
});

describe('normalizeAccess', () => {
  it('sorts resource roles by id and lower-cases the ids, leaving the input as it was', () => {
    const input = access(
      'collaborate',
      [
        { resourceId: APP_B.toUpperCase(), role: 'view' },
        { resourceId: APP_A, role: 'collaborate' },
      ],
      [{ resourceId: DASH.toUpperCase(), role: 'none' }],
    );
    const before = structuredClone(input);

    expect(normalizeAccess(input)).toEqual(
      access(
        'collaborate',
        [
          { resourceId: APP_A, role: 'collaborate' },
          { resourceId: APP_B, role: 'view' },
        ],
        [{ resourceId: DASH, role: 'none' }],
      ),
    );
    expect(input).toEqual(before);
  });

  it('gives the same order whatever order the grants come in', () => {
    const ids = ['5f0000000000000000000a03', APP_B, APP_A, '5f0000000000000000000a04'];
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ].map((order) =>
      normalizeAccess(
        access(
          'view',
          order.map((i) => ({ resourceId: ids[i] ?? '', role: 'view' as const })),
        ),
      ).applicationRoles.map((g) => g.resourceId),
    );

    const sorted = [...ids].sort();
    expect(orders).toEqual([sorted, sorted, sorted, sorted]);
  });
});
