// What apply prints: a line per finished operation, running counts on a terminal, and the summary.
import { describe, expect, it } from 'vitest';
import type { ApplyReport, OperationResult } from '../../src/apply/apply-report.js';
import {
  renderApplySummary,
  renderProgress,
  renderResultLine,
} from '../../src/apply/render-apply-report.js';

const ORG = '6650f0c1a2b3c4d5e6f70801';

const DONE_PLAIN: OperationResult = {
  id: `${ORG}:1`,
  orgId: ORG,
  action: 'inviteMember',
  phase: 'invite',
  summary: 'invite hedy@acme-iot.example (view)',
  status: 'done',
  attempts: 1,
};
const DONE: OperationResult = {
  ...DONE_PLAIN,
  note: 'the answer was lost and a read-back confirms it was made',
};
const PROMOTION_FAILED: OperationResult = {
  id: `${ORG}:2`,
  orgId: ORG,
  action: 'modifyMember',
  phase: 'promote',
  summary: 'change linus@acme-iot.example (edit -> admin)',
  status: 'failed',
  attempts: 1,
  error: 'HTTP 500 from org.modifyMember: try again later',
};
const DEMOTION_SKIPPED: OperationResult = {
  id: `${ORG}:3`,
  orgId: ORG,
  action: 'modifyMember',
  phase: 'demote',
  summary: 'change grace@acme-iot.example (admin -> view)',
  status: 'skipped',
  attempts: 0,
  reason: 'it depends on "change linus@acme-iot.example (edit -> admin)", which was failed',
};

function report(results: OperationResult[], extra: Partial<ApplyReport> = {}): ApplyReport {
  const counts = {
    done: results.filter((r) => r.status === 'done').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    total: results.length,
  };
  return {
    ok: counts.done === counts.total,
    interrupted: false,
    counts,
    orgs: [{ orgId: ORG, orgName: 'Acme IoT', file: 'acme.yaml', counts, operations: results }],
    ...extra,
  };
}

describe('apply output', () => {
  it('a line per finished operation, with why it failed or was skipped and how a done one was confirmed', () => {
    expect([
      renderResultLine(DONE, { color: false }),
      renderResultLine(PROMOTION_FAILED, {
        color: false,
        orgName: 'Acme IoT',
        progress: '[2/3: 1 done, 1 failed]',
      }),
      renderResultLine(DEMOTION_SKIPPED, { color: false }),
      renderResultLine(PROMOTION_FAILED, { color: true }),
    ]).toEqual([
      '✓ invite hedy@acme-iot.example (view) (the answer was lost and a read-back confirms it was made)',
      '[2/3: 1 done, 1 failed] ✗ [Acme IoT] change linus@acme-iot.example (edit -> admin): HTTP 500 from org.modifyMember: try again later',
      '- skipped change grace@acme-iot.example (admin -> view): it depends on "change linus@acme-iot.example (edit -> admin)", which was failed',
      '\u001b[31m✗ change linus@acme-iot.example (edit -> admin)\u001b[0m: HTTP 500 from org.modifyMember: try again later',
    ]);
    expect(renderProgress({ done: 6, failed: 1, skipped: 2, total: 12 }, 12)).toBe(
      '[9/12: 6 done, 1 failed, 2 skipped]',
    );
  });

  it('the summary lists what failed and was skipped, what still differs, and says to run again', () => {
    const failed = report([DONE, PROMOTION_FAILED, DEMOTION_SKIPPED], {
      verification: {
        matches: false,
        orgs: [
          {
            orgId: ORG,
            matches: false,
            differences: ['~ change linus@acme-iot.example: role edit -> admin'],
            awaiting: 1,
          },
        ],
      },
    });

    expect(renderApplySummary(failed, { color: false })).toBe(
      [
        'Apply: 1 done, 1 failed, 1 skipped.',
        '  ✓ invite hedy@acme-iot.example (view): the answer was lost and a read-back confirms it was made',
        '  ✗ change linus@acme-iot.example (edit -> admin): HTTP 500 from org.modifyMember: try again later',
        '  - change grace@acme-iot.example (admin -> view): skipped, it depends on "change linus@acme-iot.example (edit -> admin)", which was failed',
        'Acme IoT (6650f0c1a2b3c4d5e6f70801) still differs from the file:',
        '  ~ change linus@acme-iot.example: role edit -> admin',
        '1 invite awaiting acceptance.',
        'Run apply again to finish the job (it plans from the live state).',
        '',
      ].join('\n'),
    );
  });

  it('an interrupted apply says so; a complete one says the org matches', () => {
    const interrupted = report([DONE, { ...DEMOTION_SKIPPED, reason: 'interrupted' }], {
      interrupted: true,
    });
    const complete = report([DONE_PLAIN], {
      verification: {
        matches: true,
        orgs: [{ orgId: ORG, matches: true, differences: [], awaiting: 0 }],
      },
    });

    expect(renderApplySummary(interrupted, { color: false })).toBe(
      [
        'Apply: 1 done, 0 failed, 1 skipped.',
        '  ✓ invite hedy@acme-iot.example (view): the answer was lost and a read-back confirms it was made',
        '  - change grace@acme-iot.example (admin -> view): skipped, interrupted',
        'Interrupted: the calls in flight were finished, nothing new was started.',
        'Run apply again to finish the job (it plans from the live state).',
        '',
      ].join('\n'),
    );
    expect(renderApplySummary(complete, { color: false })).toBe(
      'Apply: 1 done, 0 failed, 0 skipped.\nThe org now matches the file.\n',
    );
    expect(renderApplySummary(interrupted, { color: true })).toContain(
      '\u001b[33mInterrupted: the calls in flight were finished, nothing new was started.\u001b[0m',
    );
  });

  it('paints the headline by the worst outcome, failures red, skips yellow, a clean run bold', () => {
    const failed = renderApplySummary(report([DONE, PROMOTION_FAILED, DEMOTION_SKIPPED]), {
      color: true,
    }).split('\n');
    expect(failed[0]).toBe('\u001b[31mApply: 1 done, 1 failed, 1 skipped.\u001b[0m');
    expect(failed).toContain(
      '  \u001b[31m✗ change linus@acme-iot.example (edit -> admin)\u001b[0m: HTTP 500 from org.modifyMember: try again later',
    );
    expect(failed).toContain(
      '  \u001b[33m- change grace@acme-iot.example (admin -> view)\u001b[0m: skipped, it depends on "change linus@acme-iot.example (edit -> admin)", which was failed',
    );
    expect(
      renderApplySummary(report([DONE, DEMOTION_SKIPPED]), { color: true }).split('\n')[0],
    ).toBe('\u001b[33mApply: 1 done, 0 failed, 1 skipped.\u001b[0m');
    expect(renderApplySummary(report([DONE_PLAIN]), { color: true })).toBe(
      '\u001b[1mApply: 1 done, 0 failed, 0 skipped.\u001b[0m\n',
    );
    expect(renderResultLine(DEMOTION_SKIPPED, { color: true })).toBe(
      '\u001b[33m- skipped change grace@acme-iot.example (admin -> view)\u001b[0m: it depends on "change linus@acme-iot.example (edit -> admin)", which was failed',
    );
    expect(renderResultLine(DONE_PLAIN, { color: true, orgName: 'Acme IoT' })).toBe(
      '\u001b[32m✓ [Acme IoT] invite hedy@acme-iot.example (view)\u001b[0m',
    );
    expect(renderProgress({ done: 3, failed: 0, skipped: 0, total: 5 }, 5)).toBe('[3/5: 3 done]');
    expect(renderProgress({ done: 0, failed: 0, skipped: 4, total: 5 }, 5)).toBe(
      '[4/5: 0 done, 4 skipped]',
    );
  });

  it('several orgs: each line says its org, every org matches, invites awaiting per org', () => {
    const BETA = '6650f0c1a2b3c4d5e6f70802';
    const one = report([DONE]);
    const beta = {
      ...(one.orgs[0] as ApplyReport['orgs'][number]),
      orgId: BETA,
      orgName: 'Beta',
      operations: [{ ...PROMOTION_FAILED, orgId: BETA }],
    };
    const both: ApplyReport = {
      ...one,
      ok: false,
      counts: { done: 1, failed: 1, skipped: 0, total: 2 },
      orgs: [...one.orgs, beta],
      verification: {
        matches: true,
        orgs: [
          { orgId: ORG, matches: true, differences: [], awaiting: 2 },
          { orgId: BETA, matches: true, differences: [], awaiting: 1 },
          { orgId: 'unnamed', matches: true, differences: [], awaiting: 0 },
        ],
      },
    };

    expect(renderApplySummary(both, { color: false })).toBe(
      [
        'Apply: 1 done, 1 failed, 0 skipped.',
        '  ✓ [Acme IoT] invite hedy@acme-iot.example (view): the answer was lost and a read-back confirms it was made',
        '  ✗ [Beta] change linus@acme-iot.example (edit -> admin): HTTP 500 from org.modifyMember: try again later',
        'Every org now matches its file.',
        'Acme IoT (6650f0c1a2b3c4d5e6f70801): 2 invites awaiting acceptance.',
        'Beta (6650f0c1a2b3c4d5e6f70802): 1 invite awaiting acceptance.',
        'Run apply again to finish the job (it plans from the live state).',
        '',
      ].join('\n'),
    );
  });

  it('a stopped org: why, in red, and what to fix instead of running again', () => {
    const stopped = report([PROMOTION_FAILED, DEMOTION_SKIPPED]);
    (stopped.orgs[0] as ApplyReport['orgs'][number]).stopped =
      'change linus@acme-iot.example (edit -> admin) failed: HTTP 403';

    const text = renderApplySummary(stopped, { color: false });
    const coloured = renderApplySummary(stopped, { color: true });

    expect(text.split('\n').slice(1, 2)).toEqual([
      'stopped: change linus@acme-iot.example (edit -> admin) failed: HTTP 403',
    ]);
    expect(
      text.endsWith('Fix what stopped the org (the token or its scopes), then run apply again.\n'),
    ).toBe(true);
    expect(text).not.toContain('Run apply again');
    expect(coloured).toContain(
      '\u001b[31mstopped: change linus@acme-iot.example (edit -> admin) failed: HTTP 403\u001b[0m',
    );
  });

  it('one stopped org among others is enough to say what to fix instead of running again', () => {
    const stopped = report([PROMOTION_FAILED]);
    const [first] = stopped.orgs;
    if (first === undefined) throw new Error('no org');
    const other = { ...first, orgId: 'org-2', orgName: 'Other', operations: [DEMOTION_SKIPPED] };
    const both: ApplyReport = {
      ...stopped,
      orgs: [
        { ...first, stopped: 'change linus@acme-iot.example (edit -> admin) failed: HTTP 403' },
        other,
      ],
    };

    const text = renderApplySummary(both, { color: false });

    expect(text.split('\n').slice(-2)).toEqual([
      'Fix what stopped the org (the token or its scopes), then run apply again.',
      '',
    ]);
  });

  it('skipped orgs: named with why, the others matching, and no "run again" when only they are left', () => {
    const applied = report([DONE_PLAIN], {
      ok: false,
      skippedOrgs: [
        {
          orgId: 'org-x',
          file: 'orgs/x.yaml',
          kind: 'unreadable',
          reason: 'HTTP 404 from org.get',
        },
        {
          orgId: 'org-y',
          orgName: 'Yonder',
          file: 'orgs/y.yaml',
          kind: 'refused',
          reason: 'guard maxRemovals: 3 removals',
        },
      ],
      verification: {
        matches: true,
        orgs: [{ orgId: ORG, matches: true, differences: [], awaiting: 0 }],
      },
    });

    expect(renderApplySummary(applied, { color: false })).toBe(
      [
        'Apply: 1 done, 0 failed, 0 skipped.',
        'Skipped org org-x from orgs/x.yaml: could not be read, nothing was written to it: HTTP 404 from org.get',
        'Skipped Yonder (org-y) from orgs/y.yaml: refused by a guard, nothing was written to it: guard maxRemovals: 3 removals',
        'Every org applied now matches its file.',
        'Fix what kept the skipped orgs from being applied, then run apply again.',
        '',
      ].join('\n'),
    );
    expect(renderApplySummary(applied, { color: true })).toContain(
      '\u001b[31mSkipped org org-x from orgs/x.yaml: could not be read, nothing was written to it: HTTP 404 from org.get\u001b[0m',
    );
    const alsoFailed = report([PROMOTION_FAILED], {
      skippedOrgs: applied.skippedOrgs ?? [],
    });
    expect(renderApplySummary(alsoFailed, { color: false }).split('\n').slice(-3)).toEqual([
      'Fix what kept the skipped orgs from being applied, then run apply again.',
      'Run apply again to finish the job (it plans from the live state).',
      '',
    ]);
    const stillDiffers = report([DONE_PLAIN], {
      ok: false,
      skippedOrgs: applied.skippedOrgs ?? [],
      verification: {
        matches: false,
        orgs: [{ orgId: ORG, matches: false, differences: ['+ invite x@y.com'], awaiting: 0 }],
      },
    });
    expect(renderApplySummary(stillDiffers, { color: false })).toContain(
      'Run apply again to finish the job',
    );
    expect(renderApplySummary(stillDiffers, { color: false })).not.toContain('now matches');
    const alsoSkipped = report([DEMOTION_SKIPPED], { skippedOrgs: applied.skippedOrgs ?? [] });
    expect(renderApplySummary(alsoSkipped, { color: false }).split('\n').slice(-3)).toEqual([
      'Fix what kept the skipped orgs from being applied, then run apply again.',
      'Run apply again to finish the job (it plans from the live state).',
      '',
    ]);
  });

  it('an org that could not be read again is said as such, with its error', () => {
    const unread = report([DONE_PLAIN], {
      ok: false,
      verification: {
        matches: false,
        orgs: [
          {
            orgId: ORG,
            matches: false,
            differences: [],
            awaiting: 0,
            error: 'could not read the org again to check it: HTTP 503',
          },
        ],
      },
    });

    expect(renderApplySummary(unread, { color: false })).toBe(
      [
        'Apply: 1 done, 0 failed, 0 skipped.',
        'Acme IoT (6650f0c1a2b3c4d5e6f70801): could not read the org again to check it: HTTP 503',
        'Run apply again to finish the job (it plans from the live state).',
        '',
      ].join('\n'),
    );
  });
});
