// schemas/org-config.schema.json is strict, documented and bounded, agrees with the model, and
// docs/configuration.md documents every field and default it has.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/org-config.schema.json' with { type: 'json' };
import { validateConfigText } from '../../src/config/validate-config-text.js';
import { ORG_ROLES, RESOURCE_ROLES } from '../../src/model/access.js';
import { DEFAULT_POLICY, MANAGED_ORG_PROPERTIES, MFA_MODES } from '../../src/model/desired-org.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface SchemaNode {
  $ref?: string;
  type?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
}

const SCHEMA = schema as SchemaNode & { definitions: Record<string, SchemaNode> };

function resolveRef(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = SCHEMA.definitions[name];
  if (target === undefined) throw new Error(`dangling $ref ${node.$ref}`);
  return target;
}

/** Every subschema with the path that leads to it, $refs followed once per definition. */
function subschemas(): [string, SchemaNode][] {
  const found: [string, SchemaNode][] = [];
  const visit = (path: string, node: SchemaNode): void => {
    found.push([path, node]);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      visit(`${path}.${key}`, resolveRef(child));
    }
    if (typeof node.additionalProperties === 'object') {
      visit(`${path}.*`, resolveRef(node.additionalProperties));
    }
    if (node.propertyNames !== undefined) visit(`${path}.<name>`, node.propertyNames);
    if (node.items !== undefined) visit(`${path}[]`, resolveRef(node.items));
  };
  visit('', SCHEMA);
  return found;
}

/** The field names and their schemas, as `properties` lists them everywhere. */
function fields(): [string, SchemaNode][] {
  return subschemas().flatMap(([, node]) =>
    Object.entries(node.properties ?? {}).map(([key, child]): [string, SchemaNode] => [key, child]),
  );
}

describe('org-config.schema.json', () => {
  it('closes every mapping: unknown keys are errors, maps of profiles have a name rule', () => {
    const open = subschemas()
      .filter(([, node]) => node.type === 'object')
      .filter(([, node]) =>
        node.properties !== undefined
          ? node.additionalProperties !== false
          : node.propertyNames === undefined || node.maxProperties === undefined,
      )
      .map(([path]) => path);

    expect(open).toEqual([]);
  });

  it('describes every field, itself or through its $ref', () => {
    const undocumented = fields()
      .filter(([, node]) => (node.description ?? resolveRef(node).description) === undefined)
      .map(([key]) => key);

    expect(undocumented).toEqual([]);
  });

  it('bounds every string and list', () => {
    const unbounded = subschemas()
      .filter(
        ([, node]) =>
          (node.type === 'string' &&
            node.maxLength === undefined &&
            node.enum === undefined &&
            node.const === undefined) ||
          (node.type === 'array' && node.maxItems === undefined),
      )
      .map(([path]) => path);

    expect(unbounded).toEqual([]);
  });

  it("explains every enum value in the field's description", () => {
    const unexplained = subschemas().flatMap(([path, node]) =>
      (node.enum ?? [])
        .filter((value) => !(node.description ?? '').includes(`'${String(value)}'`))
        .map((value) => `${path}: ${String(value)}`),
    );

    expect(unexplained).toEqual([]);
  });

  it('agrees with the model: roles, MFA modes, org properties and policy keys', () => {
    const defs = SCHEMA.definitions;
    const props = SCHEMA.properties ?? {};

    expect({
      orgRoles: defs['orgRole']?.enum,
      resourceRoles: defs['resourceRole']?.enum,
      mfaModes: props['org']?.properties?.['mfaMode']?.enum,
      orgKeys: Object.keys(props['org']?.properties ?? {}),
      policyKeys: Object.keys(props['policy']?.properties ?? {}),
    }).toEqual({
      orgRoles: [...ORG_ROLES],
      resourceRoles: [...RESOURCE_ROLES],
      mfaModes: [...MFA_MODES],
      orgKeys: ['id', ...MANAGED_ORG_PROPERTIES],
      policyKeys: Object.keys(DEFAULT_POLICY),
    });
  });
});

describe('docs/configuration.md', () => {
  it('names every field of the schema', async () => {
    const docs = await readFile(resolve(ROOT, 'docs/configuration.md'), 'utf8');

    const missing = [...new Set(fields().map(([key]) => key))].filter(
      (key) => !docs.includes(`\`${key}\``),
    );

    expect(missing).toEqual([]);
  });

  it("gives each policy key's default as DEFAULT_POLICY has it", async () => {
    const docs = await readFile(resolve(ROOT, 'docs/configuration.md'), 'utf8');

    const documented = Object.fromEntries(
      [...docs.matchAll(/^\| `(\w+)` +\| `([^`]+)` +\|/gm)].map((m) => [m[1], m[2]]),
    );

    expect(documented).toEqual(
      Object.fromEntries(Object.entries(DEFAULT_POLICY).map(([k, v]) => [k, JSON.stringify(v)])),
    );
  });

  it('shows a first example that validates', async () => {
    const docs = await readFile(resolve(ROOT, 'docs/configuration.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';

    const result = validateConfigText('docs.yaml', new TextEncoder().encode(example), {});

    expect({ errors: result.errors, warnings: result.warnings }).toEqual({
      errors: [],
      warnings: [],
    });
  });
});
