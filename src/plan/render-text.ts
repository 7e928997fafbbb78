// The plan for a terminal, terraform-like: `+` invite, `~` change, `-` remove or revoke.
import type { OrgPlan, Plan } from '../model/plan.js';
import {
  describeAge,
  describeCounts,
  describeOperation,
  isRefused,
  operationCount,
  totalCounts,
  type OperationSign,
} from './describe-operation.js';
import { describeSeats } from './member-seats.js';

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

function styler(color: boolean): (style: Style, text: string) => string {
  return color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_style, text) => text;
}

function renderOrg(org: OrgPlan, paint: ReturnType<typeof styler>, many: boolean): string[] {
  const lines = [paint('bold', `${org.orgName} (${org.orgId}) from ${org.file}`)];
  if (org.seats !== undefined) lines.push(`  ${describeSeats(org.seats)}`);
  for (const op of org.operations) {
    const { sign, head, details } = describeOperation(op);
    lines.push(paint(SIGN_STYLE[sign], `  ${sign} ${head}`));
    for (const detail of details) lines.push(paint(SIGN_STYLE[sign], `      ${detail}`));
  }
  if (org.awaiting.length > 0) {
    lines.push('  awaiting acceptance:');
    for (const a of org.awaiting) lines.push(`      ${a.email}, ${describeAge(a.ageDays)}`);
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
  const many = plan.orgs.length > 1;
  const lines: string[] = [];
  for (const org of plan.orgs) lines.push(...renderOrg(org, paint, many), '');
  for (const warning of plan.warnings ?? []) lines.push(paint('yellow', `warning: ${warning}`));
  if (operationCount(plan) === 0) {
    lines.push(
      many ? 'No changes. Every org matches its file.' : 'No changes. The org matches the file.',
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
