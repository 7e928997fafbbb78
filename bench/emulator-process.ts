// The emulator in a child process (the built CLI), so that its work is not timed as the client's.
import { spawn } from 'node:child_process';
import { EmulatorControl } from '../src/emulator/control-client.js';
import { stopChild } from './stop-child.js';

export interface EmulatorProcess {
  url: string;
  token: string;
  orgId: string;
  control: EmulatorControl;
  /** How long the child took from spawn to listening (loading the seed included), ms. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `node <cli> emulator --port 0 --latency <ms> --state <seedFile> [--bandwidth <rate>]` and waits
 * until it listens.
 */
export async function startEmulatorProcess(
  cli: string,
  seedFile: string,
  latencyMs: number,
  bandwidth?: string,
): Promise<EmulatorProcess> {
  const started = performance.now();
  // BENCH_EMULATOR_PROFILE=<dir>: a CPU profile of each emulator child, written there when it stops.
  const profileDir = process.env.BENCH_EMULATOR_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      cli,
      'emulator',
      '--port',
      '0',
      '--latency',
      String(latencyMs),
      '--state',
      seedFile,
      ...(bandwidth === undefined ? [] : ['--bandwidth', bandwidth]),
    ],
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
    stop: () => stopChild(child),
  };
}

/** Rounds of warm-up writes, 8 at a time: enough calls for V8 to optimize the emulator's write paths. */
const WARM_UP_ROUNDS = 24;

interface WarmUpOrg {
  name: string;
  members: {
    userId: string;
    role: string;
    applicationRoles?: unknown[];
    dashboardRoles?: unknown[];
  }[];
}

/**
 * A fresh emulator runs its write paths unoptimized at first (tens of ms extra on the first calls), which
 * the Losant API, a warm server, never does. Before any clock starts, each kind of write is sent a few
 * dozen times such that the org stays as it was (only its lastUpdated moves): an invite then its revoke,
 * a member set to the access it has, the name set to itself, a removal of an unknown member (404).
 */
async function warmUp(url: string, token: string, orgId: string): Promise<void> {
  const send = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/orgs/${orgId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const expected = method === 'DELETE' && path.startsWith('/member') ? 404 : 200;
    if (response.status !== expected) {
      throw new Error(`emulator warm-up: ${method} ${path} answered ${response.status}: ${text}`);
    }
    return JSON.parse(text) as unknown;
  };
  const org = (await send('GET', '')) as WarmUpOrg;
  const member = org.members.findLast((m) => m.role !== 'admin');
  if (member === undefined) throw new Error('emulator warm-up: the org has no member but admins');
  const { userId, role, applicationRoles, dashboardRoles } = member;
  const round = async (n: number): Promise<void> => {
    const email = `warm-up-${n}@bench.invalid`;
    const invites = (await send('POST', '/invites', { email, role: 'view' })) as {
      id: string;
      email: string;
    }[];
    const invite = invites.find((i) => i.email === email);
    if (invite === undefined) throw new Error('emulator warm-up: the invite is not in the answer');
    await send('DELETE', `/invites?inviteId=${invite.id}`);
    await send('PATCH', '/member', { userId, role, applicationRoles, dashboardRoles });
    await send('PATCH', '', { name: org.name });
    await send('DELETE', `/member?userId=${'f'.repeat(24)}`);
  };
  for (let r = 0; r < WARM_UP_ROUNDS; r += 8) {
    await Promise.all(Array.from({ length: 8 }, (_, k) => round(r + k)));
  }
}

function unquote(value: string): string {
  return value.startsWith("'") ? value.slice(1, -1).replace(/'\\''/g, "'") : value;
}
