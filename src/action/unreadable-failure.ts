// The Action's failure when an org could not be read: after the other orgs' plans were shown.
import type { Plan } from '../model/plan.js';
import { describeUnreadable } from '../plan/describe-unreadable.js';
import { ActionFailure } from './action-failure.js';

/** `api-error` naming every org that could not be read, or undefined when every org was read. */
export function unreadableFailure(plan: Plan): ActionFailure | undefined {
  const unreadable = plan.unreadable ?? [];
  if (unreadable.length === 0) return undefined;
  return new ActionFailure('api-error', unreadable.map(describeUnreadable).join('\n'));
}
