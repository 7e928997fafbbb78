// The terminal rendering at its edges: a refused plan in colour line by line, an org's warnings in
// yellow, two orgs that match, and an org whose seats are not known.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/plan/render-text.js';
import { ORG_ID } from './plan-fixtures.js';
import {
  manyRemovalsTwoUnreadable,
  refusedPlan,
  twoMatchingOrgsPlan,
  withoutSeats,
} from './render-fixtures.js';

describe('renderText edges', () => {
  it('a refused plan in colour: the refusal and how to proceed red, the warning yellow, the verdict red', () => {
    expect(renderText(refusedPlan(), { color: true }).split('\n')).toEqual([
      `\u001b[1mAcme IoT (${ORG_ID}) from orgs/acme.yaml\u001b[0m`,
      '  members 1, 0 invites pending',
      '\u001b[32m  + invite newadmin@x.com as admin: not a member yet\u001b[0m',
      '\u001b[33m  ~ change alice@x.com: role admin -> edit\u001b[0m',
      '\u001b[31m  refused by guard minAdmins: demoting alice@x.com (admin -> edit) would leave 0 admins, fewer than policy.minAdmins (1); pending invites do not count as admins until they are accepted, so inviting newadmin@x.com as admin does not help yet\u001b[0m',
      '\u001b[31m      to proceed: apply in two steps: first keep alice@x.com as admin in the file and apply the invite; once newadmin@x.com has accepted, apply the demotion. Or lower policy.minAdmins\u001b[0m',
      '',
      "\u001b[33mwarning: this token may not call GET /me, so the token's own user is not known; relying on the other guards\u001b[0m",
      '\u001b[1mPlan: 1 to invite, 1 to change, 0 to remove.\u001b[0m',
      '\u001b[31mRefused by a guard: nothing will be written (see "refused by guard" above).\u001b[0m',
      '',
    ]);
  });

  it("an org's own warnings are yellow", () => {
    const lines = renderText(manyRemovalsTwoUnreadable(), { color: true }).split('\n');

    expect(lines).toContain(
      '\u001b[33m  warning: member leaver00@gmail.com (view) is outside policy.allowedEmailDomains (x.com) and not in the file; this plan removes them\u001b[0m',
    );
  });

  it('two orgs with nothing to change: every org matches its file', () => {
    const plan = twoMatchingOrgsPlan();

    expect(renderText(plan, { color: false }).split('\n').slice(-2)).toEqual([
      'No changes. Every org matches its file.',
      '',
    ]);
  });

  it('an org whose seats are not known has no seats line', () => {
    const plan = withoutSeats(refusedPlan());

    const lines = renderText(plan, { color: false }).split('\n');

    expect(lines.slice(0, 2)).toEqual([
      `Acme IoT (${ORG_ID}) from orgs/acme.yaml`,
      '  + invite newadmin@x.com as admin: not a member yet',
    ]);
  });
});
