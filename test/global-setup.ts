// Builds the bundles once per test run into a folder of its own (so that runs side by side do not
// race); end-to-end tests run the real CLI and Action from there (see test/built.ts).
// A failed build is reported here and then fails every test that runs a bundle.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

export default function setup(): () => void {
  mkdirSync('.tmp', { recursive: true });
  const dir = mkdtempSync(resolve('.tmp/dist-'));
  process.env['LOSANT_ORG_TEST_BUILD'] = dir;
  try {
    execFileSync(process.execPath, ['scripts/build.mjs', dir], { stdio: 'inherit' });
  } catch {
    process.stderr.write(`\nglobal setup: building ${dir} failed; end-to-end tests will fail\n`);
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
