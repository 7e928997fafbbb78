// `losant-org validate`: its operands and options, one entry each (the parser and --help read them).
import { defineCommand } from './command-spec.js';
import { FOLLOW_SYMLINKS } from './follow-symlinks-option.js';

export const VALIDATE = defineCommand({
  name: 'validate',
  operands: '<files|dirs...>',
  summary:
    'Checks configuration files without a token or the network: YAML, the schema and meaning. Lists every problem with file:line:col. Files that name the same org id are one org.',
  options: {
    format: {
      type: 'string',
      value: 'text|json',
      description: 'text for people; json prints { valid, errors, warnings, orgs } for tools',
      default: 'text',
    },
    'follow-symlinks': FOLLOW_SYMLINKS,
  },
});
