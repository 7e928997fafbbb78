// The machine floor: the plan's calls, in the plan's shape (one read round, then each phase at the same
// concurrency, a phase after the one before, the invites read again alongside the phase before them), made
// with bare undici against a bare node:http server that answers the emulator's own bytes after the
// same latency. No planning, no checks, no emulator logic: what this machine, HTTP and the answers'
// sizes cost, with next to nothing else. apply / floor is what losant-org adds.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { Pool } from 'undici';
import { ACCEPT_ENCODING } from '../src/losant/response-encoding.js';
import type { Phase } from '../src/model/plan.js';
import { PHASES } from '../src/model/plan.js';
import type { BareAnswers } from './bare-server.js';
import { stopChild } from './stop-child.js';

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

export async function startBareServer(
  script: string,
  answersFile: string,
  answers: BareAnswers,
): Promise<BareServer> {
  await writeFile(answersFile, JSON.stringify(answers));
  const child = spawn(process.execPath, [script, answersFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (line: string) => resolve(Number(line.trim())));
    child.once('exit', (code) => reject(new Error(`the bare server exited (${String(code)})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => stopChild(child),
  };
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: string;
}

const ORG = '/orgs/c0ffee000000000000000001';
const ID = 'b00000000000000000000000';

function callFor(phase: Phase, n: number): Call {
  switch (phase) {
    case 'patch':
      return { method: 'PATCH', path: ORG, body: '{"name":"Bench Org"}' };
    case 'invite':
      return {
        method: 'POST',
        path: `${ORG}/invites`,
        body: `{"email":"floor${n}@bench.invalid","role":"view"}`,
      };
    case 'revoke':
      return { method: 'DELETE', path: `${ORG}/invites?inviteId=${ID}` };
    case 'remove':
      return { method: 'DELETE', path: `${ORG}/member?userId=${ID}` };
    default:
      return { method: 'PATCH', path: `${ORG}/member`, body: `{"userId":"${ID}","role":"view"}` };
  }
}

const inflaters = { gzip: promisify(gunzip), br: promisify(brotliDecompress) };

/**
 * Reads an answer through, as a client must to keep the connection; inflated and parsed only when asked,
 * as the client does: it asks for compressed answers the same way and drains the writes' as they came.
 */
async function send(pool: Pool, call: Call, parse: boolean): Promise<void> {
  const response = await pool.request({
    method: call.method,
    path: call.path,
    headers: {
      authorization: 'Bearer floor',
      accept: 'application/json',
      'accept-encoding': ACCEPT_ENCODING,
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: call.body ?? null,
  });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    response.body.on('data', (chunk: Buffer) => {
      if (parse) chunks.push(chunk);
    });
    response.body.once('end', resolve);
    response.body.once('error', reject);
  });
  if (!parse) return;
  const encoding = response.headers['content-encoding'];
  const raw = Buffer.concat(chunks);
  const body = encoding === 'gzip' || encoding === 'br' ? await inflaters[encoding](raw) : raw;
  JSON.parse(body.toString('utf8'));
}

/** One run of the plan's shape; ms from the first read to the last write's answer. */
export async function runFloor(
  url: string,
  phases: Partial<Record<Phase, number>>,
  concurrency: number,
): Promise<number> {
  const pool = new Pool(url);
  try {
    const started = performance.now();
    await Promise.all([
      send(pool, { method: 'GET', path: '/me' }, true),
      send(pool, { method: 'GET', path: ORG }, true),
      send(pool, { method: 'GET', path: `${ORG}/invites` }, true),
    ]);
    // The same calls as apply: the pending invites are read again before the invites (issue 12),
    // alongside the phase before them when there is one (apply reads again only when that phase
    // took longer than the read, which a floor never does).
    const sizes = PHASES.map((phase) => phases[phase] ?? 0);
    const invitePhase = PHASES.indexOf('invite');
    const phaseBefore = sizes.slice(0, invitePhase).findLastIndex((total) => total > 0);
    let reread: Promise<void> | undefined;
    for (const [index, phase] of PHASES.entries()) {
      const total = sizes[index] ?? 0;
      if (index === phaseBefore && (sizes[invitePhase] ?? 0) > 0) {
        reread = send(pool, { method: 'GET', path: `${ORG}/invites` }, true);
      }
      if (index === invitePhase && total > 0) {
        await (reread ?? send(pool, { method: 'GET', path: `${ORG}/invites` }, true));
      }
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, total) }, async () => {
          while (next < total) {
            next += 1;
            await send(pool, callFor(phase, next), false);
          }
        }),
      );
    }
    return performance.now() - started;
  } finally {
    await pool.close();
  }
}
