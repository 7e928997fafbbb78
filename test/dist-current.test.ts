// The committed dist/ is what the sources build: the Action runs dist/index.js straight from git.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUILT_DIR } from './built.js';

const BUNDLES = ['index.js', 'cli.js'];

describe('dist/', () => {
  test.each(BUNDLES)('dist/%s is byte for byte what the sources build', (name) => {
    const built = readFileSync(join(BUILT_DIR, name));
    const committed = readFileSync(`dist/${name}`);
    const current = Buffer.compare(built, committed) === 0;
    expect(
      current,
      `dist/ is stale: run npm run build and commit (dist/${name} differs from a fresh build)`,
    ).toBe(true);
  });
});
