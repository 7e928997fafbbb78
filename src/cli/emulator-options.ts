// `losant-org emulator`: its operands and options, one entry each (the parser and --help read them).
import { FAULT_SPEC_HELP } from '../emulator/fault-spec.js';
import { defineCommand } from './command-spec.js';

export const EMULATOR = defineCommand({
  name: 'emulator',
  operands: '',
  summary: `Starts a local Losant API (the twelve Org actions and GET /me) and prints, once listening:
  LOSANT_API_URL=http://127.0.0.1:PORT
  LOSANT_API_TOKEN=...     (the emulator's own token of the first user, an org admin; not a secret)
  LOSANT_ORG_ID=...
(values are shell-safe), so that a shell can load them:
  losant-org emulator --port 8080 > emulator.env &     # keeps running in the background
  set -a; . ./emulator.env; set +a                     # once listening: exports the three
Stops on Ctrl-C (SIGINT) or SIGTERM.`,
  options: {
    port: {
      type: 'string',
      value: 'N',
      description: 'port to listen on, 0 to 65535 (0: any free port)',
      default: '0',
    },
    host: { type: 'string', value: 'H', description: 'address to listen on', default: '127.0.0.1' },
    state: {
      type: 'string',
      value: 'FILE',
      description: 'seed state (YAML or JSON: users, tokens, orgs)',
      default: 'the demo org',
    },
    latency: {
      type: 'string',
      value: 'MS|MIN-MAX',
      description: 'answer every API call MS after it came in (or a random MIN-MAX ms)',
      default: '0',
    },
    faults: {
      type: 'string',
      value: 'SPEC',
      description: 'faults injected from the start (see below)',
      default: 'none',
    },
  },
  details: `The control surface for tests and rehearsals is under /_emulator/ (state, invites/{id}/accept,
invites/expire, clock, log, faults, tokens).

${FAULT_SPEC_HELP}`,
});
