// Start-up: `losant-org validate <small file>` against `node -e 0`, each spawned afresh, runs interleaved.
import { spawnSync } from 'node:child_process';
import { median } from './statistics.js';

export interface StartupResult {
  runs: number;
  file: string;
  nodeMs: number;
  validateMs: number;
  /** Exit code of the last validate run (0 = the file is valid). */
  validateExit: number | null;
}

function timeSpawn(args: string[]): { ms: number; status: number | null } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: result.status };
}

export function measureStartup(cli: string, file: string, runs: number): StartupResult {
  // One warm-up of each, so that the first run's cold file cache counts for neither.
  timeSpawn(['-e', '0']);
  timeSpawn([cli, 'validate', file]);
  const node: number[] = [];
  const validate: number[] = [];
  let validateExit: number | null = null;
  for (let i = 0; i < runs; i += 1) {
    node.push(timeSpawn(['-e', '0']).ms);
    const run = timeSpawn([cli, 'validate', file]);
    validate.push(run.ms);
    validateExit = run.status;
  }
  return { runs, file, nodeMs: median(node), validateMs: median(validate), validateExit };
}
