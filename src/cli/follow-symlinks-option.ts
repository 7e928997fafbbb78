// --follow-symlinks, shared by the commands that read configuration paths.
import type { OptionSpec } from './command-spec.js';

export const FOLLOW_SYMLINKS = {
  type: 'boolean',
  description:
    "also read a directory's files that are symbolic links to outside it (a file named on the command line is always read)",
  default: 'refused, naming the link and where it points',
} as const satisfies OptionSpec;
