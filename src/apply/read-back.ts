// Whether a write took effect, decided by reading the org back: how an ambiguous answer is settled.
import type { LosantApi } from '../losant/api.js';
import { NO_SUMMARY } from '../losant/org-summary-fields.js';
import { toLiveOrg } from '../losant/read-live-org.js';
import { emailKey, sameAccess } from '../model/access.js';
import type { LiveOrg } from '../model/live-org.js';
import type { Operation } from '../model/plan.js';

export type ReadBackApi = Pick<LosantApi, 'get' | 'pendingInvites'>;

export interface ReadBackContext {
  /** Invite ids the plan revokes (lower-cased): an invite among them is never the one apply sent. */
  revokedInviteIds: ReadonlySet<string>;
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when the live org shows the operation's effect (pure: the caller has read the org). */
export function isInEffect(
  live: Pick<LiveOrg, 'properties' | 'members' | 'invites'>,
  op: Operation,
  context: ReadBackContext,
): boolean {
  switch (op.action) {
    case 'patch':
      return Object.entries(op.body).every(
        ([key, value]) => live.properties[key as keyof LiveOrg['properties']] === value,
      );
    case 'inviteMember': {
      const email = emailKey(op.body.email);
      return live.invites.some(
        (invite) =>
          emailKey(invite.email) === email &&
          !invite.hasExpired &&
          !context.revokedInviteIds.has(invite.id.toLowerCase()) &&
          sameAccess(invite.access, op.after) &&
          (op.body.disallowTransfer === undefined ||
            (invite.disallowTransfer ?? false) === op.body.disallowTransfer),
      );
    }
    case 'modifyMember': {
      const member = live.members.find((m) => sameId(m.userId, op.body.userId));
      return member !== undefined && sameAccess(member.access, op.after);
    }
    case 'removeMember':
      return !live.members.some((m) => sameId(m.userId, op.query.userId));
    case 'revokeInvite':
      return !live.invites.some((i) => sameId(i.id, op.query.inviteId));
  }
}

/** Reads only what the operation touches (the org, or its pending invites); read errors are thrown. */
export async function isOperationInEffect(
  api: ReadBackApi,
  op: Operation,
  context: ReadBackContext,
): Promise<boolean> {
  const readsInvites = op.action === 'inviteMember' || op.action === 'revokeInvite';
  const live = readsInvites
    ? toLiveOrg(
        { id: op.orgId, orgId: op.orgId, name: '', members: [] },
        await api.pendingInvites(op.orgId),
      )
    : toLiveOrg(await api.get(op.orgId, NO_SUMMARY), []);
  return isInEffect(live, op, context);
}

/** Invite ids an org plan revokes, lower-cased. */
export function revokedInviteIds(operations: readonly Operation[]): Set<string> {
  return new Set(
    operations.flatMap((op) =>
      op.action === 'revokeInvite' ? [op.query.inviteId.toLowerCase()] : [],
    ),
  );
}
