// Every shape a saved plan must have, one refusal each, with its words: a saved plan is data from
// outside (hand-edited, truncated, from another version), never believed. Also: the fingerprint
// check against the live org, and the sources and files carried over from the saved plan.
import { afterEach, describe, expect, it } from 'vitest';
import {
  parseSavedPlan,
  SavedPlanError,
  staleOrgs,
  StalePlanError,
  withSavedSources,
} from '../../src/apply/saved-plan.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { LosantOrgError } from '../../src/model/errors.js';
import type { Operation, OrgPlan, Plan } from '../../src/model/plan.js';
import { buildPlans } from '../../src/plan/build-plan.js';
import { hashPlan } from '../../src/plan/fingerprint.js';
import { renderJson } from '../../src/plan/render-json.js';
import {
  access,
  NOW,
  ORG_ID,
  declared,
  desiredOrg,
  invite,
  liveOrg,
  member,
} from '../plan/plan-fixtures.js';
import { loadExample, planLive, startApplyEnv, type ApplyEnv } from './apply-fixtures.js';
import { savedPlanProblem } from './saved-plan-fixtures.js';

type Json = Record<string, unknown>;

/** A plan of every action: a patch, an invite, a change, a removal and a revoke. */
function savedPlanText(extra: { allowRemovals?: number; allowChanges?: number } = {}): string {
  const desired = desiredOrg(
    [
      declared('ada@acme.com', 'admin'),
      declared('bob@acme.com', access('edit', [['aaaaaaaaaaaaaaaaaaaaaaa1', 'view']])),
      declared('dave@acme.com', 'edit'),
    ],
    {},
    { name: 'Acme', description: 'Fleet' },
  );
  const plan = buildPlans([
    {
      desired,
      live: liveOrg({
        properties: { name: 'Acme', description: 'Old' },
        members: [
          member('u1', 'ada@acme.com', 'admin'),
          member('u2', 'bob@acme.com', 'view'),
          member('u3', 'ken@acme.com', 'view'),
        ],
        invites: [invite('i1', 'old@acme.com', 'view')],
      }),
      now: NOW,
      allowRemovals: 1,
    },
  ]);
  return renderJson(plan, {
    createdAt: '2024-06-15T12:00:00.000Z',
    toolVersion: '0.1.0',
    desired: [desired],
    ...extra,
  });
}

/** The saved document, changed, with its hash made again unless asked not to. */
function edited(change: (doc: Json & { orgs: Json[] }) => void, rehash = true): string {
  const doc = JSON.parse(savedPlanText()) as Json & { orgs: Json[] };
  change(doc);
  if (rehash && Array.isArray(doc.orgs)) doc['hash'] = hashPlan(doc.orgs as unknown as OrgPlan[]);
  return JSON.stringify(doc);
}

/** The first operation of this action in the saved document, to change in place. */
function opOf(doc: { orgs: Json[] }, action: Operation['action']): Json {
  const ops = doc.orgs[0]?.['operations'] as Json[];
  const op = ops.find((o) => o['action'] === action);
  if (op === undefined) throw new Error(`no ${action} in the saved plan`);
  return op;
}

function indexOf(action: Operation['action']): number {
  const ops = (JSON.parse(savedPlanText()) as Plan).orgs[0]?.operations ?? [];
  return ops.findIndex((o) => o.action === action);
}

const problem = savedPlanProblem;

const AGAIN = 'make the plan again';

describe('parseSavedPlan: the document', () => {
  it('reads back a plan of every action, its overrides, and the desired org it was planned from', () => {
    const saved = parseSavedPlan(
      savedPlanText({ allowRemovals: 0, allowChanges: 12 }),
      'plan.json',
    );

    expect(saved.orgs[0]?.operations.map((op) => op.action)).toEqual([
      'patch',
      'inviteMember',
      'modifyMember',
      'revokeInvite',
      'removeMember',
    ]);
    expect(saved.allowRemovals).toBe(0);
    expect(saved.allowChanges).toBe(12);
    expect(saved.desired.map((d) => [d.orgId, d.file, d.members?.length])).toEqual([
      [ORG_ID, 'orgs/acme.yaml', 3],
    ]);
    const without = parseSavedPlan(savedPlanText(), 'plan.json');
    expect('allowRemovals' in without).toBe(false);
    expect('allowChanges' in without).toBe(false);
  });

  it('refuses JSON nested deeper than any plan, before parsing it', () => {
    expect(problem(`${'['.repeat(65)}${']'.repeat(65)}`)).toBe(
      'plan.json nests JSON more than 64 levels deep, which no saved plan does; make the plan again with losant-org plan --out',
    );
    expect(problem(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe(
      'plan.json is not a saved plan (no formatVersion); save one with: losant-org plan <files> --out plan.json',
    );
  });

  it('says where JSON breaks, as line:column, without quoting the file', () => {
    expect(problem('{\n  "a": 1,\n  oops\n}')).toBe(
      `plan.json:3:3: not valid JSON, so not a saved plan; make the plan again with losant-org plan --out`,
    );
    // Where the parser names no position, the file alone.
    expect(problem('[1,\n2,\n]')).toBe(
      'plan.json: not valid JSON, so not a saved plan; make the plan again with losant-org plan --out',
    );
    expect(problem('{"secret": "s3cr3t",}')).toBe(
      'plan.json:1:21: not valid JSON, so not a saved plan; make the plan again with losant-org plan --out',
    );
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"plan"'],
    ['null', 'null'],
  ])('refuses %s: not a saved plan', (_name, text) => {
    expect(problem(text)).toBe(
      'plan.json is not a saved plan (no formatVersion); save one with: losant-org plan <files> --out plan.json',
    );
  });

  it.each([
    ['orgs missing', (d: Json) => delete d['orgs']],
    ['orgs not a list', (d: Json) => (d['orgs'] = {})],
    ['the hash empty', (d: Json) => (d['hash'] = '')],
    ['the hash missing', (d: Json) => delete d['hash']],
  ])('refuses a plan with %s', (_name, change) => {
    expect(problem(edited(change, false))).toBe(
      'plan.json has no orgs or no hash; make the plan again with losant-org plan --out',
    );
  });

  it.each([
    [
      'an org that is not an object',
      (d: { orgs: unknown[] }) => (d.orgs[0] = 'acme'),
      'has no orgId or fingerprint',
    ],
    [
      'an empty orgId',
      (d: { orgs: Json[] }) => ((d.orgs[0] as Json)['orgId'] = ''),
      'has no orgId or fingerprint',
    ],
    [
      'no fingerprint',
      (d: { orgs: Json[] }) => delete (d.orgs[0] as Json)['fingerprint'],
      'has no orgId or fingerprint',
    ],
    [
      'no operations',
      (d: { orgs: Json[] }) => delete (d.orgs[0] as Json)['operations'],
      'has no operations or refusals',
    ],
    [
      'no refusals',
      (d: { orgs: Json[] }) => ((d.orgs[0] as Json)['refusals'] = null),
      'has no operations or refusals',
    ],
  ])('refuses %s', (_name, change, why) => {
    expect(problem(edited(change as (d: Json & { orgs: Json[] }) => void, false))).toBe(
      `plan.json: orgs[0] ${why}; ${AGAIN}`,
    );
  });

  it.each([
    ['-1', -1],
    ['1.5', 1.5],
    ['"3"', '3'],
    ['2^53', 2 ** 53],
  ])('refuses allowRemovals and allowChanges of %s', (_name, value) => {
    expect(problem(edited((d) => (d['allowRemovals'] = value)))).toBe(
      `plan.json: allowRemovals is not a whole number; ${AGAIN}`,
    );
    expect(problem(edited((d) => (d['allowChanges'] = value)))).toBe(
      `plan.json: allowChanges is not a whole number; ${AGAIN}`,
    );
  });

  it('refuses an org without the configuration it was planned from, or with one that is not valid or is of another org', () => {
    expect(problem(edited((d) => delete (d.orgs[0] as Json)['desired']))).toBe(
      'plan.json: orgs[0] has no desired configuration (a plan made by an older losant-org); make the plan again with losant-org plan --out',
    );
    expect(
      problem(
        edited((d) => {
          const desired = (d.orgs[0] as Json)['desired'] as Json;
          (desired['policy'] as Json)['minAdmins'] = 'two';
        }),
      ),
    ).toMatch(
      /^plan\.json: orgs\[0\]\.desired is not a valid configuration: plan\.json: orgs\[0\]\.desired:\d+:\d+: error: .*minAdmins.*; make the plan again$/,
    );
    expect(
      problem(
        edited((d) => {
          const desired = (d.orgs[0] as Json)['desired'] as Json;
          (desired['org'] as Json)['id'] = 'aaaaaaaaaaaaaaaaaaaaaaaa';
        }),
      ),
    ).toBe(
      `plan.json: orgs[0].desired declares org aaaaaaaaaaaaaaaaaaaaaaaa, not its plan's org ${ORG_ID}; ${AGAIN}`,
    );
  });

  it("takes the org's file from the plan, or names the saved configuration when the plan has none", () => {
    const saved = parseSavedPlan(
      edited((d) => ((d.orgs[0] as Json)['file'] = '')),
      'plan.json',
    );

    expect(saved.desired[0]?.file).toBe('plan.json: orgs[0].desired');
  });
});

describe('parseSavedPlan: each operation', () => {
  const cases: [string, Operation['action'], (op: Json) => void, string][] = [
    ['not an object', 'patch', () => undefined, 'is not an object'],
    ['without an id', 'patch', (op) => (op['id'] = ''), 'has no id'],
    ['of no known phase', 'patch', (op) => (op['phase'] = 'sometime'), 'has no valid phase'],
    ['without dependsOn', 'patch', (op) => delete op['dependsOn'], 'has no dependsOn list'],
    [
      'with an empty dependency',
      'patch',
      (op) => (op['dependsOn'] = ['']),
      'has no dependsOn list',
    ],
    ['without a target', 'patch', (op) => (op['target'] = 'org'), 'has no target'],
    ['a patch without a body', 'patch', (op) => delete op['body'], 'has no body'],
    ['a patch without after', 'patch', (op) => delete op['after'], 'has no body'],
    [
      'an invite without an email',
      'inviteMember',
      (op) => ((op['body'] as Json)['email'] = ''),
      'has no invite body or access',
    ],
    [
      'an invite without a body',
      'inviteMember',
      (op) => (op['body'] = null),
      'has no invite body or access',
    ],
    [
      'an invite without after',
      'inviteMember',
      (op) => delete op['after'],
      'has no invite body or access',
    ],
    [
      'an invite without a target email',
      'inviteMember',
      (op) => (op['target'] = {}),
      'names one person and invites another',
    ],
    [
      'an invite of a grant the body does not send',
      'inviteMember',
      (op) =>
        ((op['after'] as Json)['applicationRoles'] = [
          { resourceId: 'aaaaaaaaaaaaaaaaaaaaaaa9', role: 'view' },
        ]),
      'says one access and sends another',
    ],
    [
      'an invite whose grants have no ids',
      'inviteMember',
      (op) => {
        (op['after'] as Json)['applicationRoles'] = [{ role: 'view' }, { role: 'view' }];
        (op['body'] as Json)['applicationRoles'] = [{ role: 'view' }, { role: 'collaborate' }];
      },
      'says one access and sends another',
    ],
    [
      'an invite of a dashboard the body does not send',
      'inviteMember',
      (op) =>
        ((op['after'] as Json)['dashboardRoles'] = [
          { resourceId: 'aaaaaaaaaaaaaaaaaaaaaaa8', role: 'view' },
        ]),
      'says one access and sends another',
    ],
    [
      'a change without a userId',
      'modifyMember',
      (op) => ((op['body'] as Json)['userId'] = ''),
      'has no member body or access',
    ],
    [
      'a change without a body',
      'modifyMember',
      (op) => delete op['body'],
      'has no member body or access',
    ],
    [
      'a change without after',
      'modifyMember',
      (op) => (op['after'] = []),
      'has no member body or access',
    ],
    [
      'a change of another member',
      'modifyMember',
      (op) => ((op['body'] as Json)['userId'] = 'u3'),
      'names one member and changes another',
    ],
    [
      'a change that sends another role',
      'modifyMember',
      (op) => ((op['body'] as Json)['role'] = 'admin'),
      'says one access and sends another',
    ],
    [
      // Shown as no resource roles; to the API a body without them is not one that sends none.
      'a change whose body leaves out the resource roles',
      'modifyMember',
      (op) => {
        (op['after'] as Json)['applicationRoles'] = [];
        (op['after'] as Json)['dashboardRoles'] = [];
        delete (op['body'] as Json)['applicationRoles'];
        delete (op['body'] as Json)['dashboardRoles'];
      },
      'says one access and sends another',
    ],
    ['a removal without a query', 'removeMember', (op) => delete op['query'], 'has no userId'],
    [
      'a removal with an empty userId',
      'removeMember',
      (op) => ((op['query'] as Json)['userId'] = ''),
      'has no userId',
    ],
    ['a removal without before', 'removeMember', (op) => delete op['before'], 'has no userId'],
    ['a revoke without a query', 'revokeInvite', (op) => (op['query'] = 'i1'), 'has no inviteId'],
    [
      'a revoke with an empty inviteId',
      'revokeInvite',
      (op) => ((op['query'] as Json)['inviteId'] = ''),
      'has no inviteId',
    ],
    ['a revoke without before', 'revokeInvite', (op) => delete op['before'], 'has no inviteId'],
    [
      'a revoke of another invite',
      'revokeInvite',
      (op) => ((op['query'] as Json)['inviteId'] = 'i9'),
      'names one invite and revokes another',
    ],
    [
      'an unknown action',
      'removeMember',
      (op) => (op['action'] = 'explode'),
      'has an unknown action "explode"',
    ],
  ];

  it.each(cases)('refuses %s, even with a hash made for it', (_name, action, change, why) => {
    const index = indexOf(action);
    const text = edited((d) => {
      if (why === 'is not an object') (d.orgs[0]?.['operations'] as unknown[])[index] = 7;
      else change(opOf(d, action));
    });

    expect(problem(text)).toBe(`plan.json: orgs[0].operations[${index}] ${why}; ${AGAIN}`);
  });

  it('accepts an invite whose target and body differ only in case', () => {
    const text = edited((d) => {
      const op = opOf(d, 'inviteMember');
      (op['target'] as Json)['email'] = String((op['target'] as Json)['email']).toUpperCase();
    });

    expect(problem(text)).toBe('accepted');
  });
});

describe('StalePlanError', () => {
  it('lists what changed, says nothing was written and how to plan again', () => {
    const error = new StalePlanError(['+ invite a@x.com', '- remove b@x.com'], 'plan.json');

    expect(error).toBeInstanceOf(LosantOrgError);
    expect(error.name).toBe('StalePlanError');
    expect(error.kind).toBe('refusal');
    expect(error.changes).toEqual(['+ invite a@x.com', '- remove b@x.com']);
    expect(error.message).toBe(
      [
        'planning now gives another plan than plan.json; the org changed since it was made:',
        '  + invite a@x.com',
        '  - remove b@x.com',
        'Nothing was written. Make a new plan (losant-org plan <files> --out plan.json) and apply that one.',
      ].join('\n'),
    );
    expect(new SavedPlanError('x').kind).toBe('usage');
    expect(new SavedPlanError('x').name).toBe('SavedPlanError');
  });
});

describe('staleOrgs', () => {
  let env: ApplyEnv | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('names the orgs whose live state is no longer the one their plan was made from', async () => {
    env = await startApplyEnv();
    const { plan } = await planLive(env, await loadExample('examples/small-team.yaml'));
    const org = plan.orgs[0] as OrgPlan;
    expect(org.orgId).toBe(DEMO_ORG_ID);

    expect(await staleOrgs(plan.orgs, env.client)).toEqual([]);
    expect(await staleOrgs([], env.client)).toEqual([]);
    expect(
      await staleOrgs([{ orgId: DEMO_ORG_ID, fingerprint: 'f'.repeat(64) }], env.client),
    ).toEqual([DEMO_ORG_ID]);

    await env.client.modifyMember(DEMO_ORG_ID, {
      userId: '6650f0c1a2b3c4d5e6f70a04',
      role: 'view',
    });

    expect(await staleOrgs(plan.orgs, env.client)).toEqual([DEMO_ORG_ID]);
  });
});

describe('withSavedSources', () => {
  const source = { file: 'orgs/people.yaml', line: 7, col: 5 };

  function planned(): Plan {
    return buildPlans([
      {
        desired: desiredOrg([declared('ada@acme.com', 'admin'), declared('dave@acme.com', 'edit')]),
        live: liveOrg({
          members: [member('u1', 'ada@acme.com', 'admin'), member('u3', 'ken@acme.com', 'view')],
        }),
        now: NOW,
      },
    ]);
  }

  it("puts back each operation's place and the org's files and file as the saved plan named them", () => {
    const plan = planned();
    const saved = planned();
    const savedOrg = saved.orgs[0] as OrgPlan & { files?: unknown };
    savedOrg.file = 'orgs/acme.yaml';
    savedOrg.files = ['orgs/acme.yaml', 'orgs/people.yaml'];
    savedOrg.operations = savedOrg.operations.map((op, i) => (i === 0 ? { ...op, source } : op));

    const placed = withSavedSources(plan, saved).orgs[0] as OrgPlan;

    expect(placed.files).toEqual(['orgs/acme.yaml', 'orgs/people.yaml']);
    expect(placed.file).toBe('orgs/acme.yaml');
    expect(placed.operations[0]?.source).toEqual(source);
    expect(placed.operations.slice(1).every((op) => op.source === undefined)).toBe(true);
    expect(placed.operations.slice(1).every((op) => !('source' in op))).toBe(true);
    expect(placed.operations.map((op) => op.id)).toEqual(
      plan.orgs[0]?.operations.map((op) => op.id),
    );
  });

  it.each([
    ['no file', { line: 7, col: 5 }],
    ['line 0', { ...source, line: 0 }],
    ['a column that is not a number', { ...source, col: '5' }],
    ['a line that is not whole', { ...source, line: 1.5 }],
    ['not an object', 'orgs/people.yaml:7:5'],
  ])(
    'drops a saved place with %s, and keeps one file when the saved plan names one or a bad list',
    (_name, bad) => {
      const saved = planned();
      const savedOrg = saved.orgs[0] as OrgPlan & { files?: unknown };
      savedOrg.files = ['orgs/only.yaml'];
      savedOrg.file = '';
      savedOrg.operations = savedOrg.operations.map(
        (op) => ({ ...op, source: bad }) as unknown as Operation,
      );

      const placed = withSavedSources(planned(), saved).orgs[0] as OrgPlan;

      expect(placed.operations.every((op) => !('source' in op))).toBe(true);
      expect('files' in placed).toBe(false);
      expect(placed.file).toBe('orgs/acme.yaml');
      const listed = planned();
      (listed.orgs[0] as OrgPlan & { files?: unknown }).files = ['orgs/a.yaml', ''];
      expect('files' in (withSavedSources(planned(), listed).orgs[0] as object)).toBe(false);
    },
  );

  it('leaves an org the saved plan does not have as planned', () => {
    const plan = planned();
    const other = { ...planned(), orgs: [{ ...(planned().orgs[0] as OrgPlan), orgId: 'other' }] };

    expect(withSavedSources(plan, other)).toEqual(plan);
    expect(
      withSavedSources(plan, {
        ...other,
        orgs: [{ ...(other.orgs[0] as OrgPlan), operations: 'x' as unknown as Operation[] }],
      }),
    ).toEqual(plan);
  });
});
