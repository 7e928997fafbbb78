// `losant-org usage`: its operands and options, one entry each (the parser and --help read them).
import { defineCommand } from './command-spec.js';
import { FOLLOW_SYMLINKS } from './follow-symlinks-option.js';

export const USAGE = defineCommand({
  name: 'usage',
  operands: '[files|dirs...]',
  summary:
    "Reads each org's limits, summary and counts (devices, payloads, notebook minutes) and shows how close it is to its limits. Needs read scopes only.",
  options: {
    org: {
      type: 'string',
      value: 'ID[,ID...]',
      description:
        'the orgs to report on (24 hexadecimal characters each), besides those of the files',
      default: 'the orgs of the files, else LOSANT_ORG_ID',
    },
    from: {
      type: 'string',
      value: 'DATE',
      description: 'start of the range: a date (2026-11-01, from 00:00 UTC) or an ISO time',
      default: '30 days before --to',
    },
    to: {
      type: 'string',
      value: 'DATE',
      description: 'end of the range: a date (through 23:59:59.999 UTC) or an ISO time',
      default: 'now',
    },
    format: {
      type: 'string',
      value: 'text|markdown|json',
      description:
        'text for a terminal, markdown with mermaid charts for job summaries and comments, json by schemas/usage.schema.json',
      default: 'text',
    },
    'warn-at': {
      type: 'string',
      value: 'PERCENT',
      description: 'warn about any figure at or above this percent of its limit',
      default: '80',
    },
    'follow-symlinks': FOLLOW_SYMLINKS,
  },
  details: `Exit codes: 0 every org read, 1 an org could not be read (the others are still reported) or bad input.
Example: losant-org usage losant/ --from 2026-11-01 --to 2026-11-30 --format markdown`,
});
