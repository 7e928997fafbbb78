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
  });
});
