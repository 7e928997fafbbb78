// Several files that declare the same org are one org: their members are merged, profiles are
// shared, and the org's properties and policy are written in at most one of them. Pure: no I/O.
import { MANAGED_ORG_PROPERTIES } from '../model/desired-org.js';
import { list, own, record, type Loose } from './loose-value.js';
import { escapePointer, type NodePosition, type PositionMap } from './parse-config-yaml.js';
import type { Problem } from './problem.js';
import { quoteValue as quote } from './quote-value.js';

/** One file of the org, already free of YAML and schema problems. */
export interface OrgFile {
  file: string;
  value: unknown;
  positions: PositionMap;
}

export interface MergedOrgFiles {
  /** The file that holds the org's policy, else its properties, else the first file. */
  file: string;
  /** Every file of the org, in the order given. */
  files: string[];
  /** One version-1 document; every position names the file it is in. */
  value: Loose;
  positions: PositionMap;
  /** Something written in two files that may be written in one only. */
  errors: Problem[];
}

/** Where `pointer` is written in `part`: at its key, for a value of a mapping. */
function placeIn(part: OrgFile, pointer: string): { line: number; col: number } {
  const found = part.positions.get(pointer);
  if (found === undefined) return { line: 1, col: 1 };
  const place = found.key ?? found;
  return { line: place.line, col: place.col };
}

function where(part: OrgFile, pointer: string): string {
  const { line, col } = placeIn(part, pointer);
  return `${part.file}:${line}:${col}`;
}

/** The org's managed properties a file writes (not `id`, which every file of the org writes). */
function propertiesOf(part: OrgFile): string[] {
  const org = record(record(part.value)?.['org']);
  return MANAGED_ORG_PROPERTIES.filter((key) => own(org, key) !== undefined);
}

/** Copies the positions of `part` that `matches` maps to a pointer of the merged document, naming the file. */
function copyPositions(
  into: PositionMap,
  part: OrgFile,
  matches: (pointer: string) => string | undefined,
): void {
  for (const [pointer, position] of part.positions) {
    const target = matches(pointer);
    if (target !== undefined && !into.has(target)) {
      const named: NodePosition = { ...position, file: part.file };
      into.set(target, named);
    }
  }
}

const under = (prefix: string) => (pointer: string) =>
  pointer === prefix || pointer.startsWith(`${prefix}/`) ? pointer : undefined;

/** Merges the files of one org (two or more, each valid on its own) into one document. */
export function mergeOrgFiles(parts: readonly OrgFile[]): MergedOrgFiles {
  const first = parts[0] as OrgFile;
  const errors: Problem[] = [];
  const conflict = (part: OrgFile, pointer: string, rule: string, message: string): void => {
    errors.push({ file: part.file, ...placeIn(part, pointer), rule, message });
  };
  const orgId = String(record(record(first.value)?.['org'])?.['id']);

  const withProperties = parts.filter((p) => propertiesOf(p).length > 0);
  const propertyOwner = withProperties[0];
  for (const other of withProperties.slice(1)) {
    const owner = propertyOwner as OrgFile;
    const ownerAt = where(owner, `/org/${propertiesOf(owner)[0] ?? ''}`);
    conflict(
      other,
      `/org/${propertiesOf(other)[0] ?? ''}`,
      'org-properties-twice',
      `the properties of org ${orgId} are already set in ${ownerAt}; set name, description and the other org properties in one file of the org`,
    );
  }
  const withPolicy = parts.filter((p) => own(record(p.value), 'policy') !== undefined);
  const policyOwner = withPolicy[0];
  for (const other of withPolicy.slice(1)) {
    conflict(
      other,
      '/policy',
      'policy-twice',
      `the policy of org ${orgId} is already set in ${where(policyOwner as OrgFile, '/policy')}; write policy in one file of the org`,
    );
  }

  const value: Loose = Object.create(null) as Loose;
  const positions: PositionMap = new Map();
  value['version'] = 1;
  const org: Loose = Object.create(null) as Loose;
  org['id'] = orgId;
  value['org'] = org;
  copyPositions(positions, first, (p) => (p === '' || p === '/version' ? p : undefined));
  copyPositions(positions, first, (p) => (p === '/org' || p === '/org/id' ? p : undefined));
  if (propertyOwner !== undefined) {
    const written = record(record(propertyOwner.value)?.['org']) ?? {};
    for (const key of propertiesOf(propertyOwner)) org[key] = written[key];
    copyPositions(positions, propertyOwner, (p) =>
      p.startsWith('/org/') && p !== '/org/id' ? p : undefined,
    );
  }
  if (policyOwner !== undefined) {
    value['policy'] = own(record(policyOwner.value), 'policy');
    copyPositions(positions, policyOwner, under('/policy'));
  }

  const profiles: Loose = Object.create(null) as Loose;
  const profileOwner = new Map<string, OrgFile>();
  let anyProfiles = false;
  for (const part of parts) {
    const declared = record(own(record(part.value), 'profiles'));
    if (declared === undefined) continue;
    if (!anyProfiles) copyPositions(positions, part, (p) => (p === '/profiles' ? p : undefined));
    anyProfiles = true;
    for (const name of Object.keys(declared)) {
      const pointer = `/profiles/${escapePointer(name)}`;
      const owner = profileOwner.get(name);
      if (owner !== undefined) {
        conflict(
          part,
          pointer,
          'profile-twice',
          `profile ${quote(name)} is already defined in ${where(owner, pointer)}; define each profile in one file of the org (every file of the org can use it)`,
        );
        continue;
      }
      profileOwner.set(name, part);
      profiles[name] = declared[name];
      copyPositions(positions, part, under(pointer));
    }
  }
  if (anyProfiles) value['profiles'] = profiles;

  const members: unknown[] = [];
  let anyMembers = false;
  for (const part of parts) {
    const declared = list(own(record(part.value), 'members'));
    if (declared === undefined) continue;
    if (!anyMembers) copyPositions(positions, part, (p) => (p === '/members' ? p : undefined));
    anyMembers = true;
    const offset = members.length;
    members.push(...declared);
    copyPositions(positions, part, (p) => {
      const match = /^\/members\/(\d+)(\/.*)?$/.exec(p);
      return match === null ? undefined : `/members/${offset + Number(match[1])}${match[2] ?? ''}`;
    });
  }
  if (anyMembers) value['members'] = members;

  const file = policyOwner?.file ?? propertyOwner?.file ?? first.file;
  return { file, files: parts.map((p) => p.file), value, positions, errors };
}
