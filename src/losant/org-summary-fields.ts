// The summary fields of Losant's org (schemas/losant/org.json, `summary`), and what losant-org asks for.
import type { SummaryFields } from './types.js';

/** Every field of the org's `summary` in schemas/losant/org.json (a test keeps the two equal). */
export const ORG_SUMMARY_FIELDS = [
  'apiTokenCount',
  'appCount',
  'certificateCount',
  'certificateAuthorityCount',
  'credentialCount',
  'dashCount',
  'dataTableCount',
  'deviceCount',
  'deviceRecipeCount',
  'eventCount',
  'experienceDomainCount',
  'experienceEndpointCount',
  'experienceGroupCount',
  'experienceSlugCount',
  'experienceUserCount',
  'experienceVersionCount',
  'experienceViewCount',
  'fileCount',
  'flowCount',
  'integrationCount',
  'keyCount',
  'notebookCount',
  'privateFileCount',
  'resourceJobCount',
  'webhookCount',
  'memberCount',
  'pendingInviteCount',
  'payloadCount',
  'storageStats',
  'notebookStats',
] as const;

/**
 * What plan, apply, export and the read-back ask for: no summary at all. They count members and
 * pending invites from the lists they read anyway (the limit comes from `limits`, which is not a
 * summary field), so Losant need not compute any summary count (payloadCount, storageStats, ...).
 * summaryExclude is defined by the API description as "summary fields to exclude from org summary".
 */
export const NO_SUMMARY: Readonly<SummaryFields> = Object.freeze({
  summaryExclude: [...ORG_SUMMARY_FIELDS],
});
