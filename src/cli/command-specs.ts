// Every command's options, one entry each: the parser, the synopsis and --help are made from these.
import { VALIDATE } from './validate-options.js';
import { PLAN } from './plan-options.js';
import { APPLY } from './apply-options.js';
import { EXPORT } from './export-options.js';
import { USAGE } from './usage-options.js';
import { EMULATOR } from './emulator-options.js';
import { DEMO } from './demo-options.js';
import type { CommandSpec } from './command-spec.js';

/** Every command, in the order the top-level usage lists them. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  VALIDATE,
  PLAN,
  APPLY,
  EXPORT,
  USAGE,
  EMULATOR,
  DEMO,
];
