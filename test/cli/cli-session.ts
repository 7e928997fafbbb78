// One emulator and one scratch directory for an end-to-end test file of the built CLI: the emulator is
// started by each test that needs it and closed after it; every run is checked never to print the token.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CallLogEntry } from '../../src/emulator/call-log.js';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/server.js';
import { ROOT, runBuiltCli, type CliRun } from './run-built-cli.js';

export interface CliSession {
  /** The scratch directory, made before the file's tests and removed after them. */
  readonly dir: string;
  /** The emulator of the running test; an error when the test has not started one. */
  readonly emulator: RunningEmulator;
  start(options?: EmulatorOptions): Promise<RunningEmulator>;
  /** The built CLI against the emulator (`token` instead of the emulator's own, when given). */
  run(args: readonly string[], options?: { token?: string }): Promise<CliRun>;
  /** Every call that was not a GET, in order. */
  writes(): Promise<CallLogEntry[]>;
  /** examples/small-team.yaml, edited, written as `name` in the scratch directory; its path. */
  smallTeam(name: string, edit: (text: string) => string): Promise<string>;
}

/** Call at the top of a test file: registers the hooks that make and remove what the session holds. */
export function useCliSession(name: string): CliSession {
  let dir: string | undefined;
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `losant-org-${name}-`));
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  const started = (): RunningEmulator => {
    if (emulator === undefined) throw new Error('start the emulator first');
    return emulator;
  };
  return {
    get dir(): string {
      if (dir === undefined) throw new Error('the scratch directory is made in beforeAll');
      return dir;
    },
    get emulator(): RunningEmulator {
      return started();
    },
    async start(options) {
      emulator = await startEmulator(options);
      return emulator;
    },
    async run(args, options = {}) {
      const e = started();
      const result = await runBuiltCli(args, {
        LOSANT_API_URL: e.url,
        LOSANT_API_TOKEN: options.token ?? e.token,
      });
      expect(result.stdout.includes(e.token)).toBe(false);
      expect(result.stderr.includes(e.token)).toBe(false);
      return result;
    },
    async writes() {
      return (await started().control.log()).filter((entry) => entry.method !== 'GET');
    },
    async smallTeam(file, edit) {
      const text = await readFile(join(ROOT, 'examples/small-team.yaml'), 'utf8');
      const path = join(this.dir, file);
      await writeFile(path, edit(text));
      return path;
    },
  };
}
