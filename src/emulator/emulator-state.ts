// The emulator's in-memory Losant: users, tokens and orgs, and the operations the Org actions perform on them.
import { randomBytes } from 'node:crypto';
import { emailKey } from '../model/access.js';
import type {
  LosantMe,
  LosantOrg,
  LosantOrgInvite,
  LosantOrgInvitePost,
  LosantOrgMember,
  LosantOrgMemberPatch,
  LosantOrgPatch,
  LosantResourceTransfer,
} from '../losant/types.js';
import { notFound, validationFailure } from './api-failure.js';
import type { EmulatorClock } from './emulator-clock.js';
import type {
  EmulatorSeed,
  SeedInvite,
  SeedMember,
  SeedOrg,
  SeedToken,
  SeedUser,
} from './emulator-seed.js';
import { copyGrants, INVITE_TTL_MS } from './emulator-seed.js';
import { InviteViews } from './invite-views.js';
import { OrgMembers } from './org-members.js';
import { fleetOf, usageSummary } from './usage-counts.js';

/**
 * The limits an org shows when its seed gives none: plausible numbers of the emulator's own. No
 * `member`: only a seed's `limits.member` limits the members (and then it is enforced).
 */
const ORG_LIMITS: Record<string, number> = {
  apitoken: 500,
  application: 100,
  dashboard: 200,
  datatable: 100,
  device: 10000,
  experienceuser: 5000,
  flow: 1000,
  notebook: 50,
  payload: 100_000_000,
  storage: 10_737_418_240,
  dataTTL: 31_536_000,
  notebookMinutesPerMonth: 1000,
};

export interface SummaryFilter {
  include?: string[];
  exclude?: string[];
}

export interface AcceptedInvite {
  orgId: string;
  userId: string;
  email: string;
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export class EmulatorState {
  private seed: EmulatorSeed;

  /** `seed` must already be checked and completed (validate-seed.ts). */
  constructor(
    seed: EmulatorSeed,
    private readonly clock: EmulatorClock,
  ) {
    this.seed = structuredClone(seed);
  }

  now(): number {
    return this.clock.now();
  }

  snapshot(): EmulatorSeed {
    return structuredClone(this.seed);
  }

  replace(seed: EmulatorSeed): void {
    this.seed = structuredClone(seed);
  }

  findToken(token: string): SeedToken | undefined {
    return this.seed.tokens?.find((t) => t.token === token);
  }

  addToken(token: SeedToken): void {
    if (this.findUser(token.userId) === undefined) {
      throw validationFailure(`userId ${token.userId} is not a user of the emulator`);
    }
    const tokens = (this.seed.tokens ??= []);
    const existing = tokens.findIndex((t) => t.token === token.token);
    if (existing >= 0) tokens.splice(existing, 1);
    tokens.push(structuredClone(token));
  }

  /** The org if it exists and `userId` is a member; Losant answers 404 for orgs the caller cannot see. */
  orgForUser(orgId: string, userId: string): SeedOrg {
    const org = this.seed.orgs.find((o) => sameId(o.id, orgId));
    if (org === undefined || this.membersOf(org).find(userId) === undefined) {
      throw notFound('Organization');
    }
    return org;
  }

  isOrgAdmin(org: SeedOrg, userId: string): boolean {
    return this.membersOf(org).find(userId)?.role === 'admin';
  }

  orgView(org: SeedOrg, filter: SummaryFilter = {}): LosantOrg {
    const { head, tail } = this.orgViewParts(org, filter);
    return { ...head, members: org.members.map((m) => this.memberView(m)), ...tail };
  }

  /**
   * JSON.stringify(orgView(org, filter)) as chunks to write one after the other, built from the members'
   * JSON kept between calls.
   */
  orgViewJson(org: SeedOrg, filter: SummaryFilter = {}): Buffer[] {
    const { head, tail } = this.orgViewParts(org, filter);
    const headJson = JSON.stringify(head);
    const tailJson = JSON.stringify(tail);
    return [
      Buffer.from(`${headJson.slice(0, -1)},"members":`),
      ...this.membersOf(org).membersJson(),
      Buffer.from(tailJson === '{}' ? '}' : `,${tailJson.slice(1)}`),
    ];
  }

  private memberView(m: SeedMember): LosantOrgMember {
    const user = this.findUser(m.userId);
    return {
      userId: m.userId,
      email: user?.email ?? 'unknown@example.com',
      ...(user?.firstName !== undefined ? { firstName: user.firstName } : {}),
      ...(user?.lastName !== undefined ? { lastName: user.lastName } : {}),
      role: m.role,
      applicationRoles: copyGrants(m.applicationRoles),
      dashboardRoles: copyGrants(m.dashboardRoles),
      twoFactorAuthEnabled: false,
    };
  }

  /** The org's view without its members, split where the members go (the key order of Losant's answer). */
  private orgViewParts(
    org: SeedOrg,
    filter: SummaryFilter,
  ): {
    head: Pick<LosantOrg, 'id' | 'orgId' | 'name'>;
    tail: Omit<LosantOrg, 'id' | 'orgId' | 'name' | 'members'>;
  } {
    const head = { id: org.id, orgId: org.id, name: org.name };
    const view: Omit<LosantOrg, 'id' | 'orgId' | 'name' | 'members'> = {
      limits: { ...ORG_LIMITS, ...org.limits },
      summary: filterSummary(this.summaryOf(org), filter),
      subscriptionStatus: 'active',
      isEnterprise: org.planId === 'enterprise',
      whitelistedEmailDomains: [],
      disabledAt: false,
      isReadOnly: false,
    };
    if (org.creationDate !== undefined) view.creationDate = org.creationDate;
    if (org.lastUpdated !== undefined) view.lastUpdated = org.lastUpdated;
    if (org.description !== undefined) view.description = org.description;
    if (org.planId !== undefined) view.planId = org.planId;
    if (org.billingEmail !== undefined) view.billingEmail = org.billingEmail;
    if (org.iconColor !== undefined) view.iconColor = org.iconColor;
    view.mfaMode = org.mfaMode ?? 'notRequired';
    return { head, tail: view };
  }

  invitesView(org: SeedOrg): LosantOrgInvite[] {
    return this.invites.view(org, this.now());
  }

  /** JSON.stringify(invitesView(org)) as chunks to write one after the other (InviteViews). */
  invitesViewJson(org: SeedOrg): Buffer[] {
    return this.invites.viewJson(org, this.now());
  }

  private readonly invites = new InviteViews();

  me(userId: string): LosantMe {
    const user = this.findUser(userId);
    if (user === undefined) throw notFound('User');
    const fullName = [user.firstName, user.lastName].filter((n) => n !== undefined).join(' ');
    const orgsOfUser = this.seed.orgs.filter((o) => this.membersOf(o).find(userId) !== undefined);
    return {
      id: user.id,
      userId: user.id,
      email: user.email,
      ...(user.firstName !== undefined ? { firstName: user.firstName } : {}),
      ...(user.lastName !== undefined ? { lastName: user.lastName } : {}),
      fullName,
      emailVerified: true,
      needsToVerifyEmail: false,
      twoFactorAuthEnabled: false,
      summary: { orgCount: orgsOfUser.length },
    };
  }

  patchOrg(org: SeedOrg, body: LosantOrgPatch): void {
    // cardToken is write-only billing data: accepted, never stored or returned.
    const fields: LosantOrgPatch = { ...body };
    delete fields.cardToken;
    Object.assign(org, fields);
    this.touch(org);
  }

  deleteOrg(org: SeedOrg): void {
    this.seed.orgs = this.seed.orgs.filter((o) => o !== org);
  }

  /**
   * Losant keeps a second invite for an email already invited; only current members are refused. An
   * invite that would pass the member limit (members and pending invites; expired ones do not count)
   * is refused (docs/emulator.md says what of this is Losant's documented behaviour).
   */
  inviteMember(org: SeedOrg, body: LosantOrgInvitePost): void {
    if (this.membersOf(org).hasEmail(body.email)) {
      throw validationFailure(`${body.email} is already a member of this organization`);
    }
    const limit = this.memberLimit(org);
    const seats = this.seatsTaken(org);
    if (seats >= limit) {
      throw validationFailure(
        `The organization has reached its member limit (${limit}): ${org.members.length} members and ` +
          `${seats - org.members.length} pending invites. Remove a member or revoke an invite first.`,
      );
    }
    const invite: SeedInvite = {
      id: this.newId(),
      email: body.email,
      role: body.role,
      inviteDate: new Date(this.now()).toISOString(),
      ttl: INVITE_TTL_MS,
    };
    if (body.applicationRoles !== undefined) invite.applicationRoles = body.applicationRoles;
    if (body.dashboardRoles !== undefined) invite.dashboardRoles = body.dashboardRoles;
    if (body.disallowTransfer !== undefined) invite.disallowTransfer = body.disallowTransfer;
    (org.invites ??= []).push(invite);
    this.touch(org);
  }

  revokeInvite(org: SeedOrg, inviteId: string): void {
    const invites = org.invites ?? [];
    const index = invites.findIndex((i) => sameId(i.id, inviteId));
    if (index < 0) throw notFound('Invite');
    invites.splice(index, 1);
    this.touch(org);
  }

  modifyMember(org: SeedOrg, body: LosantOrgMemberPatch): void {
    const members = this.membersOf(org);
    const member = members.find(body.userId);
    if (member === undefined) throw notFound('Member');
    if (body.role !== undefined && body.role !== 'admin' && member.role === 'admin') {
      this.refuseLosingLastAdmin(org, 'demote');
    }
    const changed = members.changing(member);
    if (body.role !== undefined) member.role = body.role;
    if (body.applicationRoles !== undefined) member.applicationRoles = body.applicationRoles;
    if (body.dashboardRoles !== undefined) member.dashboardRoles = body.dashboardRoles;
    changed();
    this.touch(org);
  }

  removeMember(org: SeedOrg, userId: string): void {
    const members = this.membersOf(org);
    const member = members.find(userId);
    if (member === undefined) throw notFound('Member');
    if (member.role === 'admin') this.refuseLosingLastAdmin(org, 'remove');
    org.members.splice(org.members.indexOf(member), 1);
    members.removed(member);
    this.touch(org);
  }

  /**
   * The destination must exist (an org the caller belongs to, or a user) and every resource named must
   * be owned by the source org (its seed's `applications` and `dashboards`); then they move.
   */
  transferResources(org: SeedOrg, body: LosantResourceTransfer, userId: string): void {
    const destination =
      body.destinationType === 'organization'
        ? this.orgForUser(body.destinationId, userId)
        : undefined;
    if (body.destinationType === 'user' && this.findUser(body.destinationId) === undefined) {
      throw notFound('Destination user');
    }
    const applicationIds = body.applicationIds ?? [];
    const dashboardIds = body.dashboardIds ?? [];
    const owns = (ids: string[] | undefined, id: string): boolean =>
      (ids ?? []).some((owned) => sameId(owned, id));
    const missing = [
      ...applicationIds
        .filter((id) => !owns(org.applications, id))
        .map((id) => `application ${id}`),
      ...dashboardIds.filter((id) => !owns(org.dashboards, id)).map((id) => `dashboard ${id}`),
    ];
    if (missing.length > 0) {
      throw validationFailure(
        `Not resources of organization ${org.id}, so they cannot be transferred: ${missing.join(', ')}`,
      );
    }
    const moving = (ids: string[]) => (owned: string) => ids.some((id) => sameId(id, owned));
    if (org.applications !== undefined) {
      org.applications = org.applications.filter((id) => !moving(applicationIds)(id));
    }
    if (org.dashboards !== undefined) {
      org.dashboards = org.dashboards.filter((id) => !moving(dashboardIds)(id));
    }
    if (destination !== undefined && destination !== org) {
      destination.applications = [...(destination.applications ?? []), ...applicationIds];
      destination.dashboards = [...(destination.dashboards ?? []), ...dashboardIds];
      this.touch(destination);
    }
    this.touch(org);
  }

  /** The invitee signs up (or logs in) and accepts: a member with the invite's access, invite gone. */
  acceptInvite(inviteId: string): AcceptedInvite {
    for (const org of this.seed.orgs) {
      const invite = org.invites?.find((i) => sameId(i.id, inviteId));
      if (invite === undefined) continue;
      if (this.invitesView(org).find((i) => i.id === invite.id)?.hasExpired === true) {
        throw validationFailure(`Invite ${invite.id} has expired and can no longer be accepted`);
      }
      const user = this.userForEmail(invite.email);
      const members = this.membersOf(org);
      if (members.find(user.id) === undefined) {
        const member: SeedMember = {
          userId: user.id,
          role: invite.role,
          applicationRoles: invite.applicationRoles ?? [],
          dashboardRoles: invite.dashboardRoles ?? [],
        };
        org.members.push(member);
        members.added(member);
      }
      org.invites = (org.invites ?? []).filter((i) => i !== invite);
      this.touch(org);
      return { orgId: org.id, userId: user.id, email: user.email };
    }
    throw notFound('Invite');
  }

  /**
   * Moves the dates of invites still pending back by their ttl, as if they had been sent more than 7
   * days ago; an invite that had already expired keeps its date (and so its expiry).
   */
  expireInvites(inviteIds?: string[]): string[] {
    const wanted = inviteIds?.map((id) => id.toLowerCase());
    const expired: string[] = [];
    const now = this.now();
    const expiredDate = (ttl: number): string => new Date(now - ttl - 1000).toISOString();
    for (const org of this.seed.orgs) {
      for (const invite of org.invites ?? []) {
        if (wanted !== undefined && !wanted.includes(invite.id.toLowerCase())) continue;
        const ttl = invite.ttl ?? INVITE_TTL_MS;
        if (now <= Date.parse(invite.inviteDate) + ttl) invite.inviteDate = expiredDate(ttl);
        expired.push(invite.id);
      }
    }
    const unknown = (inviteIds ?? []).filter((id) => !expired.some((e) => sameId(e, id)));
    if (unknown.length > 0) throw notFound(`Invite ${unknown.join(', ')}`);
    return expired;
  }

  memberLimit(org: SeedOrg): number {
    return org.limits?.['member'] ?? Number.POSITIVE_INFINITY;
  }

  /** Members and invites that have not expired: what the member limit counts. */
  seatsTaken(org: SeedOrg): number {
    const now = this.now();
    const pending = (org.invites ?? []).filter(
      (i) => now <= Date.parse(i.inviteDate) + (i.ttl ?? INVITE_TTL_MS),
    ).length;
    return org.members.length + pending;
  }

  private refuseLosingLastAdmin(org: SeedOrg, what: 'demote' | 'remove'): void {
    if (this.membersOf(org).adminCount <= 1) {
      throw validationFailure(
        `Cannot ${what} the last admin of the organization: an organization must have at least one admin`,
      );
    }
  }

  private userForEmail(email: string): SeedUser {
    const existing = this.seed.users.find((u) => emailKey(u.email) === emailKey(email));
    if (existing !== undefined) return existing;
    const localPart = email.split('@')[0] ?? email;
    const user: SeedUser = { id: this.newId(), email, firstName: localPart || email };
    this.seed.users.push(user);
    return user;
  }

  /** Each org's members indexed; rebuilt when the org's members array or the users are replaced or grow. */
  private readonly orgMembers = new WeakMap<SeedOrg, OrgMembers>();

  private membersOf(org: SeedOrg): OrgMembers {
    const users = this.seed.users;
    const cached = this.orgMembers.get(org);
    const from = cached?.builtFrom;
    if (
      cached !== undefined &&
      from?.members === org.members &&
      from.memberCount === org.members.length &&
      from.users === users &&
      from.userCount === users.length
    ) {
      return cached;
    }
    const built = new OrgMembers(
      org,
      users,
      (id) => this.findUser(id),
      (m) => this.memberView(m),
    );
    this.orgMembers.set(org, built);
    return built;
  }

  /** Users by lower-cased id, rebuilt when the users array is replaced or grows (orgView is O(members)). */
  private userIndex: { users: SeedUser[]; size: number; byId: Map<string, SeedUser> } | undefined;

  private findUser(userId: string): SeedUser | undefined {
    const users = this.seed.users;
    if (this.userIndex?.users !== users || this.userIndex.size !== users.length) {
      const byId = new Map<string, SeedUser>();
      for (const u of users) if (!byId.has(u.id.toLowerCase())) byId.set(u.id.toLowerCase(), u);
      this.userIndex = { users, size: users.length, byId };
    }
    return this.userIndex.byId.get(userId.toLowerCase());
  }

  private summaryOf(org: SeedOrg): Record<string, unknown> {
    return {
      ...usageSummary(fleetOf(org.id, org.usage), this.now()),
      apiTokenCount: (this.seed.tokens ?? []).length,
      memberCount: org.members.length,
      pendingInviteCount: (org.invites ?? []).length,
    };
  }

  private touch(org: SeedOrg): void {
    org.lastUpdated = new Date(this.now()).toISOString();
  }

  /** Whether a user, org or invite already has this (lower-case) id; O(orgs + invites), users by index. */
  private idInUse(id: string): boolean {
    return (
      this.findUser(id) !== undefined ||
      this.seed.orgs.some(
        (o) =>
          o.id.toLowerCase() === id || (o.invites ?? []).some((i) => i.id.toLowerCase() === id),
      )
    );
  }

  /** A Mongo-style ObjectId: 4 bytes of seconds, then 8 random bytes, unique in this state. */
  newId(): string {
    for (;;) {
      const seconds = Math.floor(this.now() / 1000) >>> 0;
      const id = seconds.toString(16).padStart(8, '0') + randomBytes(8).toString('hex');
      if (!this.idInUse(id)) return id;
    }
  }
}

function filterSummary(
  summary: Record<string, unknown>,
  filter: SummaryFilter,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(summary).filter(
      ([key]) =>
        (filter.include === undefined || filter.include.includes(key)) &&
        !(filter.exclude ?? []).includes(key),
    ),
  );
}
