// The Losant API as the core sees it: one method per action. The undici client implements it.
import type {
  LosantDeviceCounts,
  LosantMe,
  LosantNotebookMinuteCounts,
  LosantOrg,
  LosantOrgInvite,
  LosantOrgInvitePost,
  LosantOrgMemberPatch,
  LosantOrgPatch,
  LosantPayloadStats,
  LosantResourceTransfer,
  LosantSuccess,
  MeQuery,
  SummaryFields,
  TimeRange,
} from './types.js';

/**
 * Passed by a caller that does not read a write's answer (apply): the client then only checks that the
 * answer is a JSON object or array, without parsing it; at 10,000 members the org it holds is 2 MB.
 */
export interface UnreadAnswer {
  answer: 'unread';
}

/**
 * Optional arguments are the actions' optional query parameters (schemas/losant/api-info.json). Each
 * write's first signature, with UnreadAnswer, resolves once the write is made; its answer is not read.
 */
export interface LosantApi {
  get(orgId: string, summary?: SummaryFields): Promise<LosantOrg>;
  patch(
    orgId: string,
    body: LosantOrgPatch,
    summary: SummaryFields | undefined,
    options: UnreadAnswer,
  ): Promise<unknown>;
  patch(orgId: string, body: LosantOrgPatch, summary?: SummaryFields): Promise<LosantOrg>;
  delete(orgId: string): Promise<LosantSuccess>;
  deviceCounts(orgId: string, range?: TimeRange): Promise<LosantDeviceCounts>;
  notebookMinuteCounts(orgId: string, range?: TimeRange): Promise<LosantNotebookMinuteCounts>;
  payloadCounts(
    orgId: string,
    range?: TimeRange & { asBytes?: boolean },
  ): Promise<LosantPayloadStats>;
  pendingInvites(orgId: string): Promise<LosantOrgInvite[]>;
  inviteMember(orgId: string, body: LosantOrgInvitePost, options: UnreadAnswer): Promise<unknown>;
  inviteMember(orgId: string, body: LosantOrgInvitePost): Promise<LosantOrgInvite[]>;
  revokeInvite(orgId: string, inviteId: string, options: UnreadAnswer): Promise<unknown>;
  revokeInvite(orgId: string, inviteId: string): Promise<LosantOrgInvite[]>;
  modifyMember(
    orgId: string,
    body: LosantOrgMemberPatch,
    summary: SummaryFields | undefined,
    options: UnreadAnswer,
  ): Promise<unknown>;
  modifyMember(
    orgId: string,
    body: LosantOrgMemberPatch,
    summary?: SummaryFields,
  ): Promise<LosantOrg>;
  removeMember(
    orgId: string,
    userId: string,
    summary: SummaryFields | undefined,
    options: UnreadAnswer,
  ): Promise<unknown>;
  removeMember(orgId: string, userId: string, summary?: SummaryFields): Promise<LosantOrg>;
  transferResources(orgId: string, body: LosantResourceTransfer): Promise<LosantSuccess>;
  me(query?: MeQuery): Promise<LosantMe>;
}
