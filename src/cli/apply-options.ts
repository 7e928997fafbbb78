// `losant-org apply`: its operands and options, one entry each (the parser and --help read them).
import { defineCommand } from './command-spec.js';
import { FOLLOW_SYMLINKS } from './follow-symlinks-option.js';

export const APPLY = defineCommand({
  name: 'apply',
  operands: '<files|dirs...|plan.json>',
  summary:
    'Plans (or reads a plan saved by plan --out), prints it, asks for confirmation and applies exactly that plan; then reads the org again and checks it matches.',
  options: {
    yes: {
      type: 'boolean',
      short: 'y',
      description: 'apply without asking (needed when stdin is not a terminal)',
      default: "ask on a terminal; only 'yes' is accepted",
    },
    concurrency: {
      type: 'string',
      value: 'N',
      description:
        'at most N API calls at once, 1 to 64, for all orgs together (slows down on 429)',
      default: '8',
    },
    'allow-removals': {
      type: 'string',
      value: 'N',
      description:
        'accept up to N removals beyond policy.maxRemovals and the quarter rule (not with a saved plan: give it to plan)',
      default: 'the policy decides',
    },
    'allow-changes': {
      type: 'string',
      value: 'N',
      description:
        'accept up to N changes to existing members and invites beyond policy.maxChanges (not with a saved plan: give it to plan)',
      default: 'the policy decides',
    },
    format: {
      type: 'string',
      value: 'text|json',
      description: 'json prints the apply report on stdout, the text on stderr',
      default: 'text',
    },
    'follow-symlinks': FOLLOW_SYMLINKS,
  },
});
