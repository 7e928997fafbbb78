// Words for an org that could not be read: which org, which action failed, and what to do.
import type { UnreadableOrg } from '../model/plan.js';

/** One line: the org and its file, that it has no plan, and the API error (action, answer, advice). */
export function describeUnreadable(org: UnreadableOrg): string {
  return `org ${org.orgId} (${org.file}) could not be read, so it has no plan and nothing is written to it: ${org.message}`;
}
