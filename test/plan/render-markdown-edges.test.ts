// The plan comment at its edges: the marker's org ids in order (and none), names and files that need
// escaping, an org with only invites awaiting, a refused plan line by line, exactly as many removals
// as the callout lists, an org without its seats, and characters a terminal or a page would act on.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { buildPlans } from '../../src/plan/build-plan.js';
import { parsePlanMarker, planMarker, renderMarkdown } from '../../src/plan/render-markdown.js';
import { declared, desiredOrg, invite, liveOrg, member, NOW, ORG_ID } from './plan-fixtures.js';
import { refusedPlan, twoMatchingOrgsPlan, twoOrgPlan, withoutSeats } from './render-fixtures.js';

const alice = member('u-alice', 'alice@x.com', 'admin');
const asAlice = { userId: 'u-alice', email: 'alice@x.com' };

function lines(plan: Plan): string[] {
  return renderMarkdown(plan).split('\n');
}

describe('renderMarkdown edges', () => {
  it('the marker lists the org ids sorted, whatever the order of the orgs in the plan', () => {
    const plan = twoOrgPlan();
    const reversed = { ...plan, orgs: [...plan.orgs].reverse() };

    expect(planMarker(reversed)).toBe(
      `<!-- losant-org:plan org=${ORG_ID},org-beta hash=${plan.hash} -->`,
    );
  });

  it('a marker with no org ids reads back as none', () => {
    const hash = 'a'.repeat(64);

    expect(parsePlanMarker(`<!-- losant-org:plan org= hash=${hash} -->`)).toEqual({
      orgIds: [],
      hash,
    });
  });

  it('two orgs with nothing to change: every org matches its file', () => {
    const plan = twoMatchingOrgsPlan();

    expect(lines(plan).slice(1, 5)).toEqual([
      '### losant-org plan: no changes',
      '',
      'Every org matches its file.',
      '',
    ]);
  });

  it('escapes an org name in HTML and a file name with a pipe or a backtick in a code span', () => {
    const live = liveOrg({ name: 'R&D <lab>', members: [alice] });
    const desired = {
      ...desiredOrg([declared('alice@x.com', 'admin'), declared('bob@x.com', 'view')]),
      file: 'orgs/r|d.yaml',
      files: ['orgs/r|d.yaml', 'orgs/we`ird.yaml'],
    };

    const text = lines(buildPlans([{ desired, live, now: NOW, tokenUser: asAlice }]));

    expect(text).toContain(
      `| **R&D \\<lab\\>** \`${ORG_ID}\` | \`orgs/r\\|d.yaml\` \`\` orgs/we\`ird.yaml \`\` | 1 | 0 | 0 | 0 | members 1, 0 invites pending | changes |`,
    );
    expect(text).toContain(
      `<details><summary><b>R&amp;D &lt;lab&gt;</b> (${ORG_ID}): 1 to invite, 0 to change, 0 to remove</summary>`,
    );
  });

  it('an org with nothing to change but an invite awaiting acceptance: its details list only that', () => {
    const live = liveOrg({
      members: [alice],
      invites: [invite('i-ann', 'ann@x.com', 'view', { daysAgo: 2 })],
    });
    const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('ann@x.com', 'view')]);
    const plan = buildPlans([{ desired, live, now: NOW, tokenUser: asAlice }]);

    expect(lines(plan).slice(9, 19)).toEqual([
      `<details><summary><b>Acme IoT</b> (${ORG_ID}): no changes</summary>`,
      '',
      `File \`orgs/acme.yaml\`, live state \`${plan.orgs[0]?.fingerprint.slice(0, 12) ?? ''}\`.`,
      '',
      'Awaiting acceptance (not changes):',
      '',
      '- `ann@x.com`, invited 2 days ago',
      '',
      '</details>',
      '',
    ]);
  });

  it('a refused plan, line by line: the refusal, the warning, each followed by a blank line, no invites awaiting', () => {
    const plan = refusedPlan();

    expect(lines(plan).slice(7, 27)).toEqual([
      '',
      '> [!WARNING]',
      "> - this token may not call GET /me, so the token's own user is not known; relying on the other guards",
      '',
      '| org | file | invite | change | remove | awaiting | seats | status |',
      '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
      `| **Acme IoT** \`${ORG_ID}\` | \`orgs/acme.yaml\` | 1 | 1 | 0 | 0 | members 1, 0 invites pending | **refused** |`,
      '',
      `<details><summary><b>Acme IoT</b> (${ORG_ID}): 1 to invite, 1 to change, 0 to remove</summary>`,
      '',
      `File \`orgs/acme.yaml\`, live state \`${plan.orgs[0]?.fingerprint.slice(0, 12) ?? ''}\`.`,
      '',
      '```diff',
      '+ invite newadmin@x.com as admin: not a member yet  [orgs/acme.yaml:1]',
      '~ change alice@x.com: role admin -> edit  [orgs/acme.yaml:1]',
      '```',
      '',
      '</details>',
      '',
      `<sub>Plan \`${plan.hash.slice(0, 12)}\`. Run \`losant-org plan --format json\` for every request body.</sub>`,
    ]);
  });

  it('exactly as many removals as the callout lists: all of them, and no "more" line', () => {
    const leavers = Array.from({ length: 20 }, (_, i) =>
      member(`u-${i}`, `leaver${String(i).padStart(2, '0')}@x.com`, 'view'),
    );
    const live = liveOrg({ members: [alice, ...leavers] });
    const plan = buildPlans([
      {
        desired: desiredOrg([declared('alice@x.com', 'admin')]),
        live,
        now: NOW,
        tokenUser: asAlice,
      },
    ]);

    const text = lines(plan);

    const at = text.indexOf('**Removals (20)**, access or invitations taken away:');
    expect(text[at + 21]).toBe(
      '- `leaver19@x.com` removed from **Acme IoT** (view): not in the file',
    );
    expect(text[at + 22]).toBe('');
    expect(text.some((l) => l.includes('more, listed in the details below'))).toBe(false);
  });

  it('an org whose seats are not known leaves that cell empty', () => {
    const plan = withoutSeats(refusedPlan());

    const text = lines(plan);

    expect(text).toContain(
      `| **Acme IoT** \`${ORG_ID}\` | \`orgs/acme.yaml\` | 1 | 1 | 0 | 0 |  | **refused** |`,
    );
  });

  it('a control character in a live name is shown escaped, never written as is', () => {
    const live = liveOrg({ name: 'Acme\u001b[2J IoT', members: [alice] });
    const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('bob@x.com', 'view')]);

    const text = renderMarkdown(buildPlans([{ desired, live, now: NOW, tokenUser: asAlice }]));

    expect(text).not.toContain('\u001b');
    expect(text).toContain('<b>Acme\\u001b[2J IoT</b>');
  });
});
