// Runs the built CLI as a user does: a real process, env of its own, against an emulator on loopback.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { BUILT_CLI } from '../built.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Never spawnSync: the emulator answers from this process. */
export function runBuiltCli(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string = ROOT,
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
