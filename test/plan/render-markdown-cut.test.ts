// Where a plan comment too long for GitHub is cut, at every limit from nothing fitting to all of it
// fitting. The rule, read from the comment's own lines: keep the longest run of whole lines such that
// every line kept so far, the closers of the blocks still open (each on its own line, an HTML one after
// a blank line) and the longest note the cut could need fit in the limit; then close those blocks and
// say what is not shown. The room kept for the note is that of the longest note the cut could need
// (every operation hidden, or none), so a cut may keep a line less than would just fit, never more.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { operationCount } from '../../src/plan/describe-operation.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import { buildPlans } from '../../src/plan/build-plan.js';
import { declared, desiredOrg, liveOrg, member, NOW } from './plan-fixtures.js';
import { mixedPlan } from './render-fixtures.js';

const NOTE_END = 'run `losant-org plan` locally or see the JSON plan';

/** The closer a line opens, whether it ends the innermost open block, and the operation it lists. */
function blockOf(line: string, fence: string | undefined): { opens?: string; closes?: boolean } {
  if (line.startsWith('<details>')) return { opens: '</details>' };
  if (line === '</details>') return { closes: true };
  if (fence === undefined && /^`{3,}diff$/.test(line)) return { opens: line.slice(0, -4) };
  if (fence !== undefined && line === fence) return { closes: true };
  return {};
}

/** The lines of a diff block that each list one operation (their details are indented). */
function operationLines(lines: readonly string[]): string[] {
  let fence: string | undefined;
  return lines.filter((line) => {
    if (fence === undefined) {
      if (/^`{3,}diff$/.test(line)) fence = line.slice(0, -4);
      return false;
    }
    if (line === fence) {
      fence = undefined;
      return false;
    }
    return !line.startsWith(' ');
  });
}

/** The comment cut to `max` characters by the rule above; the whole comment when it fits. */
function expectedCut(whole: string, totalOps: number, max: number): string {
  if (whole.length <= max) return whole;
  const lines = whole.slice(0, -1).split('\n');
  // The longest note the cut could end with: every operation hidden, or none.
  const noteRoom = Math.max(
    `... ${totalOps.toLocaleString('en-US')} more operations not shown; ${NOTE_END}`.length,
    `... the rest of this plan is not shown; ${NOTE_END}`.length,
  );
  const stack: string[] = [];
  let used = 0;
  let kept: string[] = [];
  let keptStack: string[] = [];
  for (const [index, line] of lines.entries()) {
    used += line.length + 1;
    const block = blockOf(line, stack.at(-1)?.startsWith('`') === true ? stack.at(-1) : undefined);
    if (block.opens !== undefined) stack.push(block.opens);
    if (block.closes === true) stack.pop();
    // Each closer takes its own line and, at most, a blank line before it.
    const closers = stack.reduce((n, c) => n + c.length + 2, 0);
    // The blank line and the note, each ended by a newline, and the newline before them.
    if (used + closers + noteRoom + 4 > max) break;
    kept = lines.slice(0, index + 1);
    keptStack = [...stack];
  }
  const shown = operationLines(kept).length;
  const hidden = totalOps - shown;
  const out = [...kept];
  for (const closer of [...keptStack].reverse()) {
    out.push(...(closer.startsWith('`') ? [closer] : ['', closer]));
  }
  out.push(
    '',
    hidden > 0
      ? `... ${hidden.toLocaleString('en-US')} more operations not shown; ${NOTE_END}`
      : `... the rest of this plan is not shown; ${NOTE_END}`,
  );
  return `${out.join('\n')}\n`;
}

/** Two orgs, each removing someone: two details sections, one after the other. */
function twoChangedOrgs(): Plan {
  const people = [
    member('u-alice', 'alice@x.com', 'admin'),
    member('u-erin', 'erin@x.com', 'view'),
  ];
  const desired = desiredOrg([declared('alice@x.com', 'admin')]);
  return buildPlans([
    { desired, live: liveOrg({ members: people }), now: NOW },
    {
      desired: { ...desired, orgId: 'org-beta', file: 'orgs/beta.yaml' },
      live: { ...liveOrg({ name: 'Beta', members: people }), id: 'org-beta' },
      now: NOW,
    },
  ]);
}

describe('renderMarkdown cut to a limit', () => {
  // One org with a bit of everything; two orgs, so that a cut can fall after an org's details.
  const plans: [string, () => Plan][] = [
    ['one org', mixedPlan],
    ['two orgs', twoChangedOrgs],
  ];

  it.each(plans)(
    'at every limit, keeps the most whole lines that fit with their closers and the note (%s)',
    (_, make) => {
      const plan = make();
      const whole = renderMarkdown(plan);
      const total = operationCount(plan);

      for (let max = 1; max <= whole.length + 1; max += 1) {
        expect(renderMarkdown(plan, { maxLength: max }), `maxLength ${max}`).toBe(
          expectedCut(whole, total, max),
        );
      }
    },
  );

  it.each(plans)(
    'at every limit: within it once the note fits, whole lines of the comment first, and more room never shows less (%s)',
    (_, make) => {
      const plan = make();
      const whole = renderMarkdown(plan);
      const wholeLines = whole.split('\n');
      const noteAlone = renderMarkdown(plan, { maxLength: 1 }).length;
      let keptBefore = 0;

      for (let max = 1; max < whole.length; max += 1) {
        const cut = renderMarkdown(plan, { maxLength: max });
        if (max >= noteAlone) expect(cut.length, `maxLength ${max}`).toBeLessThanOrEqual(max);
        const cutLines = cut.split('\n');
        let kept = 0;
        while (kept < cutLines.length && cutLines[kept] === wholeLines[kept]) kept += 1;
        expect(kept, `maxLength ${max}`).toBeGreaterThanOrEqual(keptBefore);
        keptBefore = kept;
      }
    },
  );

  it('a limit the whole comment meets exactly leaves it whole; one character less cuts it', () => {
    const plan = mixedPlan();
    const whole = renderMarkdown(plan);

    expect(renderMarkdown(plan, { maxLength: whole.length })).toBe(whole);
    expect(renderMarkdown(plan, { maxLength: whole.length - 1 })).not.toBe(whole);
  });

  it('cut after every operation was shown, it says the rest of the plan is not shown', () => {
    const plan = mixedPlan();
    const whole = renderMarkdown(plan);

    const cut = renderMarkdown(plan, { maxLength: whole.length - 1 });

    expect(cut.endsWith(`\n\n... the rest of this plan is not shown; ${NOTE_END}\n`)).toBe(true);
    expect(operationLines(cut.split('\n'))).toHaveLength(operationCount(plan));
  });

  it('with room for nothing, it is only the note', () => {
    const plan = mixedPlan();

    expect(renderMarkdown(plan, { maxLength: 10 })).toBe(
      `\n... ${operationCount(plan)} more operations not shown; ${NOTE_END}\n`,
    );
  });
});
