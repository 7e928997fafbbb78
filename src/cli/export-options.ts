// `losant-org export`: its operands and options, one entry each (the parser and --help read them).
import { defineCommand } from './command-spec.js';

export const EXPORT = defineCommand({
  name: 'export',
  operands: '',
  summary:
    'Writes the live org as a version-1 configuration file whose plan is empty: the way to adopt an existing org.',
  options: {
    org: {
      type: 'string',
      value: 'ID',
      description: 'the org to export (24 hexadecimal characters)',
      default: 'LOSANT_ORG_ID',
    },
    out: {
      type: 'string',
      value: 'org.yaml',
      description: 'write the file here',
      default: 'stdout',
    },
  },
});
