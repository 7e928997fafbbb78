// A member's application or dashboard roles: the profile's entries merged with the member's own.
import { list, record, text } from './loose-value.js';

export interface LooseGrant {
  id: string;
  role: unknown;
}

/** A list's grants with ids lower-cased, skipping entries the schema layer already complains about. */
export function grantsOf(value: unknown): LooseGrant[] {
  const grants: LooseGrant[] = [];
  for (const entry of list(value) ?? []) {
    const id = text(record(entry)?.['id']);
    if (id !== undefined) grants.push({ id: id.toLowerCase(), role: record(entry)?.['role'] });
  }
  return grants;
}

/** Profile entries first, in their order; a member entry replaces the profile's entry for the same id. */
export function mergeGrants(fromProfile: unknown, fromMember: unknown): LooseGrant[] {
  const merged = grantsOf(fromProfile);
  for (const grant of grantsOf(fromMember)) {
    const index = merged.findIndex((g) => g.id === grant.id);
    if (index === -1) merged.push(grant);
    else merged[index] = grant;
  }
  return merged;
}
