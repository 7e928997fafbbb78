// One org's members indexed, with each member's JSON kept: at 10,000 members, scanning or serializing
// them on every call cost more than the call itself, and the org actions answer with the whole org.
import { emailKey } from '../model/access.js';
import type { LosantOrgMember } from '../losant/types.js';
import type { SeedMember, SeedOrg, SeedUser } from './emulator-seed.js';

/** The member as Losant shows it (email and names come from the user). */
export type MemberView = (member: SeedMember) => LosantOrgMember;

/** Members per block of kept JSON: a change re-encodes one block, the answer copies the blocks. */
const BLOCK = 128;

export class OrgMembers {
  private readonly byId = new Map<string, SeedMember>();
  /** Email keys of the members' users; a count, since a member without a user has the key ''. */
  private readonly emailKeys = new Map<string, number>();
  private readonly fragments = new Map<SeedMember, string>();
  /** JSON of members [b * BLOCK, (b + 1) * BLOCK), joined by commas; undefined when it changed. */
  private readonly blocks: (Buffer | undefined)[] = [];
  private admins = 0;
  private json: Buffer | undefined;

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

  /** Call before changing a member in place: its JSON and the admin count are brought up to date after. */
  changing(member: SeedMember): () => void {
    if (member.role === 'admin') this.admins -= 1;
    return () => {
      if (member.role === 'admin') this.admins += 1;
      this.fragments.delete(member);
      this.blocks[Math.floor(this.org.members.indexOf(member) / BLOCK)] = undefined;
      this.json = undefined;
    };
  }

  /** After `member` was pushed onto org.members. */
  added(member: SeedMember): void {
    this.index(member);
    this.builtFrom.memberCount = this.org.members.length;
    this.dropBlocksFrom(this.org.members.length - 1);
  }

  /** After `member`, which was at `position`, was taken out of org.members. */
  removed(member: SeedMember, position: number): void {
    const id = member.userId.toLowerCase();
    if (this.byId.get(id) === member) this.byId.delete(id);
    const key = this.emailKeyOf(member);
    const count = (this.emailKeys.get(key) ?? 0) - 1;
    if (count > 0) this.emailKeys.set(key, count);
    else this.emailKeys.delete(key);
    if (member.role === 'admin') this.admins -= 1;
    this.fragments.delete(member);
    this.builtFrom.memberCount = this.org.members.length;
    this.dropBlocksFrom(position);
  }

  /** `[...]` of every member, in org order: the same bytes as JSON.stringify of their views. */
  membersJson(): Buffer {
    if (this.json === undefined) {
      const count = Math.ceil(this.org.members.length / BLOCK);
      this.blocks.length = count;
      const parts: Buffer[] = [Buffer.from('[')];
      for (let b = 0; b < count; b += 1) {
        if (b > 0) parts.push(Buffer.from(','));
        parts.push((this.blocks[b] ??= this.blockJson(b)));
      }
      parts.push(Buffer.from(']'));
      this.json = Buffer.concat(parts);
    }
    return this.json;
  }

  private blockJson(block: number): Buffer {
    const members = this.org.members.slice(block * BLOCK, (block + 1) * BLOCK);
    const fragments = members.map((member) => {
      let fragment = this.fragments.get(member);
      if (fragment === undefined) {
        fragment = JSON.stringify(this.view(member));
        this.fragments.set(member, fragment);
      }
      return fragment;
    });
    return Buffer.from(fragments.join(','));
  }

  /** Members from `position` on moved or changed: their blocks are encoded again. */
  private dropBlocksFrom(position: number): void {
    this.blocks.length = Math.min(this.blocks.length, Math.floor(position / BLOCK));
    this.json = undefined;
  }

  private index(member: SeedMember): void {
    const id = member.userId.toLowerCase();
    if (!this.byId.has(id)) this.byId.set(id, member);
    const key = this.emailKeyOf(member);
    this.emailKeys.set(key, (this.emailKeys.get(key) ?? 0) + 1);
    if (member.role === 'admin') this.admins += 1;
  }

  private emailKeyOf(member: SeedMember): string {
    return emailKey(this.findUser(member.userId)?.email ?? '');
  }
}
