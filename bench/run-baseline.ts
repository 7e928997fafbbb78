// The baseline: the same changes as a hand-written script makes them with Losant's own client, losant-rest,
// one awaited call at a time (read the org, read the invites, then one call per change).
import { createRequire } from 'node:module';
import type { IntendedChange } from './bench-scenario.js';

interface RestMember {
  userId: string;
  email: string;
}
interface RestInvite {
  id: string;
  email: string;
}
interface LosantRestClient {
  org: {
    get(params: { orgId: string }): Promise<{ members: RestMember[] }>;
    pendingInvites(params: { orgId: string }): Promise<RestInvite[]>;
    patch(params: { orgId: string; organization: object }): Promise<unknown>;
    inviteMember(params: { orgId: string; invite: object }): Promise<unknown>;
    modifyMember(params: { orgId: string; member: object }): Promise<unknown>;
    revokeInvite(params: { orgId: string; inviteId: string }): Promise<unknown>;
    removeMember(params: { orgId: string; userId: string }): Promise<unknown>;
  };
}
interface LosantRest {
  createClient(options: { accessToken: string; url: string }): LosantRestClient;
}

const requireCjs = createRequire(import.meta.url);

export interface BaselineTarget {
  url: string;
  token: string;
  orgId: string;
}

/** Runs the changes one call at a time; returns the wall time in ms. */
export async function runBaseline(
  target: BaselineTarget,
  changes: readonly IntendedChange[],
): Promise<number> {
  // Loading the module is not timed: our side's code is loaded before its timer starts too.
  const losantRest = requireCjs('losant-rest') as LosantRest;
  const started = performance.now();
  const client = losantRest.createClient({ accessToken: target.token, url: target.url });
  const orgId = target.orgId;
  const org = await client.org.get({ orgId });
  const invites = await client.org.pendingInvites({ orgId });
  const userIds = new Map(org.members.map((m) => [m.email.toLowerCase(), m.userId]));
  const inviteIds = new Map(invites.map((i) => [i.email.toLowerCase(), i.id]));
  const idOf = (ids: Map<string, string>, email: string): string => {
    const id = ids.get(email.toLowerCase());
    if (id === undefined) throw new Error(`baseline: ${email} is not in the live org`);
    return id;
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'patch':
        await client.org.patch({ orgId, organization: change.properties });
        break;
      case 'invite':
        await client.org.inviteMember({ orgId, invite: { email: change.email, ...change.access } });
        break;
      case 'setAccess':
        await client.org.modifyMember({
          orgId,
          member: { userId: idOf(userIds, change.email), ...change.access },
        });
        break;
      case 'revokeInvite':
        await client.org.revokeInvite({ orgId, inviteId: idOf(inviteIds, change.email) });
        break;
      case 'removeMember':
        await client.org.removeMember({ orgId, userId: idOf(userIds, change.email) });
        break;
    }
  }
  return performance.now() - started;
}
