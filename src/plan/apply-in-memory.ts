// What a plan's operations do to a live org, computed in memory: for tests, rehearsals and dry runs.
import type { LiveInvite, LiveOrg } from '../model/live-org.js';
import type { Operation } from '../model/plan.js';

export interface InMemoryOptions {
  /** The time a new invite is sent, in ms since the epoch. */
  now: number;
  /** Id of the invite an inviteMember operation creates; default `invite-<operation id>`. */
  newInviteId?: (op: Operation) => string;
  /** Lifetime of a new invite in ms; default 7 days, as Losant's. */
  inviteTtlMs?: number;
}

const DEFAULT_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The live org after one operation, as the API would leave it; the input is not changed. */
export function applyOperationInMemory(
  live: LiveOrg,
  op: Operation,
  options: InMemoryOptions,
): LiveOrg {
  switch (op.action) {
    case 'patch':
      return { ...live, properties: { ...live.properties, ...op.body } };
    case 'inviteMember': {
      const invite: LiveInvite = {
        id: options.newInviteId?.(op) ?? `invite-${op.id}`,
        email: op.body.email,
        access: {
          role: op.body.role,
          applicationRoles: op.body.applicationRoles,
          dashboardRoles: op.body.dashboardRoles,
        },
        inviteDate: new Date(options.now).toISOString(),
        ttl: options.inviteTtlMs ?? DEFAULT_INVITE_TTL_MS,
        hasExpired: false,
        disallowTransfer: op.body.disallowTransfer ?? false,
      };
      return { ...live, invites: [...live.invites, invite] };
    }
    case 'modifyMember':
      return {
        ...live,
        members: live.members.map((m) =>
          m.userId === op.body.userId
            ? {
                ...m,
                access: {
                  role: op.body.role,
                  applicationRoles: op.body.applicationRoles,
                  dashboardRoles: op.body.dashboardRoles,
                },
              }
            : m,
        ),
      };
    case 'removeMember':
      return { ...live, members: live.members.filter((m) => m.userId !== op.query.userId) };
    case 'revokeInvite':
      return { ...live, invites: live.invites.filter((i) => i.id !== op.query.inviteId) };
  }
}

/** The org after every operation in order; `onState` sees each intermediate state. */
export function applyOperationsInMemory(
  live: LiveOrg,
  operations: readonly Operation[],
  options: InMemoryOptions & { onState?: (state: LiveOrg, op: Operation) => void },
): LiveOrg {
  let state = live;
  for (const op of operations) {
    state = applyOperationInMemory(state, op, options);
    options.onState?.(state, op);
  }
  return state;
}
