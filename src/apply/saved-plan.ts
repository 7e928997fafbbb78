// A plan saved by `plan --out plan.json`: checked as a whole, and applied only to the live state it was made from.
import { formatProblem } from '../config/problem.js';
import { validateConfigText } from '../config/validate-config-text.js';
import type { LosantApi } from '../losant/api.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../losant/json-nesting.js';
import { readLiveOrg, toLiveOrg } from '../losant/read-live-org.js';
import { emailKey, sameAccess, type Access, type ResourceRoleGrant } from '../model/access.js';
import type { DesiredOrg, SourceLocation } from '../model/desired-org.js';
import { LosantOrgError } from '../model/errors.js';
import { PHASES, type OrgPlan, type Plan } from '../model/plan.js';
import { canonicalJson, fingerprintLiveOrg, hashPlan } from '../plan/fingerprint.js';

/** The file is not a plan this version can apply; the message says why and what to do. */
export class SavedPlanError extends LosantOrgError {
  readonly kind = 'usage';
  override readonly name = 'SavedPlanError';
}

/** Planning now gives another plan than the saved one: nothing is written; the message says what changed. */
export class StalePlanError extends LosantOrgError {
  readonly kind = 'refusal';
  override readonly name = 'StalePlanError';

  constructor(
    readonly changes: string[],
    file: string,
  ) {
    super(
      `planning now gives another plan than ${file}; the org changed since it was made:\n${changes.map((c) => `  ${c}`).join('\n')}\n` +
        `Nothing was written. Make a new plan (losant-org plan <files> --out ${file}) and apply that one.`,
    );
  }
}

/** A saved plan as read back: the plan, and what each org was planned from. */
export interface SavedPlan extends Plan {
  /** Each org's desired state, in the order of `orgs`, checked like a configuration file. */
  desired: DesiredOrg[];
  /** --allow-removals N of the plan, when it was given. */
  allowRemovals?: number;
  /** --allow-changes N of the plan, when it was given. */
  allowChanges?: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The access an operation shows (`after`) is the one its body sends: what a reviewer read is what is
 * written. Both must list their resource roles, as the planner always writes them: to the API a body
 * without them is not the same as one that sends none.
 */
function sameAccessAs(shown: Json, body: Json): boolean {
  const access = (source: Json): Access | undefined => {
    const applicationRoles = source['applicationRoles'];
    const dashboardRoles = source['dashboardRoles'];
    if (!Array.isArray(applicationRoles) || !Array.isArray(dashboardRoles)) return undefined;
    return {
      role: source['role'] as Access['role'],
      applicationRoles: applicationRoles as ResourceRoleGrant[],
      dashboardRoles: dashboardRoles as ResourceRoleGrant[],
    };
  };
  const a = access(shown);
  const b = access(body);
  if (a === undefined || b === undefined) return false;
  try {
    return sameAccess(a, b);
  } catch {
    // Grants without a resourceId: not something the planner writes.
    return false;
  }
}

/** What an operation needs to be sent exactly as planned; the first thing missing, or undefined. */
function operationProblem(op: unknown, orgId: string): string | undefined {
  if (!isObject(op)) return 'is not an object';
  if (!isString(op['id'])) return 'has no id';
  if (op['orgId'] !== orgId)
    return `targets org ${String(op['orgId'])}, not its plan's org ${orgId}`;
  if (!(PHASES as readonly unknown[]).includes(op['phase'])) return 'has no valid phase';
  if (!Array.isArray(op['dependsOn']) || !op['dependsOn'].every(isString)) {
    return 'has no dependsOn list';
  }
  const target = op['target'];
  if (!isObject(target)) return 'has no target';
  const body = op['body'];
  const query = op['query'];
  switch (op['action']) {
    case 'patch':
      if (!isObject(body) || !isObject(op['after'])) return 'has no body';
      return canonicalJson(body) === canonicalJson(op['after'])
        ? undefined
        : 'shows some property values and sends others';
    case 'inviteMember':
      if (!isObject(body) || !isString(body['email']) || !isObject(op['after'])) {
        return 'has no invite body or access';
      }
      if (!isString(target['email']) || emailKey(target['email']) !== emailKey(body['email'])) {
        return 'names one person and invites another';
      }
      return sameAccessAs(op['after'], body) ? undefined : 'says one access and sends another';
    case 'modifyMember':
      if (!isObject(body) || !isString(body['userId']) || !isObject(op['after'])) {
        return 'has no member body or access';
      }
      if (body['userId'] !== target['userId']) return 'names one member and changes another';
      return sameAccessAs(op['after'], body) ? undefined : 'says one access and sends another';
    case 'removeMember':
      if (!isObject(query) || !isString(query['userId']) || !isObject(op['before'])) {
        return 'has no userId';
      }
      return query['userId'] === target['userId']
        ? undefined
        : 'names one member and removes another';
    case 'revokeInvite':
      if (!isObject(query) || !isString(query['inviteId']) || !isObject(op['before'])) {
        return 'has no inviteId';
      }
      return query['inviteId'] === target['inviteId']
        ? undefined
        : 'names one invite and revokes another';
    default:
      return `has an unknown action ${JSON.stringify(op['action'])}`;
  }
}

/** `line:col` (1-based) of a character offset in the text. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return `${before.split('\n').length}:${offset - lineStart + 1}`;
}

/**
 * The plan in a saved plan document; refuses files that are not plans, are of another format
 * version, or whose operations were edited after the plan was made (their hash no longer matches).
 */
export function parseSavedPlan(text: string, file: string): SavedPlan {
  let doc: unknown;
  if (nestsDeeperThan([Buffer.from(text, 'utf8')], MAX_JSON_DEPTH)) {
    throw new SavedPlanError(
      `${file} nests JSON more than ${MAX_JSON_DEPTH} levels deep, which no saved plan does; make the plan again with losant-org plan --out`,
    );
  }
  try {
    doc = JSON.parse(text);
  } catch (error) {
    // Not the parser's words: they quote the file, which may be anything but a plan (secrets too).
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const where = position === null ? file : `${file}:${lineAndColumn(text, Number(position[1]))}`;
    throw new SavedPlanError(
      `${where}: not valid JSON, so not a saved plan; make the plan again with losant-org plan --out`,
    );
  }
  if (!isObject(doc) || !('formatVersion' in doc)) {
    throw new SavedPlanError(
      `${file} is not a saved plan (no formatVersion); save one with: losant-org plan <files> --out ${file}`,
    );
  }
  if (doc['formatVersion'] !== 1) {
    throw new SavedPlanError(
      `${file} has plan format version ${JSON.stringify(doc['formatVersion'])}; this losant-org applies version 1: plan again with this version`,
    );
  }
  const orgs = doc['orgs'];
  if (!Array.isArray(orgs) || !isString(doc['hash'])) {
    throw new SavedPlanError(
      `${file} has no orgs or no hash; make the plan again with losant-org plan --out`,
    );
  }
  orgs.forEach((org: unknown, i) => {
    const where = `${file}: orgs[${i}]`;
    if (!isObject(org) || !isString(org['orgId']) || !isString(org['fingerprint'])) {
      throw new SavedPlanError(`${where} has no orgId or fingerprint; make the plan again`);
    }
    if (!Array.isArray(org['operations']) || !Array.isArray(org['refusals'])) {
      throw new SavedPlanError(`${where} has no operations or refusals; make the plan again`);
    }
    org['operations'].forEach((op: unknown, j) => {
      const problem = operationProblem(op, org['orgId'] as string);
      if (problem !== undefined) {
        throw new SavedPlanError(`${where}.operations[${j}] ${problem}; make the plan again`);
      }
    });
  });
  const plan = doc as unknown as Plan;
  if (hashPlan(plan.orgs) !== plan.hash) {
    throw new SavedPlanError(
      `${file} was changed after it was made: its operations no longer match its hash. Nothing was written; make the plan again with losant-org plan --out`,
    );
  }
  const allowRemovals = savedAllowance(doc, 'allowRemovals', file);
  const allowChanges = savedAllowance(doc, 'allowChanges', file);
  const desired = plan.orgs.map((org, i) => savedDesiredOrg(org, `${file}: orgs[${i}]`));
  return {
    ...plan,
    desired,
    ...(allowRemovals === undefined ? {} : { allowRemovals }),
    ...(allowChanges === undefined ? {} : { allowChanges }),
  };
}

/** An override the plan was made with (--allow-removals N, --allow-changes N): a whole number or absent. */
function savedAllowance(doc: Json, key: string, file: string): number | undefined {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new SavedPlanError(`${file}: ${key} is not a whole number; make the plan again`);
  }
  return value;
}

/**
 * The configuration an org was planned from, checked like any configuration file (nothing of the
 * environment is read: its values were saved literal).
 */
function savedDesiredOrg(org: OrgPlan, where: string): DesiredOrg {
  const config = (org as OrgPlan & { desired?: unknown }).desired;
  if (!isObject(config)) {
    throw new SavedPlanError(
      `${where} has no desired configuration (a plan made by an older losant-org); make the plan again with losant-org plan --out`,
    );
  }
  const label = `${where}.desired`;
  const bytes = new TextEncoder().encode(JSON.stringify(config, null, 2));
  const checked = validateConfigText(label, bytes, {});
  const first = checked.errors[0];
  if (first !== undefined || checked.org === undefined) {
    const why = first === undefined ? 'it is not a configuration' : formatProblem(first);
    throw new SavedPlanError(`${label} is not a valid configuration: ${why}; make the plan again`);
  }
  if (checked.org.orgId !== org.orgId.toLowerCase()) {
    throw new SavedPlanError(
      `${label} declares org ${checked.org.orgId}, not its plan's org ${org.orgId}; make the plan again`,
    );
  }
  return { ...checked.org, file: isString(org.file) ? org.file : label };
}

/** The ids of the orgs whose live state no longer has the fingerprint their plan was made from. */
export async function staleOrgs(
  orgs: readonly Pick<OrgPlan, 'orgId' | 'fingerprint'>[],
  api: Pick<LosantApi, 'get' | 'pendingInvites'>,
): Promise<string[]> {
  const fingerprints = await Promise.all(
    orgs.map(async (org) => {
      const { org: read, invites } = await readLiveOrg(api, org.orgId);
      return fingerprintLiveOrg(toLiveOrg(read, invites));
    }),
  );
  return orgs.filter((org, i) => fingerprints[i] !== org.fingerprint).map((org) => org.orgId);
}

function savedSource(value: unknown): SourceLocation | undefined {
  if (!isObject(value) || !isString(value['file'])) return undefined;
  const { line, col } = value;
  const place = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
  return place(line) && place(col) ? { file: value['file'], line, col } : undefined;
}

/**
 * The plan made again from a saved plan (same hash, so the same operations in the same order), with
 * the places in the configuration and the files that the saved plan named: the desired state it
 * carries is one document, so planning again cannot know them. Shapes are checked; text is only shown.
 */
export function withSavedSources(plan: Plan, saved: Plan): Plan {
  const orgs = plan.orgs.map((org) => {
    const was = saved.orgs.find((o) => o.orgId === org.orgId);
    if (was === undefined) return org;
    const files = (was as { files?: unknown }).files;
    const savedOps: unknown[] = Array.isArray(was.operations) ? was.operations : [];
    const operations = org.operations.map((op, i) => {
      const saved = savedOps[i];
      const source = isObject(saved) ? savedSource(saved['source']) : undefined;
      const placed = { ...op };
      if (source === undefined) delete placed.source;
      else placed.source = source;
      return placed;
    });
    const withFiles =
      Array.isArray(files) && files.length > 1 && files.every(isString)
        ? { files: [...files] }
        : {};
    return { ...org, ...withFiles, file: isString(was.file) ? was.file : org.file, operations };
  });
  return { ...plan, orgs };
}
