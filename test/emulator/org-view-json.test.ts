// The org answers are built from members' JSON kept between calls: they must stay the JSON of the org view.
import { describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import { EmulatorClock } from '../../src/emulator/emulator-clock.js';
import { EmulatorState } from '../../src/emulator/emulator-state.js';
import type { SummaryFilter } from '../../src/emulator/emulator-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { completeSeed } from '../../src/emulator/validate-seed.js';
import { NOW } from './emulator-fixtures.js';

const GRACE = '6650f0c1a2b3c4d5e6f70a02';
const MARGARET = '6650f0c1a2b3c4d5e6f70a04';
const KEN = '6650f0c1a2b3c4d5e6f70a05';
const DENNIS_INVITE = '6650f0c1a2b3c4d5e6f70d01';
const APP = '6650f0c1a2b3c4d5e6f70b01';

function newState(): EmulatorState {
  return new EmulatorState(completeSeed(createDemoSeed(NOW), NOW), new EmulatorClock(() => NOW));
}

/** The kept JSON and a fresh serialization of the view, side by side. */
function bothAnswers(state: EmulatorState, filter: SummaryFilter = {}): [string, string] {
  const org = state.orgForUser(DEMO_ORG_ID, DEMO_USER_ID);
  return [
    Buffer.concat(state.orgViewJson(org, filter)).toString('utf8'),
    JSON.stringify(state.orgView(org, filter)),
  ];
}

describe('the org answer from kept JSON', () => {
  it('is byte for byte the JSON of the org view after each kind of change', () => {
    const state = newState();
    const answers: [string, string][] = [bothAnswers(state)];
    const org = () => state.orgForUser(DEMO_ORG_ID, DEMO_USER_ID);

    state.modifyMember(org(), {
      userId: MARGARET,
      role: 'edit',
      applicationRoles: [{ resourceId: APP, role: 'view' }],
    });
    answers.push(bothAnswers(state));
    state.removeMember(org(), KEN);
    answers.push(bothAnswers(state));
    state.acceptInvite(DENNIS_INVITE);
    answers.push(bothAnswers(state));
    state.modifyMember(org(), { userId: GRACE, role: 'view' });
    answers.push(bothAnswers(state, { include: ['memberCount'] }));
    state.patchOrg(org(), { name: 'Renamed "org"', description: 'é\u2028' });
    answers.push(bothAnswers(state, { exclude: ['appCount', 'dashCount'] }));
    state.replace(completeSeed(createDemoSeed(NOW), NOW));
    answers.push(bothAnswers(state));

    expect(answers.map(([kept]) => kept)).toEqual(answers.map(([, fresh]) => fresh));
  });

  it('stays the JSON of the org view in an org of several hundred members', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `b${i.toString(16).padStart(23, '0')}`);
    const seed: EmulatorSeed = {
      users: ids.map((id, i) => ({ id, email: `user${i}@example.com`, firstName: `User ${i}` })),
      orgs: [
        {
          id: DEMO_ORG_ID,
          name: 'Large',
          members: ids.map((userId, i) => ({ userId, role: i < 3 ? 'admin' : 'view' })),
          invites: [
            {
              id: DENNIS_INVITE,
              email: 'new@example.com',
              role: 'edit',
              inviteDate: new Date(NOW).toISOString(),
            },
          ],
        },
      ],
    };
    const state = new EmulatorState(completeSeed(seed, NOW), new EmulatorClock(() => NOW));
    const org = () => state.orgForUser(DEMO_ORG_ID, ids[0] ?? '');
    const answer = (): [string, string] => [
      Buffer.concat(state.orgViewJson(org())).toString('utf8'),
      JSON.stringify(state.orgView(org())),
    ];
    const answers: [string, string][] = [answer()];

    state.modifyMember(org(), { userId: ids[5] ?? '', role: 'edit' });
    state.modifyMember(org(), { userId: ids[200] ?? '', role: 'collaborate' });
    answers.push(answer());
    state.removeMember(org(), ids[130] ?? '');
    answers.push(answer());
    state.modifyMember(org(), { userId: ids[260] ?? '', role: 'edit' });
    state.removeMember(org(), ids[299] ?? '');
    answers.push(answer());
    for (const id of ids.slice(256, 299)) state.removeMember(org(), id);
    answers.push(answer());
    state.acceptInvite(DENNIS_INVITE);
    answers.push(answer());

    expect(answers.map(([kept]) => kept)).toEqual(answers.map(([, fresh]) => fresh));
  });

  it('keeps the invites answer the JSON of the invites view as invites change and expire', () => {
    const clock = new EmulatorClock(() => NOW);
    const state = new EmulatorState(completeSeed(createDemoSeed(NOW), NOW), clock);
    const org = () => state.orgForUser(DEMO_ORG_ID, DEMO_USER_ID);
    const answer = (): [string, string] => [
      Buffer.concat(state.invitesViewJson(org())).toString('utf8'),
      JSON.stringify(state.invitesView(org())),
    ];
    const answers: [string, string][] = [answer()];

    state.inviteMember(org(), {
      email: 'new@acme-iot.example',
      role: 'edit',
      applicationRoles: [{ resourceId: APP, role: 'view' }],
    });
    answers.push(answer());
    clock.advance(8 * 24 * 60 * 60 * 1000);
    answers.push(answer());
    clock.set(NOW);
    answers.push(answer());
    state.expireInvites([DENNIS_INVITE]);
    answers.push(answer());
    state.revokeInvite(org(), DENNIS_INVITE);
    answers.push(answer());

    expect(answers.map(([kept]) => kept)).toEqual(answers.map(([, fresh]) => fresh));
    // Moving the clock on 8 days expired every invite: the kept JSON followed.
    expect(answers[2]?.[0]).not.toEqual(answers[1]?.[0]);
  });

  it('refuses to demote or remove the last admin after the admins changed', () => {
    const state = newState();
    const org = state.orgForUser(DEMO_ORG_ID, DEMO_USER_ID);
    state.modifyMember(org, { userId: GRACE, role: 'view' });

    const refusals = [
      () => state.modifyMember(org, { userId: DEMO_USER_ID, role: 'edit' }),
      () => state.removeMember(org, DEMO_USER_ID),
    ].map((act) => {
      try {
        act();
        return 'allowed';
      } catch (error) {
        return (error as Error).message;
      }
    });

    expect(refusals).toEqual([
      'Cannot demote the last admin of the organization: an organization must have at least one admin',
      'Cannot remove the last admin of the organization: an organization must have at least one admin',
    ]);
  });
});
