import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/emulator/fault-spec.js';
import { startEmulator } from '../../src/emulator/server.js';
import { LosantApiError } from '../../src/losant/api-error.js';
import { createLosantClient } from '../../src/losant/client.js';
import { readLiveOrg, toLiveOrg } from '../../src/losant/read-live-org.js';
import type { LosantOrg, LosantOrgInvite } from '../../src/losant/types.js';

const ORG_ID = '5a1b2c3d4e5f60718293a4b5';
const APP = '5a1b2c3d4e5f60718293a4c1';
const DASH = '5a1b2c3d4e5f60718293a4c2';

describe('toLiveOrg', () => {
  it('keeps the managed properties, and turns missing resource roles into []', () => {
    const org: LosantOrg = {
      id: ORG_ID,
      orgId: ORG_ID,
      name: 'Acme IoT',
      description: 'Production fleet',
      iconColor: '#2d7ff9',
      mfaMode: 'adminRequired',
      billingEmail: 'billing@acme.com',
      planId: 'enterprise',
      isEnterprise: true,
      members: [
        { userId: 'u1', email: 'Alice@Acme.com', firstName: 'Alice', lastName: 'A', role: 'admin' },
        {
          userId: 'u2',
          email: 'bob@acme.com',
          role: 'collaborate',
          applicationRoles: [{ resourceId: APP, role: 'view' }],
          dashboardRoles: [{ resourceId: DASH, role: 'collaborate' }],
          twoFactorAuthEnabled: true,
        },
      ],
    };
    const invites: LosantOrgInvite[] = [
      {
        id: 'i1',
        email: 'carol@acme.com',
        role: 'view',
        dashboardRoles: [{ resourceId: DASH, role: 'view' }],
        inviteDate: '2024-05-01T12:00:00.000Z',
        ttl: 604800000,
        hasExpired: false,
        disallowTransfer: true,
      },
    ];

    const live = toLiveOrg(org, invites);

    expect(live).toEqual({
      id: ORG_ID,
      name: 'Acme IoT',
      properties: {
        name: 'Acme IoT',
        description: 'Production fleet',
        iconColor: '#2d7ff9',
        mfaMode: 'adminRequired',
        billingEmail: 'billing@acme.com',
      },
      members: [
        {
          userId: 'u1',
          email: 'Alice@Acme.com',
          firstName: 'Alice',
          lastName: 'A',
          access: { role: 'admin', applicationRoles: [], dashboardRoles: [] },
        },
        {
          userId: 'u2',
          email: 'bob@acme.com',
          access: {
            role: 'collaborate',
            applicationRoles: [{ resourceId: APP, role: 'view' }],
            dashboardRoles: [{ resourceId: DASH, role: 'collaborate' }],
          },
        },
      ],
      invites: [
        {
          id: 'i1',
          email: 'carol@acme.com',
          access: {
            role: 'view',
            applicationRoles: [],
            dashboardRoles: [{ resourceId: DASH, role: 'view' }],
          },
          inviteDate: '2024-05-01T12:00:00.000Z',
          ttl: 604800000,
          hasExpired: false,
          disallowTransfer: true,
        },
      ],
    });
  });

  it('leaves out properties the org does not have, and does not share arrays with the input', () => {
    const grants = [{ resourceId: APP, role: 'view' as const }];
    const org: LosantOrg = {
      id: ORG_ID,
      orgId: ORG_ID,
      name: 'Bare',
      members: [{ userId: 'u1', email: 'a@b.c', role: 'view', applicationRoles: grants }],
    };

    const live = toLiveOrg(org, []);
    grants.push({ resourceId: DASH, role: 'view' });

    expect(live.properties).toEqual({ name: 'Bare' });
    expect(live.members[0]?.access.applicationRoles).toEqual([{ resourceId: APP, role: 'view' }]);
    expect(live.invites).toEqual([]);
  });
});

describe('readLiveOrg', () => {
  it('when both reads fail, tells the org read failure, even when the invites read failed first', async () => {
    const emulator = await startEmulator();
    const missing = '0123456789abcdef01234567';
    await emulator.control.addFaults(parseFaultSpec('org.get=latency-60*0'));
    const api = createLosantClient({ apiUrl: emulator.url, token: emulator.token });
    try {
      const error = await readLiveOrg(api, missing).then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(LosantApiError);
      expect((error as LosantApiError).message).toMatch(
        new RegExp(`^Losant API org\\.get on org ${missing} failed: HTTP 404 `),
      );
    } finally {
      await api.close();
      await emulator.close();
    }
  });
});
