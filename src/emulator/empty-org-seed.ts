// A seed for any org id: an empty org whose only members are the admins a file declares, so that
// `losant-org demo FILE` can show the whole flow for a file that is not about the demo org.
import { DEMO_TOKEN } from './demo-state.js';
import type { EmulatorSeed } from './emulator-seed.js';

export interface EmptyOrgRequest {
  orgId: string;
  /** The admins the file declares; the first one holds the token. */
  adminEmails: readonly string[];
}

/** Used when the file declares no admin (members not managed): the token needs an org admin. */
export const STAND_IN_ADMIN = 'demo-admin@emulator.invalid';

/** Fixed user ids of the form 6650f0c1a2b3c4d5e6f7eNNN (hexadecimal, as Losant's). */
function userId(index: number): string {
  return `6650f0c1a2b3c4d5e6f7e${index.toString(16).padStart(3, '0')}`;
}

export function createEmptyOrgSeed(request: EmptyOrgRequest, now: number): EmulatorSeed {
  const emails = request.adminEmails.length > 0 ? request.adminEmails : [STAND_IN_ADMIN];
  const users = emails.map((email, i) => ({ id: userId(i + 1), email }));
  const created = new Date(now).toISOString();
  return {
    users,
    tokens: [{ token: DEMO_TOKEN, userId: userId(1), scopes: ['all.User'] }],
    orgs: [
      {
        id: request.orgId,
        name: 'Empty org',
        creationDate: created,
        lastUpdated: created,
        members: users.map((user) => ({ userId: user.id, role: 'admin' as const })),
      },
    ],
  };
}
