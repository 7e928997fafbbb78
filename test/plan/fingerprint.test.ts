// Fingerprint of the live state and hash of the plan: stable under reordering, different for different content.
import { describe, expect, it } from 'vitest';
import { buildPlans } from '../../src/plan/build-plan.js';
import {
  canonicalJson,
  fingerprintLiveOrg,
  hashPlan,
  shortHash,
} from '../../src/plan/fingerprint.js';
import {
  access,
  DAY,
  declared,
  desiredOrg,
  invite,
  liveOrg,
  member,
  NOW,
} from './plan-fixtures.js';

const live = liveOrg({
  properties: { name: 'Acme IoT', mfaMode: 'required' },
  members: [
    member('u-a', 'alice@x.com', 'admin'),
    member(
      'u-b',
      'bob@x.com',
      access('view', [
        ['app1', 'view'],
        ['app2', 'collaborate'],
      ]),
    ),
  ],
  invites: [invite('i-1', 'cy@x.com', 'view'), invite('i-2', 'dee@x.com', 'edit', { daysAgo: 9 })],
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }], e: null })).toEqual(
      '{"a":[{"c":"x"}],"b":1,"e":null}',
    );
  });
});

describe('fingerprintLiveOrg', () => {
  it('is a sha256 that does not change with key order, array order or email case', () => {
    const reordered = {
      invites: [...live.invites].reverse(),
      members: [
        live.members[1] && {
          ...live.members[1],
          email: 'BOB@x.com',
          access: access('view', [
            ['app2', 'collaborate'],
            ['app1', 'view'],
          ]),
        },
        live.members[0],
      ].filter((m) => m !== undefined),
      properties: { mfaMode: 'required' as const, name: 'Acme IoT' },
      name: 'Acme IoT',
      id: live.id,
    };

    expect(fingerprintLiveOrg(live)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintLiveOrg(reordered)).toEqual(fingerprintLiveOrg(live));
  });

  it('changes when a role, an invite, its expiry or a managed property changes', () => {
    const base = fingerprintLiveOrg(live);
    const variants = [
      {
        ...live,
        members: live.members.map((m) =>
          m.userId === 'u-b' ? { ...m, access: access('edit') } : m,
        ),
      },
      { ...live, invites: live.invites.slice(1) },
      { ...live, invites: live.invites.map((i) => ({ ...i, hasExpired: !i.hasExpired })) },
      { ...live, properties: { ...live.properties, description: 'new' } },
    ];

    const prints = variants.map(fingerprintLiveOrg);

    expect(new Set([base, ...prints]).size).toBe(5);
  });

  it('ignores names and other things apply does not depend on', () => {
    const renamed = { ...live, members: live.members.map((m) => ({ ...m, firstName: 'Someone' })) };

    expect(fingerprintLiveOrg(renamed)).toEqual(fingerprintLiveOrg(live));
  });
});

describe("an org plan's fingerprint", () => {
  const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('dee@x.com', 'edit')]);

  it('is the hash of the live org it was planned from, wherever the plan is read or written', () => {
    const org = buildPlans([{ desired, live, now: NOW }]).orgs[0];
    const expected = fingerprintLiveOrg(live);

    expect(org?.fingerprint).toEqual(expected);
    expect(org?.fingerprint).toEqual(expected);
    expect({ ...org }.fingerprint).toEqual(expected);
    expect(structuredClone(org)?.fingerprint).toEqual(expected);
    const written = JSON.parse(JSON.stringify(org)) as Record<string, unknown>;
    expect(written['fingerprint']).toEqual(expected);
    // In its place among the keys, as before it was taken when first read: after warnings.
    const keys = Object.keys(written);
    expect(keys.indexOf('fingerprint')).toEqual(keys.indexOf('warnings') + 1);
  });
});

describe('plan hash', () => {
  const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('dee@x.com', 'edit')]);

  it('is equal for the same change planned at another time, though reasons and fingerprints differ', () => {
    const today = buildPlans([{ desired, live, now: NOW }]);
    const later = buildPlans([
      { desired, live: { ...live, name: 'Renamed meanwhile' }, now: NOW + 3 * DAY },
    ]);

    expect(later.orgs[0]?.operations.map((o) => o.reason)).not.toEqual(
      today.orgs[0]?.operations.map((o) => o.reason),
    );
    expect(later.hash).toEqual(today.hash);
  });

  it('does not depend on the order of the orgs', () => {
    const a = { orgId: 'a', operations: [] };
    const b = { orgId: 'b', operations: [] };

    expect(hashPlan([a, b])).toEqual(hashPlan([b, a]));
  });

  it('differs when the operations differ', () => {
    const one = buildPlans([{ desired, live, now: NOW }]);
    const other = buildPlans([
      {
        desired: desiredOrg([declared('alice@x.com', 'admin'), declared('dee@x.com', 'view')]),
        live,
        now: NOW,
      },
    ]);

    expect(other.hash).not.toEqual(one.hash);
    expect(shortHash(one.hash)).toEqual(one.hash.slice(0, 12));
  });
});
