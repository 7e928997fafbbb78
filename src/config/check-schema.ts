// The JSON Schema layer: the generated ajv validator, its errors turned into positioned, readable problems.
import type { ErrorObject } from 'ajv';
import schema from '../../schemas/org-config.schema.json' with { type: 'json' };
import { describeEmailProblem } from './describe-email-problem.js';
import { closestMatch, didYouMean } from './did-you-mean.js';
import { quoteValue as quote } from './quote-value.js';
import validateOrgConfig from './generated/org-config-validator.js';
import { escapePointer, type NodePosition, type PositionMap } from './parse-config-yaml.js';
import type { FileProblem } from './problem.js';

const ITEM_NOUNS: Record<string, string> = {
  members: 'member',
  applications: 'application role',
  dashboards: 'dashboard role',
  unmanaged: 'unmanaged pattern',
  allowedEmailDomains: 'allowed email domain',
};

const EXPECTED: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current)
      ? (current as unknown[])[Number(segment)]
      : (current as Record<string, unknown>)[segment];
  }
  return current;
}

function describeValue(value: unknown, source?: string): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number' && source !== undefined && source !== '')
    return `the number ${source}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

/** What the node at `segments` is called in a message: a key name, or a list item such as "member #2". */
function nounOf(segments: readonly string[], root: unknown): string {
  const last = segments.at(-1);
  if (last === undefined) return 'the file';
  const parent = segments.at(-2);
  if (parent === 'profiles' && segments.length === 2) return `profile ${quote(last)}`;
  if (/^\d+$/.test(last) && parent !== undefined && ITEM_NOUNS[parent] !== undefined) {
    const noun = ITEM_NOUNS[parent];
    const email =
      parent === 'members' ? (valueAt(root, segments) as { email?: unknown } | null) : null;
    if (email !== null && typeof email === 'object' && typeof email.email === 'string') {
      return `${noun} ${quote(email.email)}`;
    }
    return `${noun} #${Number(last) + 1}`;
  }
  return last;
}

/** "at the top level", "in org", "in member 'a@b.com'": where an unknown key was found. */
function whereOf(segments: readonly string[], root: unknown): string {
  return segments.length === 0 ? 'at the top level' : `in ${nounOf(segments, root)}`;
}

type SchemaNode = { properties?: Record<string, SchemaNode> };
const SCHEMA = schema as SchemaNode & { definitions: Record<string, SchemaNode> };

/** The keys allowed in the mapping at `segments` (ajv's schemaPath is relative to a $ref, so not used). */
function allowedKeys(segments: readonly string[]): string[] {
  const [first, second] = segments;
  let node: SchemaNode | undefined;
  if (first === undefined) node = SCHEMA;
  else if (segments.length === 1)
    node = Object.hasOwn(SCHEMA.properties ?? {}, first) ? SCHEMA.properties?.[first] : undefined;
  else if (first === 'profiles' && segments.length === 2) node = SCHEMA.definitions['profile'];
  else if (first === 'members' && segments.length === 2 && second !== undefined)
    node = SCHEMA.definitions['member'];
  else if (segments.length === 4) node = SCHEMA.definitions['resourceGrant'];
  return Object.keys(node?.properties ?? {});
}

function hexIdMessage(field: string, value: unknown): string {
  const written = typeof value === 'string' ? quote(value) : describeValue(value);
  return `${field} must be 24 hexadecimal characters (0-9, a-f) such as 5f0c1a2b3c4d5e6f70801a2b, not ${written}; copy it from the URL of its page in Losant`;
}

function typeHint(expected: string, value: unknown, position: NodePosition | undefined): string {
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `; quote it: '${position?.source ?? String(value)}'`;
  }
  if ((expected === 'integer' || expected === 'boolean') && position?.substituted === true) {
    return `; \${VAR} is substituted as text, so write the ${expected === 'integer' ? 'number' : 'value'} itself`;
  }
  return '';
}

function messageFor(
  error: ErrorObject,
  root: unknown,
  position?: NodePosition,
): { rule: string; message: string } {
  const segments = segmentsOf(error.instancePath);
  const noun = nounOf(segments, root);
  const value = valueAt(root, segments);
  const field = segments.at(-1) ?? '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const keys = allowedKeys(segments);
      const suggestion = didYouMean(key, keys);
      const tail = suggestion === '' ? `; allowed keys: ${keys.join(', ')}` : suggestion;
      return {
        rule: 'unknown-key',
        message: `unknown key ${quote(key)} ${whereOf(segments, root)}${tail}`,
      };
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      const hints: Record<string, string> = {
        version: '; start the file with version: 1',
        org: '; add org: with the id of the organization',
        id: '; add id: with 24 hexadecimal characters',
        email: "; add email: with the person's address",
        role:
          segments.at(-2) === 'applications' || segments.at(-2) === 'dashboards'
            ? '; add role: collaborate, view or none'
            : '; add role: admin, edit, collaborate, view or none',
      };
      return {
        rule: 'missing-key',
        message: `${noun} is missing '${missing}'${hints[missing] ?? ''}`,
      };
    }
    case 'anyOf':
      return {
        rule: 'role-or-profile',
        message: `${noun} needs a role or a profile; add role: (admin, edit, collaborate, view or none) or profile: with the name of a profile`,
      };
    case 'type': {
      const expected = String(params['type']);
      if (
        field !== '' &&
        /^\d+$/.test(field) &&
        segments.at(-2) === 'members' &&
        expected === 'object'
      ) {
        const example = typeof value === 'string' ? value : 'alice@acme.com';
        return {
          rule: 'wrong-type',
          message: `${noun} must be a mapping, not ${describeValue(value)}; write - { email: ${example}, role: view }`,
        };
      }
      return {
        rule: 'wrong-type',
        message: `${noun} must be ${EXPECTED[expected] ?? expected}, not ${describeValue(value, position?.source)}`,
      };
    }
    case 'const':
      return {
        rule: 'version',
        message: `version must be 1, not ${describeValue(value)}: this losant-org reads format version 1 only`,
      };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return {
        rule: 'not-allowed-value',
        message: `${noun} must be one of ${allowed.join(', ')}, not ${describeValue(value)}${suggestion}`,
      };
    }
    case 'pattern':
      if (field === 'id')
        return {
          rule: 'invalid-id',
          message: hexIdMessage(segments.length === 2 ? 'org id' : 'id', value),
        };
      if (segments.at(-2) === 'unmanaged') {
        return {
          rule: 'invalid-pattern',
          message: `${noun} ${quote(String(value))} must be an email address or a glob with one '@' and no spaces, such as '*@acme.com'`,
        };
      }
      if (field === 'expires') {
        return {
          rule: 'invalid-expires',
          message: `expires must be a date such as 2027-01-31 (the end of that day, UTC) or an RFC 3339 time such as 2027-01-31T17:00:00Z, not ${quote(String(value))}`,
        };
      }
      if (segments.at(-2) === 'allowedEmailDomains') {
        return {
          rule: 'invalid-domain',
          message: `${noun} ${quote(String(value))} must be a domain such as 'acme.com', or '*.acme.com' for its subdomains`,
        };
      }
      return {
        rule: 'invalid-value',
        message: `${noun} ${quote(String(value))} does not have the expected form`,
      };
    case 'format':
      return { rule: 'invalid-email', message: describeEmailProblem(field, String(value)) };
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params['limit']);
      if (error.keyword === 'minLength' && limit === 1)
        return { rule: 'empty-string', message: `${noun} must not be empty` };
      return {
        rule: 'length',
        message: `${noun} must be ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} characters long (it has ${[...String(value)].length})`,
      };
    }
    case 'maxItems': {
      const limit = Number(params['limit']);
      const count = Array.isArray(value) ? value.length : 0;
      const extra =
        field === 'applications' || field === 'dashboards'
          ? ` (Losant's limit for one person)`
          : '';
      return {
        rule: 'too-many',
        message: `${noun} has ${count} entries; at most ${limit} are allowed${extra}`,
      };
    }
    case 'minItems':
      return {
        rule: 'empty-list',
        message:
          field === 'allowedEmailDomains'
            ? 'allowedEmailDomains must list at least one domain; leave it out to allow any domain'
            : `${noun} must have at least ${String(params['limit'])} entries`,
      };
    case 'maxProperties':
      return {
        rule: 'too-many',
        message: `${noun} has more than ${String(params['limit'])} entries`,
      };
    case 'minimum':
    case 'maximum': {
      const limit = Number(params['limit']);
      const why: Record<string, string> = {
        minAdmins:
          error.keyword === 'minimum'
            ? ': an org without an admin cannot be managed, by losant-org or anyone'
            : '',
        maxRemovals:
          error.keyword === 'maximum'
            ? '; for a larger one-off clean-up, run apply with --allow-removals N'
            : '',
        maxChanges:
          error.keyword === 'maximum'
            ? '; for a larger one-off change, run apply with --allow-changes N'
            : '',
      };
      return {
        rule: 'out-of-range',
        message: `${noun} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${limit}, not ${describeValue(value)}${why[field] ?? ''}`,
      };
    }
    default:
      return { rule: 'schema', message: `${noun} ${error.message ?? 'is not valid'}` };
  }
}

function profileNameProblem(error: ErrorObject): { rule: string; message: string } {
  const name = String(error.propertyName ?? '');
  if (error.keyword === 'maxLength') {
    return {
      rule: 'invalid-profile-name',
      message: `profile name ${quote(name)} is longer than 64 characters`,
    };
  }
  return {
    rule: 'invalid-profile-name',
    message: `profile name ${quote(name)} must start with a letter and hold only letters, digits, '-', '_' and '.'`,
  };
}

function positionOf(positions: PositionMap, pointer: string): NodePosition {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const found = positions.get(p);
    if (found !== undefined) return found;
    if (p === '') return { line: 1, col: 1, kind: 'map' };
  }
}

/** Problems of `value` against schemas/org-config.schema.json, each at the node it is about. */
export function checkSchema(value: unknown, positions: PositionMap): FileProblem[] {
  if (validateOrgConfig(value)) return [];
  const errors = (validateOrgConfig.errors ?? []).filter(
    (e) => !e.schemaPath.includes('/anyOf/') && e.keyword !== 'propertyNames',
  );
  // "unknown key 'emial'; did you mean 'email'?" already says that email is missing.
  const suggested = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const key = String((e.params as Record<string, unknown>)['additionalProperty']);
        return `${e.instancePath}\u0000${closestMatch(key, allowedKeys(segmentsOf(e.instancePath))) ?? ''}`;
      }),
  );
  const hasPattern = new Set(
    errors.filter((e) => e.keyword === 'pattern').map((e) => e.instancePath),
  );
  const problems: FileProblem[] = [];
  for (const error of errors) {
    const missing = (error.params as Record<string, unknown>)['missingProperty'];
    if (
      error.keyword === 'required' &&
      suggested.has(`${error.instancePath}\u0000${String(missing)}`)
    ) {
      continue;
    }
    if (
      (error.keyword === 'minLength' || error.keyword === 'maxLength') &&
      hasPattern.has(error.instancePath) &&
      error.propertyName === undefined
    ) {
      continue;
    }
    if (error.propertyName !== undefined) {
      const pointer = `${error.instancePath}/${escapePointer(error.propertyName)}`;
      const position = positionOf(positions, pointer);
      problems.push({ ...(position.key ?? position), ...profileNameProblem(error) });
      continue;
    }
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as Record<string, unknown>)['additionalProperty']);
      const position = positionOf(positions, `${error.instancePath}/${escapePointer(key)}`);
      const { line, col } = position.key ?? position;
      problems.push({ line, col, ...messageFor(error, value) });
      continue;
    }
    const position = positionOf(positions, error.instancePath);
    const described = messageFor(error, value, position);
    if (error.keyword === 'type') {
      const segments = segmentsOf(error.instancePath);
      described.message += typeHint(
        String((error.params as Record<string, unknown>)['type']),
        valueAt(value, segments),
        positions.get(error.instancePath),
      );
    }
    // Errors about a whole mapping or list point at its key (`members:`), about a scalar at the value.
    const onKey =
      position.kind !== 'scalar' || error.keyword === 'required' || error.keyword === 'anyOf';
    const { line, col } = onKey ? (position.key ?? position) : position;
    problems.push({ line, col, ...described });
  }
  return problems;
}
