// Request bodies checked against Losant's own request schemas (schemas/losant/), compiled once.
import orgInvitePost from '../../schemas/losant/orgInvitePost.json' with { type: 'json' };
import orgMemberPatch from '../../schemas/losant/orgMemberPatch.json' with { type: 'json' };
import orgPatch from '../../schemas/losant/orgPatch.json' with { type: 'json' };
import resourceTransfer from '../../schemas/losant/resourceTransfer.json' with { type: 'json' };
import type { ValidateFunction } from 'ajv';
import { createAjv, formatPath, validateWith } from './schema-validator.js';

/** The body parameter of each writing action, named as api-info.json names it. */
export type BodyKind = 'organization' | 'member' | 'invite' | 'transfer';

let compiled: Record<BodyKind, ValidateFunction> | undefined;

/** Compiled once per process; startEmulator calls it so that no API call pays for it. */
export function compileRequestValidators(): Record<BodyKind, ValidateFunction> {
  if (compiled === undefined) {
    const ajv = createAjv();
    compiled = {
      organization: ajv.compile(orgPatch),
      member: ajv.compile(orgMemberPatch),
      invite: ajv.compile(orgInvitePost),
      transfer: ajv.compile(resourceTransfer),
    };
  }
  return compiled;
}

/** A message naming every offending field (`invite.role must be one of: ...`), or undefined when valid. */
export function checkRequestBody(kind: BodyKind, body: unknown): string | undefined {
  if (body === undefined) return `${kind} is required`;
  const problems = validateWith(compileRequestValidators()[kind], body);
  if (problems.length === 0) return undefined;
  return problems.map((p) => `${formatPath(kind, p.path)} ${p.message}`).join('; ');
}
