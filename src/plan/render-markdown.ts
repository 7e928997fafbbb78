// The plan as a pull-request comment: a hidden marker, counts, removals first, details folded.
import type { Operation, OrgPlan, Plan } from '../model/plan.js';
import { countedAs } from './count-operations.js';
import {
  describeAge,
  describeCounts,
  describeExpiring,
  describeOperation,
  describeSource,
  formatCount,
  isRefused,
  operationCount,
  totalCounts,
} from './describe-operation.js';
import { shortHash } from './fingerprint.js';
import { describeSeats } from './member-seats.js';
import { printable } from './printable-text.js';

/** Below GitHub's 65,536-character comment limit, with room for what the Action adds. */
export const MARKDOWN_MAX_LENGTH = 60_000;

/** How many removals the callout lists before pointing to the details. */
const REMOVAL_CALLOUT_LIMIT = 20;

export interface RenderMarkdownOptions {
  /** Longest comment in characters; default MARKDOWN_MAX_LENGTH. */
  maxLength?: number;
}

export interface PlanMarker {
  /** Every org the comment covers, sorted. */
  orgIds: string[];
  /** The plan's full sha256 hash. */
  hash: string;
}

/**
 * The hidden first line of a plan comment, e.g. `<!-- losant-org:plan org=a1,b2 hash=<sha256> -->`:
 * the org ids sorted and joined by commas, then the full plan hash. The Action finds its sticky
 * comment, and the plan that was reviewed, with parsePlanMarker.
 */
export function planMarker(plan: Plan): string {
  const ids = plan.orgs.map((o) => o.orgId).sort();
  return `<!-- losant-org:plan org=${ids.join(',')} hash=${plan.hash} -->`;
}

export function parsePlanMarker(text: string): PlanMarker | undefined {
  const match = /<!-- losant-org:plan org=([^\s,]*(?:,[^\s,]+)*) hash=([0-9a-f]{64}) -->/.exec(
    text,
  );
  if (match === null) return undefined;
  const ids = match[1] ?? '';
  return { orgIds: ids === '' ? [] : ids.split(','), hash: match[2] ?? '' };
}

/** Inline markdown: punctuation that could start formatting or HTML is escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#~]/g, '\\$&');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span that survives backticks in the text and pipes in a table cell. */
function code(text: string): string {
  const safe = text.replace(/\|/g, '\\|');
  return safe.includes('`') ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

/** The org's files, each a code span. */
function codeFiles(org: Pick<OrgPlan, 'file' | 'files'>, separator: string): string {
  return (org.files ?? [org.file]).map((f) => code(f)).join(separator);
}

/** A fence longer than any run of backticks inside, so no content line can close it. */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) {
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

interface Line {
  text: string;
  /** Operations this line lists in a details section. */
  ops?: string[];
  /** This line opens a block that `closer` ends. */
  closer?: string;
  /** This line ends the innermost open block. */
  closes?: boolean;
}

function describeLoss(op: Operation, org: OrgPlan): string {
  const where = `**${escapeMarkdown(org.orgName)}**`;
  if (op.action === 'removeMember') {
    return `${code(op.target.email)} removed from ${where} (${op.before.role}): ${escapeMarkdown(op.reason)}`;
  }
  if (op.action === 'revokeInvite') {
    return `invite of ${code(op.target.email)} revoked in ${where} (${op.before.role}): ${escapeMarkdown(op.reason)}`;
  }
  return escapeMarkdown(op.reason);
}

function status(org: OrgPlan): string {
  if (org.refusals.length > 0) return '**refused**';
  return org.operations.length > 0 ? 'changes' : 'no changes';
}

function headerLines(plan: Plan): Line[] {
  const lines: Line[] = [{ text: planMarker(plan) }];
  const total = operationCount(plan);
  lines.push({
    text:
      total === 0
        ? '### losant-org plan: no changes'
        : `### losant-org plan: ${describeCounts(totalCounts(plan))}`,
  });
  lines.push({ text: '' });
  if (total === 0) {
    lines.push({
      text:
        (plan.unreadable ?? []).length > 0
          ? 'Every org that could be read matches its file.'
          : plan.orgs.length > 1
            ? 'Every org matches its file.'
            : 'The org matches the file.',
    });
    lines.push({ text: '' });
  }

  const unreadable = plan.unreadable ?? [];
  if (unreadable.length > 0) {
    lines.push({ text: '> [!CAUTION]' });
    lines.push({
      text: `> **${unreadable.length === 1 ? 'An org' : `${formatCount(unreadable.length)} orgs`} could not be read: no plan, and nothing is written to ${unreadable.length === 1 ? 'it' : 'them'}.**`,
    });
    lines.push({ text: '>' });
    for (const org of unreadable) {
      lines.push({
        text: `> - ${code(org.orgId)} from ${code(org.file)}: ${escapeMarkdown(org.message)}`,
      });
    }
    lines.push({ text: '' });
  }

  if (isRefused(plan)) {
    lines.push({ text: '> [!CAUTION]' });
    lines.push({ text: '> **Refused by a guard: nothing will be written.**' });
    lines.push({ text: '>' });
    for (const org of plan.orgs) {
      for (const r of org.refusals) {
        lines.push({
          text:
            `> - **${escapeMarkdown(org.orgName)}** (${code(org.orgId)}), guard ${code(r.guard)}: ` +
            `${escapeMarkdown(r.message)}. To proceed: ${escapeMarkdown(r.override)}.`,
        });
      }
    }
    lines.push({ text: '' });
  }

  const warnings = [
    ...(plan.warnings ?? []).map((w) => escapeMarkdown(w)),
    ...plan.orgs.flatMap((o) =>
      o.warnings.map((w) => `**${escapeMarkdown(o.orgName)}**: ${escapeMarkdown(w)}`),
    ),
  ];
  if (warnings.length > 0) {
    lines.push({ text: '> [!WARNING]' });
    for (const w of warnings) lines.push({ text: `> - ${w}` });
    lines.push({ text: '' });
  }

  const losses = plan.orgs.flatMap((org) =>
    org.operations.filter((op) => countedAs(op) === 'removal').map((op) => ({ op, org })),
  );
  if (losses.length > 0) {
    lines.push({
      text: `**Removals (${formatCount(losses.length)})**, access or invitations taken away:`,
    });
    lines.push({ text: '' });
    for (const { op, org } of losses.slice(0, REMOVAL_CALLOUT_LIMIT)) {
      // Not counted as shown: the note counts what is missing from the full list in the details.
      lines.push({ text: `- ${describeLoss(op, org)}` });
    }
    if (losses.length > REMOVAL_CALLOUT_LIMIT) {
      const more = losses.length - REMOVAL_CALLOUT_LIMIT;
      lines.push({ text: `- ... and ${formatCount(more)} more, listed in the details below` });
    }
    lines.push({ text: '' });
  }

  const expiring = plan.orgs.flatMap((org) => (org.expiring ?? []).map((e) => ({ e, org })));
  if (expiring.length > 0) {
    lines.push({
      text: `**Expiring soon (${formatCount(expiring.length)})**, access that ends within policy.expiryWarningDays (not changes):`,
    });
    lines.push({ text: '' });
    for (const { e, org } of expiring) {
      lines.push({
        text: `- ${code(e.email)} in **${escapeMarkdown(org.orgName)}**: ${escapeMarkdown(describeExpiring(e))}`,
      });
    }
    lines.push({ text: '' });
  }

  lines.push({ text: '| org | file | invite | change | remove | awaiting | seats | status |' });
  lines.push({ text: '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |' });
  for (const org of plan.orgs) {
    const c = org.counts;
    lines.push({
      text:
        `| **${escapeMarkdown(org.orgName)}** ${code(org.orgId)} | ${codeFiles(org, ' ')} | ` +
        `${formatCount(c.additions)} | ${formatCount(c.changes)} | ${formatCount(c.removals)} | ` +
        `${formatCount(org.awaiting.length)} | ${org.seats === undefined ? '' : describeSeats(org.seats)} | ` +
        `${status(org)} |`,
    });
  }
  lines.push({ text: '' });
  return lines;
}

function orgLines(org: OrgPlan): Line[] {
  if (org.operations.length === 0 && org.awaiting.length === 0) return [];
  const summary =
    `<b>${escapeHtml(org.orgName)}</b> (${escapeHtml(org.orgId)}): ` +
    (org.operations.length === 0 ? 'no changes' : escapeHtml(describeCounts(org.counts)));
  const lines: Line[] = [
    { text: `<details><summary>${summary}</summary>`, closer: '</details>' },
    { text: '' },
    {
      text: `${org.files === undefined ? 'File' : 'Files'} ${codeFiles(org, ', ')}, live state ${code(shortHash(org.fingerprint))}.`,
    },
    { text: '' },
  ];
  if (org.operations.length > 0) {
    const body: Line[] = [];
    for (const op of org.operations) {
      const { sign, head, details } = describeOperation(op);
      body.push({ text: `${sign} ${head}${describeSource(op, org, 'file:line')}`, ops: [op.id] });
      for (const detail of details) body.push({ text: `    ${detail}` });
    }
    const fence = fenceFor(body.map((l) => l.text));
    lines.push({ text: `${fence}diff`, closer: fence }, ...body, { text: fence, closes: true });
    lines.push({ text: '' });
  }
  if (org.awaiting.length > 0) {
    lines.push({ text: 'Awaiting acceptance (not changes):' });
    lines.push({ text: '' });
    for (const a of org.awaiting) {
      lines.push({ text: `- ${code(a.email)}, ${describeAge(a.ageDays)}` });
    }
    lines.push({ text: '' });
  }
  lines.push({ text: '</details>', closes: true }, { text: '' });
  return lines;
}

function footerLines(plan: Plan): Line[] {
  return [
    {
      text:
        `<sub>Plan ${code(shortHash(plan.hash))}. ` +
        'Run `losant-org plan --format json` for every request body.</sub>',
    },
  ];
}

function join(lines: readonly Line[]): string {
  return `${lines.map((l) => l.text).join('\n')}\n`;
}

const REST_NOTE =
  '... the rest of this plan is not shown; run `losant-org plan` locally or see the JSON plan';

/** Cut at a line boundary so that the text, the closers of open blocks and the note fit in max. */
function cutToLength(lines: readonly Line[], totalOps: number, max: number): string {
  const hiddenNote = (hidden: number): string =>
    `... ${formatCount(hidden)} more operations not shown; run \`losant-org plan\` locally or see the JSON plan`;
  // Room for the longest note the cut could end with: every operation hidden, or none hidden.
  const noteRoom = Math.max(hiddenNote(totalOps).length, REST_NOTE.length);
  const closersLength = (stack: readonly string[]): number =>
    stack.reduce((n, c) => n + c.length + 2, 0);

  const stack: string[] = [];
  let length = 0;
  let keep = 0;
  let keptStack: string[] = [];
  for (const [index, line] of lines.entries()) {
    length += line.text.length + 1;
    if (line.closer !== undefined) stack.push(line.closer);
    if (line.closes === true) stack.pop();
    if (length + closersLength(stack) + noteRoom + 4 > max) break;
    keep = index + 1;
    keptStack = [...stack];
  }

  const kept = lines.slice(0, keep);
  const shown = new Set(kept.flatMap((l) => l.ops ?? []));
  const hidden = totalOps - shown.size;
  const out = kept.map((l) => l.text);
  for (const closer of [...keptStack].reverse()) {
    // An HTML block needs a blank line before it to end the markdown inside it.
    out.push(...(closer.startsWith('`') ? [closer] : ['', closer]));
  }
  out.push('');
  out.push(hidden > 0 ? hiddenNote(hidden) : REST_NOTE);
  return `${out.join('\n')}\n`;
}

/** The plan as a pull-request comment, never longer than options.maxLength characters. */
export function renderMarkdown(plan: Plan, options: RenderMarkdownOptions = {}): string {
  const max = options.maxLength ?? MARKDOWN_MAX_LENGTH;
  // Every line made printable: live emails and names must not forge lines or hide text.
  const lines = [...headerLines(plan), ...plan.orgs.flatMap(orgLines), ...footerLines(plan)].map(
    (line) => {
      const text = printable(line.text);
      return text === line.text ? line : { ...line, text };
    },
  );
  const whole = join(lines);
  if (whole.length <= max) return whole;
  return cutToLength(lines, operationCount(plan), max);
}
