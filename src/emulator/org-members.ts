// One org's members indexed, with their JSON kept: at 10,000 members, scanning or serializing them on
// every call cost more than the call itself, and the member actions answer with the whole org.
import { emailKey } from '../model/access.js';
import type { LosantOrgMember } from '../losant/types.js';
import type { SeedMember, SeedOrg, SeedUser } from './emulator-seed.js';

/** The member as Losant shows it (email and names come from the user). */
export type MemberView = (member: SeedMember) => LosantOrgMember;

/** Members per segment of kept JSON: a change encodes one segment again, never the whole list. */
const SEGMENT = 128;

/** Shared by every answer: written, never changed. */
const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** Consecutive members of org.members and their JSON, joined by commas (undefined once one changed). */
interface Segment {
  members: SeedMember[];
  json: Buffer | undefined;
}

export class OrgMembers {
  private readonly byId = new Map<string, SeedMember>();
  /** Email keys of the members' users; a count, since a member without a user has the key ''. */
  private readonly emailKeys = new Map<string, number>();
  private readonly fragments = new Map<SeedMember, string>();
  /** In org order: their members, one after the other, are org.members. */
  private segments: Segment[] = [];
  private readonly segmentOf = new Map<SeedMember, Segment>();
  private admins = 0;
  /** The members array's JSON as chunks to send one after the other; undefined once it changed. */
  private chunks: Buffer[] | undefined;

  /** What the index was built from: a different array (or users) means it is stale. */
  readonly builtFrom: {
    members: SeedMember[];
    users: SeedUser[];
    userCount: number;
    memberCount: number;
  };

  constructor(
    private readonly org: SeedOrg,
    users: SeedUser[],
    private readonly findUser: (userId: string) => SeedUser | undefined,
    private readonly view: MemberView,
  ) {
    for (const member of org.members) this.index(member);
    this.builtFrom = {
      members: org.members,
      users,
      userCount: users.length,
      memberCount: org.members.length,
    };
  }

  find(userId: string): SeedMember | undefined {
    return this.byId.get(userId.toLowerCase());
  }

  hasEmail(email: string): boolean {
    return (this.emailKeys.get(emailKey(email)) ?? 0) > 0;
  }

  get adminCount(): number {
    return this.admins;
  }

  /** Call before changing a member in place, and the function it returns after. */
  changing(member: SeedMember): () => void {
    if (member.role === 'admin') this.admins -= 1;
    return () => {
      if (member.role === 'admin') this.admins += 1;
      this.fragments.delete(member);
      this.segmentChanged(member);
    };
  }

  /** After `member` was pushed onto org.members. */
  added(member: SeedMember): void {
    this.index(member);
    this.builtFrom.memberCount = this.org.members.length;
    this.chunks = undefined;
  }

  /** After `member` was taken out of org.members. */
  removed(member: SeedMember): void {
    const id = member.userId.toLowerCase();
    if (this.byId.get(id) === member) this.byId.delete(id);
    const key = this.emailKeyOf(member);
    const count = (this.emailKeys.get(key) ?? 0) - 1;
    if (count > 0) this.emailKeys.set(key, count);
    else this.emailKeys.delete(key);
    if (member.role === 'admin') this.admins -= 1;
    this.fragments.delete(member);
    const segment = this.segmentOf.get(member);
    if (segment !== undefined) {
      segment.members.splice(segment.members.indexOf(member), 1);
      segment.json = undefined;
      if (segment.members.length === 0) this.segments = this.segments.filter((s) => s !== segment);
    }
    this.segmentOf.delete(member);
    this.chunks = undefined;
    this.builtFrom.memberCount = this.org.members.length;
  }

  /**
   * The JSON of every member's view, in org order, as a `[...]` array: chunks to write one after the
   * other (concatenated, the same bytes as JSON.stringify of the views), so that no answer copies them.
   */
  membersJson(): Buffer[] {
    if (this.chunks === undefined) {
      const chunks: Buffer[] = [OPEN];
      for (const segment of this.segments) {
        if (chunks.length > 1) chunks.push(COMMA);
        chunks.push((segment.json ??= this.segmentJson(segment)));
      }
      chunks.push(CLOSE);
      this.chunks = chunks;
    }
    return this.chunks;
  }

  private segmentJson(segment: Segment): Buffer {
    const fragments = segment.members.map((member) => {
      let fragment = this.fragments.get(member);
      if (fragment === undefined) {
        fragment = JSON.stringify(this.view(member));
        this.fragments.set(member, fragment);
      }
      return fragment;
    });
    return Buffer.from(fragments.join(','));
  }

  private segmentChanged(member: SeedMember): void {
    const segment = this.segmentOf.get(member);
    if (segment !== undefined) segment.json = undefined;
    this.chunks = undefined;
  }

  private index(member: SeedMember): void {
    const id = member.userId.toLowerCase();
    if (!this.byId.has(id)) this.byId.set(id, member);
    const key = this.emailKeyOf(member);
    this.emailKeys.set(key, (this.emailKeys.get(key) ?? 0) + 1);
    if (member.role === 'admin') this.admins += 1;
    let last = this.segments.at(-1);
    if (last === undefined || last.members.length >= SEGMENT) {
      last = { members: [], json: undefined };
      this.segments.push(last);
    }
    last.members.push(member);
    last.json = undefined;
    this.segmentOf.set(member, last);
  }

  private emailKeyOf(member: SeedMember): string {
    return emailKey(this.findUser(member.userId)?.email ?? '');
  }
}
