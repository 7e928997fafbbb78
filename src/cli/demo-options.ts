// `losant-org demo`: its operands and options, one entry each (the parser and --help read them).
import { defineCommand } from './command-spec.js';

export const DEMO = defineCommand({
  name: 'demo',
  operands: '[config.yaml]',
  summary:
    'The whole flow against an embedded emulator: plan, apply --yes, plan again. The file defaults to examples/small-team.yaml.',
  options: {},
});
