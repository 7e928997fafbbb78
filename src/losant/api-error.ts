// The one error for a failed Losant API call: what was called, what Losant said, and what to do.
import { LosantOrgError } from '../model/errors.js';
import { ACTIONS } from './actions.js';
import type { ApiAction } from './actions.js';

export interface LosantApiErrorDetails {
  action: ApiAction;
  orgId?: string;
  status?: number;
  losantType?: string;
  losantMessage?: string;
  /** The write may have happened: read the org back before deciding to repeat it. */
  ambiguous?: boolean;
  /** How many requests were made for this call. */
  attempts?: number;
  /** How long the server asked to wait (429 on a call the client does not retry). */
  retryAfterMs?: number;
  /** The underlying failure, already stripped of anything secret. */
  cause?: Error;
  /** The message without its "may or may not have been made" doubt: for once a read-back has settled it. */
  settledMessage?: string;
}

export class LosantApiError extends LosantOrgError {
  readonly kind = 'api';
  override readonly name = 'LosantApiError';
  readonly action: ApiAction;
  readonly orgId?: string;
  readonly status?: number;
  readonly losantType?: string;
  readonly losantMessage?: string;
  readonly ambiguous: boolean;
  readonly attempts: number;
  readonly retryAfterMs?: number;
  /** The message without the doubt of an ambiguous write, for a caller that has settled it by reading back. */
  readonly settledMessage: string;

  constructor(message: string, details: LosantApiErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.action = details.action;
    if (details.orgId !== undefined) this.orgId = details.orgId;
    if (details.status !== undefined) this.status = details.status;
    if (details.losantType !== undefined) this.losantType = details.losantType;
    if (details.losantMessage !== undefined) this.losantMessage = details.losantMessage;
    this.ambiguous = details.ambiguous ?? false;
    this.attempts = details.attempts ?? 1;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    this.settledMessage = details.settledMessage ?? message;
  }
}

/** What a call was about, for messages: the org, and the member or invite it names. */
export interface CallSubject {
  action: ApiAction;
  orgId?: string;
  userId?: string;
  inviteId?: string;
}

/** `Losant API org.get (org 5a...)`: where the failure happened. */
export function describeCall(subject: CallSubject): string {
  const org = subject.orgId === undefined ? '' : ` on org ${subject.orgId}`;
  return `Losant API ${subject.action}${org}`;
}

/** The scopes an action accepts, most specific first: `org.inviteMember, org.*, all.Organization, ...`. */
export function scopesToOffer(action: ApiAction): string[] {
  const resource = action.split('.')[0] ?? '';
  const scopes = ACTIONS[action].scopes;
  const rank = (scope: string): number =>
    scope === action ? 0 : scope === `${resource}.*` ? 1 : 2;
  return [...scopes].sort((a, b) => rank(a) - rank(b));
}

/** Which thing a 404 is about, from the action and, when it says, Losant's message. */
export function describeNotFound(subject: CallSubject, losantMessage: string | undefined): string {
  const said = (losantMessage ?? '').toLowerCase();
  const org = subject.orgId === undefined ? 'the org' : `the org ${subject.orgId}`;
  const orgMissing = `${org} was not found: check the org id and that this token's user belongs to it`;
  if (subject.action === 'me.get') return "the token's user was not found: check LOSANT_API_TOKEN";
  const saysOrg = /\borg(anization)?\b/.test(said);
  if (subject.inviteId !== undefined) {
    if (saysOrg && !said.includes('invite')) return orgMissing;
    const which = said.includes('invite') ? '' : ' (or the org does not exist)';
    return `the invite ${subject.inviteId} was not found in ${org}${which}: it may have been accepted, revoked or never existed; run plan again`;
  }
  if (subject.userId !== undefined) {
    if (saysOrg && !/member|user/.test(said)) return orgMissing;
    const which = /member|user/.test(said) ? '' : ' (or the org does not exist)';
    return `the member ${subject.userId} was not found in ${org}${which}: they may have left or been removed already; run plan again`;
  }
  return orgMissing;
}
