// Builds the bundles once into .tmp/dist: end-to-end tests run the real CLI and Action from there.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '.tmp/dist'], { stdio: 'inherit' });
}
