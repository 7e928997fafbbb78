// `losant-org plan`: its operands and options, one entry each (the parser and --help read them).
import { defineCommand } from './command-spec.js';
import { FOLLOW_SYMLINKS } from './follow-symlinks-option.js';

export const PLAN = defineCommand({
  name: 'plan',
  operands: '<files|dirs...>',
  summary:
    'Reads each declared org and prints what apply would change (+ invite, ~ change, - remove or revoke). Writes nothing to Losant. Files that name the same org id are one org.',
  options: {
    format: {
      type: 'string',
      value: 'text|markdown|json',
      description:
        'text for a terminal, markdown as the pull-request comment, json by schemas/plan.schema.json',
      default: 'text',
    },
    out: {
      type: 'string',
      value: 'plan.json',
      description:
        'also save the plan as JSON to this file, to apply exactly it later: apply plan.json',
      default: 'not saved',
    },
    'detailed-exitcode': {
      type: 'boolean',
      description: 'exit 2 when the plan has changes and 0 when it has none; 1 is still an error',
      default: 'exit 0 with or without changes',
    },
    'allow-removals': {
      type: 'string',
      value: 'N',
      description:
        'accept up to N removals (members removed plus undeclared invites revoked) beyond policy.maxRemovals and the quarter rule',
      default: 'the policy decides',
    },
    'allow-changes': {
      type: 'string',
      value: 'N',
      description:
        'accept up to N changes to existing members and invites (role changes, re-sent invites) beyond policy.maxChanges',
      default: 'the policy decides',
    },
    'follow-symlinks': FOLLOW_SYMLINKS,
  },
});
