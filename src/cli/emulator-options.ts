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
or, with no race, --write-env-file PATH (the file appears, whole, only once the emulator listens):
  losant-org emulator --write-env-file emu.env &
  until [ -f emu.env ]; do sleep 0.1; done; set -a; . ./emu.env; set +a
(Not --env-file: Node 20 takes that option for itself, even after the script's name.)
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
    'write-env-file': {
      type: 'string',
      value: 'PATH',
      description:
        'also write the three lines to PATH once listening (whole, by a rename), and remove it on stop',
      default: 'stdout only',
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
