// The pull-request comment: marker, headline, removals first, folded details, the size limit.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { buildPlans } from '../../src/plan/build-plan.js';
import {
  MARKDOWN_MAX_LENGTH,
  parsePlanMarker,
  planMarker,
  renderMarkdown,
} from '../../src/plan/render-markdown.js';
import { declared, desiredOrg, liveOrg, member, NOW, ORG_ID } from './plan-fixtures.js';
import { shortHash } from '../../src/plan/fingerprint.js';
import {
  emptyPlan,
  expiringBesideUnreadable,
  manyRemovalsTwoUnreadable,
  mixedPlan,
  refusedPlan,
  twoOrgPlan,
} from './render-fixtures.js';

function bigPlan(invites: number): Plan {
  const live = liveOrg({ members: [member('u-alice', 'alice@x.com', 'admin')] });
  const people = Array.from({ length: invites }, (_, i) =>
    declared(`person${String(i).padStart(5, '0')}@example.com`, 'view'),
  );
  return buildPlans([
    { desired: desiredOrg([declared('alice@x.com', 'admin'), ...people]), live, now: NOW },
  ]);
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

describe('renderMarkdown', () => {
  it('starts with the marker and puts removals before the table and the folded details', () => {
    const plan = mixedPlan();

    const markdown = renderMarkdown(plan);

    expect(markdown).toEqual(
      [
        `<!-- losant-org:plan org=${ORG_ID} hash=${plan.hash} -->`,
        '### losant-org plan: 1 to invite, 4 to change, 2 to remove',
        '',
        '**Removals (2)**, access or invitations taken away:',
        '',
        '- invite of `zed@x.com` revoked in **Acme IoT** (view): not in the file',
        '- `erin@x.com` removed from **Acme IoT** (view): not in the file',
        '',
        '| org | file | invite | change | remove | awaiting | seats | status |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
        `| **Acme IoT** \`${ORG_ID}\` | \`orgs/acme.yaml\` | 1 | 4 | 2 | 1 | members 4 of 25, 3 invites pending | changes |`,
        '',
        `<details><summary><b>Acme IoT</b> (${ORG_ID}): 1 to invite, 4 to change, 2 to remove</summary>`,
        '',
        `File \`orgs/acme.yaml\`, live state \`${plan.orgs[0]?.fingerprint.slice(0, 12) ?? ''}\`.`,
        '',
        '```diff',
        '~ update org properties',
        '    description: "old" -> "Production fleet"',
        '+ invite bob@x.com as edit: not a member yet  [orgs/acme.yaml:1]',
        '    application app1: view',
        '~ revoke invite i-gus of gus@x.com (view): invite has other access (view -> edit); re-sending  [orgs/acme.yaml:1]',
        '~ invite gus@x.com as edit: invite has other access (view -> edit); re-sending  [orgs/acme.yaml:1]',
        '~ change carol@x.com: role edit -> admin  [orgs/acme.yaml:1]',
        '~ change dan@x.com: application roles: 1 changed, 1 removed; dashboard roles: 1 added  [orgs/acme.yaml:1]',
        '    ~ application app1: view -> collaborate',
        '    - application app2: view',
        '    + dashboard dash1: view',
        '- revoke invite i-zed of zed@x.com (view): not in the file',
        '- remove erin@x.com (view): not in the file',
        '```',
        '',
        'Awaiting acceptance (not changes):',
        '',
        '- `ann@x.com`, invited 3 days ago',
        '',
        '</details>',
        '',
        `<sub>Plan \`${plan.hash.slice(0, 12)}\`. Run \`losant-org plan --format json\` for every request body.</sub>`,
        '',
      ].join('\n'),
    );
  });

  it('says plainly when nothing changes', () => {
    const plan = emptyPlan();

    expect(renderMarkdown(plan)).toEqual(
      [
        `<!-- losant-org:plan org=${ORG_ID} hash=${plan.hash} -->`,
        '### losant-org plan: no changes',
        '',
        'The org matches the file.',
        '',
        '| org | file | invite | change | remove | awaiting | seats | status |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
        `| **Acme IoT** \`${ORG_ID}\` | \`orgs/acme.yaml\` | 0 | 0 | 0 | 0 | members 1, 0 invites pending | no changes |`,
        '',
        `<sub>Plan \`${plan.hash.slice(0, 12)}\`. Run \`losant-org plan --format json\` for every request body.</sub>`,
        '',
      ].join('\n'),
    );
  });

  it('shows refusals loudly, before anything else', () => {
    const markdown = renderMarkdown(refusedPlan());

    const lines = markdown.split('\n');
    expect(lines.slice(1, 7)).toEqual([
      '### losant-org plan: 1 to invite, 1 to change, 0 to remove',
      '',
      '> [!CAUTION]',
      '> **Refused by a guard: nothing will be written.**',
      '>',
      `> - **Acme IoT** (\`${ORG_ID}\`), guard \`minAdmins\`: demoting alice@x.com (admin -\\> edit) would leave 0 admins, ` +
        'fewer than policy.minAdmins (1); pending invites do not count as admins until they are accepted, ' +
        'so inviting newadmin@x.com as admin does not help yet. To proceed: apply in two steps: first keep alice@x.com ' +
        'as admin in the file and apply the invite; once newadmin@x.com has accepted, apply the demotion. Or lower policy.minAdmins.',
    ]);
    expect(lines).toContain(
      "> - this token may not call GET /me, so the token's own user is not known; relying on the other guards",
    );
    expect(markdown).toContain('| 1 | 1 | 0 | 0 | members 1, 0 invites pending | **refused** |');
  });

  it('carries every org id and the plan hash in one marker that parsePlanMarker reads back', () => {
    const plan = twoOrgPlan();

    const marker = renderMarkdown(plan).split('\n')[0] ?? '';

    expect(marker).toEqual(planMarker(plan));
    expect(marker).toEqual(`<!-- losant-org:plan org=${ORG_ID},org-beta hash=${plan.hash} -->`);
    expect(parsePlanMarker(`some text\n${marker}\nmore`)).toEqual({
      orgIds: [ORG_ID, 'org-beta'],
      hash: plan.hash,
    });
    expect(parsePlanMarker('<!-- something else -->')).toBeUndefined();
  });

  it('cuts a plan of 20,000 operations at a line under 60,000 characters, closing what it opened', () => {
    const plan = bigPlan(20_000);

    const markdown = renderMarkdown(plan);

    const shownOps = count(markdown, /^\+ invite /gm);
    const hidden = (20_000 - shownOps).toLocaleString('en-US');
    expect(plan.orgs[0]?.operations.length).toBe(20_000);
    expect(markdown.length).toBeLessThan(MARKDOWN_MAX_LENGTH);
    expect(shownOps).toBeGreaterThan(100);
    expect(
      markdown.endsWith(
        `\n\n... ${hidden} more operations not shown; run \`losant-org plan\` locally or see the JSON plan\n`,
      ),
    ).toBe(true);
    expect(markdown.startsWith(planMarker(plan))).toBe(true);
    expect(count(markdown, /^<details>/gm)).toBe(1);
    expect(count(markdown, /^<\/details>$/gm)).toBe(1);
    expect(count(markdown, /^```/gm) % 2).toBe(0);
    const tail = markdown.split('\n').slice(-7);
    expect(tail).toEqual([
      tail[0],
      '```',
      '',
      '</details>',
      '',
      `... ${hidden} more operations not shown; run \`losant-org plan\` locally or see the JSON plan`,
      '',
    ]);
    expect(tail[0]).toMatch(
      /^\+ invite person\d{5}@example\.com as view: not a member yet {2}\[orgs\/acme\.yaml:1\]$/,
    );
  });

  it('leaves a plan that fits untouched and cuts a small one when the limit is small', () => {
    const plan = mixedPlan();
    const whole = renderMarkdown(plan);

    const cut = renderMarkdown(plan, { maxLength: 1400 });

    expect(whole.length).toBeLessThan(1800);
    expect(cut.length).toBeLessThanOrEqual(1400);
    const closed = '\n```\n\n</details>\n\n... ';
    expect(cut).toContain(closed);
    expect(whole.startsWith(cut.slice(0, cut.lastIndexOf(closed) + 1))).toBe(true);
    expect(count(cut, /^```/gm) % 2).toBe(0);
    expect(count(cut, /^<details>/gm)).toBe(count(cut, /^<\/details>$/gm));
    expect(cut).toMatch(
      /\.\.\. \d+ more operations not shown; run `losant-org plan` locally or see the JSON plan\n$/,
    );
  });

  it('escapes markdown in names and uses a longer fence when the content has backticks', () => {
    const live = {
      ...liveOrg({ name: 'A|B <script>', properties: { description: 'x' } }),
      id: 'org-1',
    };
    const desired = {
      ...desiredOrg(undefined, {}, { description: 'has ``` inside' }),
      orgId: 'org-1',
    };

    const markdown = renderMarkdown(buildPlans([{ desired, live, now: NOW }]));

    expect(markdown).toContain('| **A\\|B \\<script\\>** `org-1` |');
    expect(markdown).toContain('<details><summary><b>A|B &lt;script&gt;</b> (org-1)');
    expect(markdown).toContain(
      '\n````diff\n~ update org properties\n    description: "x" -> "has ``` inside"\n````\n',
    );
  });

  it('with nothing to change beside an unreadable org: says so, lists it, who expires soon and the seats', () => {
    const plan = expiringBesideUnreadable();

    expect(renderMarkdown(plan).split('\n')).toEqual([
      `<!-- losant-org:plan org=${ORG_ID} hash=${plan.hash} -->`,
      '### losant-org plan: no changes',
      '',
      'Every org that could be read matches its file.',
      '',
      '> [!CAUTION]',
      '> **An org could not be read: no plan, and nothing is written to it.**',
      '>',
      '> - `org-gone` from `orgs/gone.yaml`: not found',
      '',
      '**Expiring soon (1)**, access that ends within policy.expiryWarningDays (not changes):',
      '',
      '- `tim@x.com` in **Acme IoT**: expires in 3 days (2024-06-18)',
      '',
      '| org | file | invite | change | remove | awaiting | seats | status |',
      '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
      `| **Acme IoT** \`${ORG_ID}\` | \`orgs/acme.yaml\` | 0 | 0 | 0 | 0 | members 2 of 3, 0 invites pending | no changes |`,
      '',
      `<sub>Plan \`${shortHash(plan.hash)}\`. Run \`losant-org plan --format json\` for every request body.</sub>`,
      '',
    ]);
  });

  it('two unreadable orgs, org warnings, more removals than the callout lists, two files and an awaited invite', () => {
    const plan = manyRemovalsTwoUnreadable();
    const lines = renderMarkdown(plan).split('\n');
    const at = (text: string): number => {
      const index = lines.indexOf(text);
      expect(index, text).toBeGreaterThanOrEqual(0);
      return index;
    };

    const caution = at('> **2 orgs could not be read: no plan, and nothing is written to them.**');
    expect(lines.slice(caution + 1, caution + 4)).toEqual([
      '>',
      '> - `org-gone` from `orgs/gone.yaml`: not \\*found\\*',
      '> - `org-shut` from `orgs/shut.yaml`: forbidden',
    ]);
    const warning = at('> [!WARNING]');
    expect(lines[warning + 1]).toBe(
      '> - **Acme IoT**: member leaver00@gmail.com (view) is outside policy.allowedEmailDomains (x.com) and not in the file; this plan removes them',
    );
    const removals = at('**Removals (22)**, access or invitations taken away:');
    expect(lines[removals + 2]).toBe(
      '- `leaver00@gmail.com` removed from **Acme IoT** (view): not in the file',
    );
    expect(lines[removals + 21]).toBe(
      '- `leaver19@gmail.com` removed from **Acme IoT** (view): not in the file',
    );
    expect(lines[removals + 22]).toBe('- ... and 2 more, listed in the details below');
    expect(lines.filter((l) => l.includes('leaver21@gmail.com'))).toEqual([
      '> - **Acme IoT**: member leaver21@gmail.com (view) is outside policy.allowedEmailDomains (x.com) and not in the file; this plan removes them',
      '- remove leaver21@gmail.com (view): not in the file',
    ]);
    expect(caution).toBeLessThan(warning);
    expect(warning).toBeLessThan(removals);
    at(
      `| **Acme IoT** \`${ORG_ID}\` | \`orgs/acme.yaml\` \`orgs/acme-people.yaml\` | 0 | 0 | 22 | 1 | members 23, 1 invite pending | changes |`,
    );
    at(
      `<details><summary><b>Acme IoT</b> (${ORG_ID}): 0 to invite, 0 to change, 22 to remove</summary>`,
    );
    at(
      `Files \`orgs/acme.yaml\`, \`orgs/acme-people.yaml\`, live state \`${shortHash(plan.orgs[0]?.fingerprint ?? '')}\`.`,
    );
    const awaiting = at('Awaiting acceptance (not changes):');
    expect(lines.slice(awaiting + 1, awaiting + 5)).toEqual([
      '',
      '- `ann@x.com`, invited 2 days ago',
      '',
      '</details>',
    ]);
  });
});
