// Paths of the bundles that test/global-setup.ts builds from the current sources.
import { resolve } from 'node:path';

export const BUILT_CLI = resolve('.tmp/dist/cli.js');
export const BUILT_ACTION = resolve('.tmp/dist/index.js');
