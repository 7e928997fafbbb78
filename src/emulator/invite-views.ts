// The emulator's answer of GET /orgs/{orgId}/invites: each invite as Losant shows it, and the same as JSON
// chunks kept between answers, so that an org with 10,000 invites is not serialized again on every read.
import type { LosantOrgInvite } from '../losant/types.js';
import type { SeedInvite, SeedOrg } from './emulator-seed.js';
import { copyGrants, INVITE_TTL_MS } from './emulator-seed.js';

export class InviteViews {
  view(org: SeedOrg, now: number): LosantOrgInvite[] {
    return (org.invites ?? []).map((invite) => inviteView(invite, now));
  }

  /**
   * JSON.stringify(view(org, now)) as chunks to write one after the other, from each invite's JSON kept
   * while its dates and expiry stay the same. The invites are cut into runs where an invite's id says so
   * (about one in 32), whatever their position: adding or revoking an invite changes one run, and the
   * other runs' buffers are the ones sent before (so a compressed answer deflates one run again).
   */
  viewJson(org: SeedOrg, now: number): Buffer[] {
    const chunks: Buffer[] = [INVITES_OPEN];
    let run: string[] = [];
    const endRun = (): void => {
      if (run.length === 0) return;
      if (chunks.length > 1) chunks.push(INVITES_COMMA);
      chunks.push(this.runBuffer(run.join(',')));
      run = [];
    };
    for (const invite of org.invites ?? []) {
      const ttl = invite.ttl ?? INVITE_TTL_MS;
      let kept = this.inviteJson.get(invite);
      if (
        kept?.inviteDate !== invite.inviteDate ||
        kept.ttl !== ttl ||
        kept.expired !== now > kept.expiresAt
      ) {
        const view = inviteView(invite, now);
        kept = {
          inviteDate: invite.inviteDate,
          ttl,
          expiresAt: Date.parse(invite.inviteDate) + ttl,
          expired: view.hasExpired,
          json: JSON.stringify(view),
        };
        this.inviteJson.set(invite, kept);
      }
      run.push(kept.json);
      if (endsRun(invite.id)) endRun();
    }
    endRun();
    chunks.push(INVITES_CLOSE);
    return chunks;
  }

  /** The one buffer of a run's JSON, the same object while the run stays the same. */
  private runBuffer(json: string): Buffer {
    let buffer = this.inviteRuns.get(json);
    if (buffer === undefined) {
      // Runs no answer shows any more are dropped now and then, all at once.
      if (this.inviteRuns.size >= 4096) this.inviteRuns.clear();
      buffer = Buffer.from(json);
      this.inviteRuns.set(json, buffer);
    }
    return buffer;
  }

  private readonly inviteRuns = new Map<string, Buffer>();

  private readonly inviteJson = new WeakMap<
    SeedInvite,
    { inviteDate: string; ttl: number; expiresAt: number; expired: boolean; json: string }
  >();
}

function inviteView(invite: SeedInvite, now: number): LosantOrgInvite {
  const ttl = invite.ttl ?? INVITE_TTL_MS;
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    applicationRoles: copyGrants(invite.applicationRoles),
    dashboardRoles: copyGrants(invite.dashboardRoles),
    inviteDate: invite.inviteDate,
    ttl,
    hasExpired: now > Date.parse(invite.inviteDate) + ttl,
    disallowTransfer: invite.disallowTransfer ?? false,
  };
}

const INVITES_OPEN = Buffer.from('[');
const INVITES_COMMA = Buffer.from(',');
const INVITES_CLOSE = Buffer.from(']');

/** Whether a run of invites ends after this one: decided by its id alone, about one in 32. */
function endsRun(id: string): boolean {
  let hash = 0;
  for (let i = Math.max(0, id.length - 4); i < id.length; i += 1) {
    hash = (hash * 31 + id.charCodeAt(i)) % 65_536;
  }
  return hash % 32 === 0;
}
