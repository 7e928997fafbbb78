// Builds the bundles once into .tmp/dist: end-to-end tests run the real CLI and Action from there.
// A failed build is reported here and then fails every test that runs a bundle.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export default function setup(): void {
  rmSync('.tmp/dist', { recursive: true, force: true });
  try {
    execFileSync(process.execPath, ['scripts/build.mjs', '.tmp/dist'], { stdio: 'inherit' });
  } catch {
    process.stderr.write('\nglobal setup: building .tmp/dist failed; end-to-end tests will fail\n');
  }
}
