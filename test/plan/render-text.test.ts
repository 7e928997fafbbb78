// The terminal rendering: whole strings with colour off, ANSI colours only when asked.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/plan/render-text.js';
import type { Plan } from '../../src/model/plan.js';
import {
  emptyPlan,
  expiringBesideUnreadable,
  mixedPlan,
  refusedPlan,
  twoOrgPlan,
} from './render-fixtures.js';

describe('renderText', () => {
  it('shows every kind of operation, awaiting invites and the counts', () => {
    const plan = mixedPlan();

    const text = renderText(plan, { color: false });

    expect(text).toEqual(
      [
        'Acme IoT (575ed6e87ae143cd83dc4aa8) from orgs/acme.yaml',
        '  members 4 of 25, 3 invites pending',
        '  ~ update org properties',
        '      description: "old" -> "Production fleet"',
        '  + invite bob@x.com as edit: not a member yet',
        '      application app1: view',
        '  ~ revoke invite i-gus of gus@x.com (view): invite has other access (view -> edit); re-sending',
        '  ~ invite gus@x.com as edit: invite has other access (view -> edit); re-sending',
        '  ~ change carol@x.com: role edit -> admin',
        '  ~ change dan@x.com: application roles: 1 changed, 1 removed; dashboard roles: 1 added',
        '      ~ application app1: view -> collaborate',
        '      - application app2: view',
        '      + dashboard dash1: view',
        '  - revoke invite i-zed of zed@x.com (view): not in the file',
        '  - remove erin@x.com (view): not in the file',
        '  awaiting acceptance:',
        '      ann@x.com, invited 3 days ago',
        '',
        'Plan: 1 to invite, 4 to change, 2 to remove.',
        '',
      ].join('\n'),
    );
  });

  it('calls out refusals, how to proceed, and the warning about an unknown token user', () => {
    const plan = refusedPlan();

    const text = renderText(plan, { color: false });

    expect(text).toEqual(
      [
        'Acme IoT (575ed6e87ae143cd83dc4aa8) from orgs/acme.yaml',
        '  members 1, 0 invites pending',
        '  + invite newadmin@x.com as admin: not a member yet',
        '  ~ change alice@x.com: role admin -> edit',
        '  refused by guard minAdmins: demoting alice@x.com (admin -> edit) would leave 0 admins, fewer than policy.minAdmins (1); ' +
          'pending invites do not count as admins until they are accepted, so inviting newadmin@x.com as admin does not help yet',
        '      to proceed: apply in two steps: first keep alice@x.com as admin in the file and apply the invite; ' +
          'once newadmin@x.com has accepted, apply the demotion. Or lower policy.minAdmins',
        '',
        "warning: this token may not call GET /me, so the token's own user is not known; relying on the other guards",
        'Plan: 1 to invite, 1 to change, 0 to remove.',
        'Refused by a guard: nothing will be written (see "refused by guard" above).',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to do', () => {
    expect(renderText(emptyPlan(), { color: false })).toEqual(
      'Acme IoT (575ed6e87ae143cd83dc4aa8) from orgs/acme.yaml\n  members 1, 0 invites pending\n\nNo changes. The org matches the file.\n',
    );
  });

  it('groups several orgs, each with its own counts', () => {
    expect(renderText(twoOrgPlan(), { color: false })).toEqual(
      [
        'Acme IoT (575ed6e87ae143cd83dc4aa8) from orgs/acme.yaml',
        '  members 1, 0 invites pending',
        '  no changes',
        '',
        'Beta (org-beta) from orgs/beta.yaml',
        '  members 2, 0 invites pending',
        '  - remove erin@x.com (view): not in the file',
        '  0 to invite, 0 to change, 1 to remove.',
        '',
        'Plan: 0 to invite, 0 to change, 1 to remove.',
        '',
      ].join('\n'),
    );
  });

  it('colours additions green, changes yellow, removals and refusals red when asked', () => {
    const plan = mixedPlan();

    const coloured = renderText(plan, { color: true });

    const lines = coloured.split('\n');
    expect(lines).toContain('\u001b[32m  + invite bob@x.com as edit: not a member yet\u001b[0m');
    expect(lines).toContain('\u001b[33m  ~ change carol@x.com: role edit -> admin\u001b[0m');
    expect(lines).toContain('\u001b[31m  - remove erin@x.com (view): not in the file\u001b[0m');
    expect(renderText(refusedPlan(), { color: true })).toContain(
      '\u001b[31m  refused by guard minAdmins',
    );
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toEqual(renderText(plan, { color: false }));
  });

  it('uses no escape codes at all with colour off', () => {
    expect(renderText(refusedPlan(), { color: false })).not.toContain('\u001b');
  });

  it('shows seats and who expires soon, an unreadable org in its place, and no claim that every org matches', () => {
    expect(renderText(expiringBesideUnreadable(), { color: false })).toEqual(
      [
        'Acme IoT (575ed6e87ae143cd83dc4aa8) from orgs/acme.yaml',
        '  members 2 of 3, 0 invites pending',
        '  expiring soon (not changes):',
        '      tim@x.com, expires in 3 days (2024-06-18)',
        '  no changes',
        '',
        'org org-gone from orgs/gone.yaml',
        '  could not be read (org.get failed): no plan, see the error below',
        '',
        'No changes in the orgs that could be read.',
        '',
      ].join('\n'),
    );
  });

  it('paints the expiring list yellow, the unreadable org bold and red', () => {
    const lines = renderText(expiringBesideUnreadable(), { color: true }).split('\n');

    expect(lines).toContain('\u001b[33m      tim@x.com, expires in 3 days (2024-06-18)\u001b[0m');
    expect(lines).toContain('\u001b[1morg org-gone from orgs/gone.yaml\u001b[0m');
    expect(lines).toContain(
      '\u001b[31m  could not be read (org.get failed): no plan, see the error below\u001b[0m',
    );
    expect(lines).toContain('  expiring soon (not changes):');
  });

  it('is empty when no org could be read: the errors say it all', () => {
    const plan: Plan = { ...expiringBesideUnreadable(), orgs: [] };

    expect(renderText(plan, { color: false })).toBe('');
    expect(renderText(plan, { color: true })).toBe('');
  });
});
