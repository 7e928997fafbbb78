// Bugs that every earlier test let through (issue 17): each one is caught here.
import { describe, expect, it } from 'vitest';
import { compileEmailPatterns, matchesEmailPattern } from '../../src/model/email-pattern.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { fingerprintLiveOrg } from '../../src/plan/fingerprint.js';
import {
  access,
  declared,
  desiredOrg,
  invite,
  liveOrg,
  member,
  NOW,
  ORG_ID,
  project,
} from './plan-fixtures.js';

const alice = member('u-a', 'alice@x.com', 'admin');
const aliceDeclared = declared('alice@x.com', 'admin');

describe('a pending invite whose resource roles differ from the file is sent again', () => {
  it.each([
    [
      'application roles',
      access('view', [['app1', 'view']]),
      access('view', [['app1', 'collaborate']]),
    ],
    ['an application role more', access('view'), access('view', [['app1', 'view']])],
    [
      'dashboard roles',
      access('view', [], [['dash1', 'view']]),
      access('view', [], [['dash1', 'collaborate']]),
    ],
    ['a dashboard role less', access('view', [], [['dash1', 'view']]), access('view')],
  ])('%s', (_what, invited, inFile) => {
    const plan = buildPlan({
      live: liveOrg({ members: [alice], invites: [invite('i-gus', 'gus@x.com', invited)] }),
      desired: desiredOrg([aliceDeclared, declared('gus@x.com', inFile)]),
      now: NOW,
    });
    expect(plan.operations.map(project)).toEqual([
      'revokeInvite gus@x.com i-gus resend',
      `inviteMember gus@x.com view resend after ${ORG_ID}:1`,
    ]);
    expect(plan.awaiting).toEqual([]);
  });

  it('the same resource roles in another order and id case: kept, awaiting', () => {
    const plan = buildPlan({
      live: liveOrg({
        members: [alice],
        invites: [
          invite(
            'i-gus',
            'gus@x.com',
            access('view', [
              ['APP2', 'view'],
              ['app1', 'collaborate'],
            ]),
          ),
        ],
      }),
      desired: desiredOrg([
        aliceDeclared,
        declared(
          'gus@x.com',
          access('view', [
            ['app1', 'collaborate'],
            ['app2', 'view'],
          ]),
        ),
      ]),
      now: NOW,
    });
    expect(plan.operations).toEqual([]);
    expect(plan.awaiting.map((a) => a.inviteId)).toEqual(['i-gus']);
  });
});

describe("a change of someone's resource roles makes a saved plan stale", () => {
  const base = liveOrg({
    members: [alice, member('u-b', 'bob@x.com', access('view', [['app1', 'view']]))],
    invites: [invite('i-1', 'cy@x.com', access('view', [], [['dash1', 'view']]))],
  });
  const before = fingerprintLiveOrg(base);

  it.each([
    [
      "a member's application role",
      {
        ...base,
        members: [alice, member('u-b', 'bob@x.com', access('view', [['app1', 'collaborate']]))],
      },
    ],
    [
      "a member's dashboard role",
      {
        ...base,
        members: [
          alice,
          member('u-b', 'bob@x.com', access('view', [['app1', 'view']], [['dash1', 'view']])),
        ],
      },
    ],
    [
      "an invite's dashboard role",
      {
        ...base,
        invites: [invite('i-1', 'cy@x.com', access('view', [], [['dash1', 'collaborate']]))],
      },
    ],
    [
      "an invite's application role",
      {
        ...base,
        invites: [
          invite('i-1', 'cy@x.com', access('view', [['app9', 'view']], [['dash1', 'view']])),
        ],
      },
    ],
    [
      "an invite's disallowTransfer",
      {
        ...base,
        invites: [
          invite('i-1', 'cy@x.com', access('view', [], [['dash1', 'view']]), {
            disallowTransfer: true,
          }),
        ],
      },
    ],
    [
      "a member's email",
      { ...base, members: [alice, member('u-b', 'rob@x.com', access('view', [['app1', 'view']]))] },
    ],
  ])('%s', (_what, changed) => {
    expect(fingerprintLiveOrg(changed)).not.toBe(before);
  });
});

describe('an unmanaged pattern written with capitals still protects the account', () => {
  it.each([
    ['BreakGlass@X.com', 'breakglass@x.com'],
    ['*@Losant.COM', 'support@losant.com'],
    ['*@losant.com', 'Support@LOSANT.com'],
    ['  ops@x.com ', 'ops@x.com'],
  ])('%s matches %s', (pattern, email) => {
    expect(matchesEmailPattern(email, pattern)).toBe(true);
    expect(compileEmailPatterns([pattern])(email)).toBe(true);
  });

  it('matches nothing else: `.`, `+` and the like are literal, the whole address must match', () => {
    const isUnmanaged = compileEmailPatterns(['a.b+c@x.com', '*@y.com']);
    expect(['a.b+c@x.com', 'A.B+C@X.COM', 'z@y.com', '@y.com'].map(isUnmanaged)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['axb+c@x.com', 'a.bbc@x.com', 'a.b+c@x.co', 'z@y.com.evil', 'xa.b+c@x.com'].map(isUnmanaged),
    ).toEqual([false, false, false, false, false]);
  });

  it('the planner leaves such a member and invite alone', () => {
    const plan = buildPlan({
      live: liveOrg({
        members: [alice, member('u-bg', 'breakglass@x.com', 'admin')],
        invites: [invite('i-v', 'help@vendor.example', 'view')],
      }),
      desired: desiredOrg([aliceDeclared], {
        unmanaged: ['BreakGlass@X.com', '*@Vendor.Example'],
        maxRemovals: 10,
      }),
      now: NOW,
    });
    expect(plan.operations).toEqual([]);
  });
});
