// Paths of the bundles that test/global-setup.ts builds from the current sources for this run.
import { join, resolve } from 'node:path';

export const BUILT_DIR = process.env['LOSANT_ORG_TEST_BUILD'] ?? resolve('.tmp/dist');
export const BUILT_CLI = join(BUILT_DIR, 'cli.js');
export const BUILT_ACTION = join(BUILT_DIR, 'index.js');
