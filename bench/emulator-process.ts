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
  return {
    url,
    token: vars.get('LOSANT_API_TOKEN') ?? '',
    orgId: vars.get('LOSANT_ORG_ID') ?? '',
    control: new EmulatorControl(url),
    startMs: performance.now() - started,
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

function unquote(value: string): string {
  return value.startsWith("'") ? value.slice(1, -1).replace(/'\\''/g, "'") : value;
}
