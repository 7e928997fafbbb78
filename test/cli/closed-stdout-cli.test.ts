// `losant-org demo | head -1`: a reader that stops reading is not a crash. The run goes on (an apply
// is never cut short by its reader going away), writes nothing more to stdout, and exits as it would.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BUILT_CLI } from '../built.js';
import { ROOT } from './run-built-cli.js';

describe('stdout closed by its reader (built CLI)', () => {
  it('demo with stdout closed after its first line finishes the demo and exits 0, without a stack trace', async () => {
    const child = spawn(process.execPath, [BUILT_CLI, 'demo'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());

    const code = await new Promise<number | null>((done) => child.on('close', done));

    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toContain('Unhandled');
    expect(code).toBe(0);
  }, 60_000);
});
