// The plan for a terminal, terraform-like: `+` invite, `~` change, `-` remove or revoke.
import type { OrgPlan, Plan } from '../model/plan.js';
import {
  describeAge,
  describeCounts,
  describeExpiring,
  describeOperation,
  describeOrgFiles,
  describeSource,
  isRefused,
  operationCount,
  totalCounts,
  type OperationSign,
} from './describe-operation.js';
import { describeSeats } from './member-seats.js';
import { printable } from './printable-text.js';

export interface RenderTextOptions {
  /** ANSI colours; the CLI decides from NO_COLOR, --no-color and whether stdout is a TTY. */
  color: boolean;
}

const ANSI = {
  bold: '\u001b[1m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  red: '\u001b[31m',
  reset: '\u001b[0m',
} as const;

type Style = keyof Omit<typeof ANSI, 'reset'>;

const SIGN_STYLE: Record<OperationSign, Style> = { '+': 'green', '~': 'yellow', '-': 'red' };

/** Paints a line; the text is made printable first, since emails and names come from the live org. */
function styler(color: boolean): (style: Style | undefined, text: string) => string {
  return color
    ? (style, text) =>
        style === undefined ? printable(text) : `${ANSI[style]}${printable(text)}${ANSI.reset}`
    : (_style, text) => printable(text);
}

function renderOrg(org: OrgPlan, paint: ReturnType<typeof styler>, many: boolean): string[] {
  const lines = [paint('bold', `${org.orgName} (${org.orgId}) from ${describeOrgFiles(org)}`)];
  if (org.seats !== undefined) lines.push(`  ${describeSeats(org.seats)}`);
  for (const op of org.operations) {
    const { sign, head, details } = describeOperation(op);
    lines.push(paint(SIGN_STYLE[sign], `  ${sign} ${head}${describeSource(op, org, 'file')}`));
    for (const detail of details) lines.push(paint(SIGN_STYLE[sign], `      ${detail}`));
  }
  if (org.awaiting.length > 0) {
    lines.push('  awaiting acceptance:');
    for (const a of org.awaiting) {
      lines.push(paint(undefined, `      ${a.email}, ${describeAge(a.ageDays)}`));
    }
  }
  const expiring = org.expiring ?? [];
  if (expiring.length > 0) {
    lines.push('  expiring soon (not changes):');
    for (const e of expiring)
      lines.push(paint('yellow', `      ${e.email}, ${describeExpiring(e)}`));
  }
  for (const warning of org.warnings) lines.push(paint('yellow', `  warning: ${warning}`));
  for (const refusal of org.refusals) {
    lines.push(paint('red', `  refused by guard ${refusal.guard}: ${refusal.message}`));
    lines.push(paint('red', `      to proceed: ${refusal.override}`));
  }
  if (many) {
    lines.push(org.operations.length === 0 ? '  no changes' : `  ${describeCounts(org.counts)}.`);
  }
  return lines;
}

/** The whole plan as text ending in a newline; pure, so the same plan always reads the same. */
export function renderText(plan: Plan, options: RenderTextOptions): string {
  const paint = styler(options.color);
  const many = plan.orgs.length + (plan.unreadable?.length ?? 0) > 1;
  const lines: string[] = [];
  const unreadable = plan.unreadable ?? [];
  // Nothing could be read at all: the errors say everything, and there is no plan to show.
  if (plan.orgs.length === 0 && unreadable.length > 0) return '';
  for (const org of plan.orgs) lines.push(...renderOrg(org, paint, many), '');
  for (const org of unreadable) {
    lines.push(paint('bold', `org ${org.orgId} from ${org.file}`));
    lines.push(
      paint('red', `  could not be read (${org.action} failed): no plan, see the error below`),
    );
    lines.push('');
  }
  for (const warning of plan.warnings ?? []) lines.push(paint('yellow', `warning: ${warning}`));
  if (operationCount(plan) === 0) {
    lines.push(
      unreadable.length > 0
        ? 'No changes in the orgs that could be read.'
        : many
          ? 'No changes. Every org matches its file.'
          : 'No changes. The org matches the file.',
    );
  } else {
    lines.push(paint('bold', `Plan: ${describeCounts(totalCounts(plan))}.`));
  }
  if (isRefused(plan)) {
    lines.push(
      paint('red', 'Refused by a guard: nothing will be written (see "refused by guard" above).'),
    );
  }
  return `${lines.join('\n')}\n`;
}
