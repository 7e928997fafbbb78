// The emulator in a child process (the built CLI), so that its work is not timed as the client's.
import { spawn } from 'node:child_process';
import { EmulatorControl } from '../src/emulator/control-client.js';

export interface EmulatorProcess {
  url: string;
  token: string;
  orgId: string;
  control: EmulatorControl;
  /** How long the child took from spawn to listening (loading the seed included), ms. */
  startMs: number;
  stop(): Promise<void>;
}

/** Starts `node <cli> emulator --port 0 --latency <ms> --state <seedFile>` and waits until it listens. */
export async function startEmulatorProcess(
  cli: string,
  seedFile: string,
  latencyMs: number,
): Promise<EmulatorProcess> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [cli, 'emulator', '--port', '0', '--latency', String(latencyMs), '--state', seedFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const vars = await new Promise<Map<string, string>>((resolve, reject) => {
    let stdout = '';
    const found = new Map<string, string>();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      for (const line of stdout.split('\n')) {
        const match = /^(LOSANT_[A-Z_]+)=(.*)$/.exec(line);
        if (match !== null) found.set(match[1] as string, unquote(match[2] as string));
      }
      if (found.has('LOSANT_ORG_ID')) resolve(found);
    });
    child.once('exit', (code) => {
      reject(new Error(`the emulator exited (code ${String(code)}) before listening:\n${stderr}`));
    });
    child.once('error', reject);
  });
  const url = vars.get('LOSANT_API_URL') ?? '';
  const token = vars.get('LOSANT_API_TOKEN') ?? '';
  const orgId = vars.get('LOSANT_ORG_ID') ?? '';
  const startMs = performance.now() - started;
  const control = new EmulatorControl(url);
  await warmUp(url, token, orgId);
  await control.clearLog();
  return {
    url,
    token,
    orgId,
    control,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The emulator compiles its request-body validators on the first write: a PATCH it refuses (400, nothing
 * changes) does that before the clock starts, so that no measured apply pays the emulator's own start-up.
 */
async function warmUp(url: string, token: string, orgId: string): Promise<void> {
  const response = await fetch(`${url}/orgs/${orgId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 0 }),
  });
  await response.text();
  if (response.status !== 400) {
    throw new Error(`emulator warm-up: expected 400 for an invalid PATCH, got ${response.status}`);
  }
}

function unquote(value: string): string {
  return value.startsWith("'") ? value.slice(1, -1).replace(/'\\''/g, "'") : value;
}
