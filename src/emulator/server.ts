// startEmulator: a real node:http server speaking the Losant Org API, with a control surface for tests.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BandwidthLink } from './bandwidth-link.js';
import { CallLog } from './call-log.js';
import type { ControlContext } from './control-surface.js';
import { CONTROL_PREFIX, handleControlRequest } from './control-surface.js';
import { EmulatorControl } from './control-client.js';
import { createDemoSeed } from './demo-state.js';
import { EmulatorClock } from './emulator-clock.js';
import { SeedError } from './emulator-errors.js';
import type { EmulatorSeed } from './emulator-seed.js';
import { EmulatorState } from './emulator-state.js';
import type { Fault, Latency } from './faults.js';
import { FaultQueue } from './faults.js';
import { handleApiRequest } from './handle-api-request.js';
import {
  MAX_BODY_BYTES,
  MAX_CONTROL_BODY_BYTES,
  parseJsonBody,
  readBody,
  sendJson,
} from './http-json.js';
import { formatPath } from './schema-validator.js';
import { checkSeed, completeSeed } from './validate-seed.js';
import { compileRequestValidators } from './validate-request.js';

export interface EmulatorOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: the built-in demo org (demo-state.ts). */
  state?: EmulatorSeed;
  /** Clock in ms; the control surface can also set it. */
  now?: () => number;
  /** Added to every API call: fixed ms or [min, max]. */
  latencyMs?: Latency;
  /** Faults armed from the start (as POST /_emulator/faults would add them). */
  faults?: Fault[];
  /** Bits per second that the API's answers share, paced (default: no limit). */
  bandwidthBitsPerSecond?: number;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** A token of the seed's first user (an admin) with every scope. */
  token: string;
  /** The seed's first org. */
  orgId: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = new EmulatorClock(options.now);
  const seed = checkedStartSeed(options.state ?? createDemoSeed(clock.now()), clock.now());
  const ctx: ControlContext & { latency?: Latency; link?: BandwidthLink } = {
    state: new EmulatorState(seed, clock),
    clock,
    faults: new FaultQueue(),
    log: new CallLog(),
    ...(options.latencyMs !== undefined ? { latency: options.latencyMs } : {}),
    ...(options.bandwidthBitsPerSecond !== undefined
      ? { link: new BandwidthLink(options.bandwidthBitsPerSecond) }
      : {}),
  };
  ctx.faults.add(options.faults ?? []);
  compileRequestValidators();

  const server = createServer((req, res) => {
    // When the request came in: the latency counts from here.
    const arrived = performance.now();
    handleRequest(ctx, req, res, arrived).catch((error: unknown) => {
      // A bug in the emulator: answer 500 like Losant would rather than hang the client.
      if (!res.headersSent) {
        sendJson(res, 500, { type: 'InternalServerError', message: String(error) });
      } else {
        res.destroy();
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard address is reachable on loopback, which is also the only plain-http address the client accepts.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const url = `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
  return {
    url,
    token: startToken(seed),
    orgId: seed.orgs[0]?.id ?? '',
    control: new EmulatorControl(url),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(
  ctx: ControlContext & { latency?: Latency; link?: BandwidthLink },
  req: IncomingMessage,
  res: ServerResponse,
  arrived: number,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const control = url.pathname.startsWith(CONTROL_PREFIX);
  const raw = await readBody(req, control ? MAX_CONTROL_BODY_BYTES : MAX_BODY_BYTES);
  if (raw === undefined) {
    sendJson(res, 413, {
      type: 'PayloadTooLarge',
      message: `The request body is larger than ${control ? '256' : '1'} MB`,
    });
    return;
  }
  const body = parseJsonBody(raw);
  if (control) {
    handleControlRequest(ctx, req.method ?? 'GET', url.pathname, body, res);
    return;
  }
  await handleApiRequest(ctx, req, res, url, body, arrived);
}

function checkedStartSeed(seed: EmulatorSeed, now: number): EmulatorSeed {
  const problems = checkSeed(seed);
  if (problems.length > 0) {
    const list = problems.map((p) => `  ${formatPath('', p.path)} ${p.message}`).join('\n');
    throw new SeedError(
      `The emulator state is invalid:\n${list}\nFix the seed (users, tokens, orgs) and start again.`,
    );
  }
  return completeSeed(seed, now);
}

/** The first user's token (or the first token): what RunningEmulator.token hands to tests. */
function startToken(seed: EmulatorSeed): string {
  const firstUser = seed.users[0]?.id.toLowerCase();
  const tokens = seed.tokens ?? [];
  return (tokens.find((t) => t.userId.toLowerCase() === firstUser) ?? tokens[0])?.token ?? '';
}

export { EmulatorControl } from './control-client.js';
export type { CallLogEntry } from './call-log.js';
export type { EmulatorSeed } from './emulator-seed.js';
export type { Fault } from './faults.js';
