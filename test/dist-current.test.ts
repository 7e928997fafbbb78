// The committed dist/ is what the sources build: the Action runs dist/index.js straight from git.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const BUNDLES = ['index.js', 'cli.js'];

describe('dist/', () => {
  test.each(BUNDLES)('dist/%s is byte for byte what the sources build', (name) => {
    const built = readFileSync(`.tmp/dist/${name}`);
    const committed = readFileSync(`dist/${name}`);
    const current = Buffer.compare(built, committed) === 0;
    expect(
      current,
      `dist/ is stale: run npm run build and commit (dist/${name} differs from .tmp/dist/${name})`,
    ).toBe(true);
  });
});
