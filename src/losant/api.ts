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

/** Optional arguments are the actions' optional query parameters (schemas/losant/api-info.json). */
export interface LosantApi {
  get(orgId: string, summary?: SummaryFields): Promise<LosantOrg>;
  patch(orgId: string, body: LosantOrgPatch, summary?: SummaryFields): Promise<LosantOrg>;
  delete(orgId: string): Promise<LosantSuccess>;
  deviceCounts(orgId: string, range?: TimeRange): Promise<LosantDeviceCounts>;
  notebookMinuteCounts(orgId: string, range?: TimeRange): Promise<LosantNotebookMinuteCounts>;
  payloadCounts(
    orgId: string,
    range?: TimeRange & { asBytes?: boolean },
  ): Promise<LosantPayloadStats>;
  pendingInvites(orgId: string): Promise<LosantOrgInvite[]>;
  inviteMember(orgId: string, body: LosantOrgInvitePost): Promise<LosantOrgInvite[]>;
  revokeInvite(orgId: string, inviteId: string): Promise<LosantOrgInvite[]>;
  modifyMember(
    orgId: string,
    body: LosantOrgMemberPatch,
    summary?: SummaryFields,
  ): Promise<LosantOrg>;
  removeMember(orgId: string, userId: string, summary?: SummaryFields): Promise<LosantOrg>;
  transferResources(orgId: string, body: LosantResourceTransfer): Promise<LosantSuccess>;
  me(query?: MeQuery): Promise<LosantMe>;
}
