// A saved plan is applied only as it was made: format, integrity, and what each operation says it does.
import { describe, expect, it } from 'vitest';
import { parseSavedPlan } from '../../src/apply/saved-plan.js';
import type { Plan } from '../../src/model/plan.js';
import { buildPlans } from '../../src/plan/build-plan.js';
import { hashPlan } from '../../src/plan/fingerprint.js';
import { renderJson } from '../../src/plan/render-json.js';
import { NOW, declared, desiredOrg, invite, liveOrg, member } from '../plan/plan-fixtures.js';
import { savedPlanProblem } from './saved-plan-fixtures.js';

function savedPlanText(): string {
  const desired = desiredOrg([
    declared('ada@acme.com', 'admin'),
    declared('dave@acme.com', 'edit'),
  ]);
  const plan = buildPlans([
    {
      desired,
      live: liveOrg({
        members: [member('u1', 'ada@acme.com', 'admin'), member('u2', 'ken@acme.com', 'view')],
        invites: [invite('i1', 'old@acme.com', 'view')],
      }),
      now: NOW,
    },
  ]);
  return renderJson(plan, {
    createdAt: '2024-06-15T12:00:00.000Z',
    toolVersion: '0.1.0',
    desired: [desired],
  });
}

function edited(change: (plan: Plan) => void, rehash = true): string {
  const plan = JSON.parse(savedPlanText()) as Plan;
  change(plan);
  if (rehash) plan.hash = hashPlan(plan.orgs);
  return JSON.stringify(plan);
}

const problem = savedPlanProblem;

/** Dave invited as admin: consistent in itself, but not the plan that was made. */
function inviteAsAdmin(plan: Plan): void {
  const op = plan.orgs[0]?.operations[0];
  if (op?.action !== 'inviteMember') throw new Error('expected the invite first');
  op.body.role = 'admin';
  op.after.role = 'admin';
}

describe('parseSavedPlan', () => {
  it('reads back the plan that was saved', () => {
    const text = savedPlanText();

    const plan = parseSavedPlan(text, 'plan.json');

    const doc = JSON.parse(text) as Plan;
    expect(plan.orgs).toEqual(doc.orgs);
    expect(plan.orgs[0]?.operations.map((op) => op.action)).toEqual([
      'inviteMember',
      'revokeInvite',
      'removeMember',
    ]);
  });

  it('refuses what is not a version 1 plan, or was changed after it was made', () => {
    expect([
      problem('{'),
      problem('{"version": 1}'),
      problem(edited((p) => Object.assign(p, { formatVersion: 2 }))),
      problem(edited(inviteAsAdmin, false)),
    ]).toEqual([
      expect.stringMatching(
        /^plan\.json(:1:2)?: not valid JSON, so not a saved plan; make the plan again with losant-org plan --out$/,
      ) as string,
      'plan.json is not a saved plan (no formatVersion); save one with: losant-org plan <files> --out plan.json',
      'plan.json has plan format version 2; this losant-org applies version 1: plan again with this version',
      'plan.json was changed after it was made: its operations no longer match its hash. Nothing was written; make the plan again with losant-org plan --out',
    ]);
  });

  it('refuses operations that show one thing and send another, even with a matching hash', () => {
    const shown = (p: Plan): void => {
      const op = p.orgs[0]?.operations[0];
      if (op?.action === 'inviteMember') op.after.role = 'view';
    };
    const otherMember = (p: Plan): void => {
      const op = p.orgs[0]?.operations[2];
      if (op?.action === 'removeMember') op.target.userId = 'u1';
    };
    const otherOrg = (p: Plan): void => {
      const op = p.orgs[0]?.operations[1];
      if (op !== undefined) op.orgId = '000000000000000000000000';
    };

    const otherInvitee = (p: Plan): void => {
      const op = p.orgs[0]?.operations[0];
      if (op?.action === 'inviteMember') op.body.email = 'mallory@evil.example';
    };
    const otherValue = (p: Plan): void => {
      p.orgs[0]?.operations.unshift({
        id: `${p.orgs[0].orgId}:0`,
        orgId: p.orgs[0].orgId,
        phase: 'patch',
        reason: 'name differs from the file',
        dependsOn: [],
        action: 'patch',
        target: {},
        before: { name: 'Old' },
        after: { name: 'Acme' },
        body: { name: 'Mallory' },
        patch: [{ op: 'replace', path: '/name', value: 'Acme' }],
      });
    };

    expect([
      problem(edited(shown)),
      problem(edited(otherMember)),
      problem(edited(otherOrg)),
      problem(edited(otherInvitee)),
      problem(edited(otherValue)),
    ]).toEqual([
      'plan.json: orgs[0].operations[0] says one access and sends another; make the plan again',
      'plan.json: orgs[0].operations[2] names one member and removes another; make the plan again',
      "plan.json: orgs[0].operations[1] targets org 000000000000000000000000, not its plan's org 575ed6e87ae143cd83dc4aa8; make the plan again",
      'plan.json: orgs[0].operations[0] names one person and invites another; make the plan again',
      'plan.json: orgs[0].operations[0] shows some property values and sends others; make the plan again',
    ]);
  });
});
