// The machine floor's server: node:http and nothing else. Each request gets a recorded answer of the
// emulator (the same bytes, compressed as the emulator sent them, so the same size) `latency` ms after it
// arrived, as the emulator does; over the same kind of paced link when the run has a bandwidth.
// Usage: node bare-server.js <answers.json>; prints the port on stdout.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BandwidthLink } from '../src/emulator/bandwidth-link.js';

export interface BareAnswers {
  latencyMs: number;
  /** Bits per second of the paced link, as the emulator's --bandwidth; none: no limit. */
  bandwidthBitsPerSecond?: number;
  /** The Content-Encoding the emulator answered with (it compresses what the client asks). */
  encoding?: string;
  /** GET /me, base64 of the bytes as sent */
  me: string;
  /** GET /orgs/:id, and every write the API answers with the org (patch, modifyMember, removeMember) */
  org: string;
  /** GET /orgs/:id/invites, and the invite writes (inviteMember, revokeInvite) */
  invites: string;
}

const answers = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as BareAnswers;
const bodies = {
  me: Buffer.from(answers.me, 'base64'),
  org: Buffer.from(answers.org, 'base64'),
  invites: Buffer.from(answers.invites, 'base64'),
};
const link =
  answers.bandwidthBitsPerSecond === undefined
    ? undefined
    : new BandwidthLink(answers.bandwidthBitsPerSecond);

function answerFor(path: string): Buffer {
  if (path === '/me') return bodies.me;
  return path.split('?')[0]?.endsWith('/invites') === true ? bodies.invites : bodies.org;
}

const server = createServer((req, res) => {
  const arrived = performance.now();
  req.resume();
  req.on('end', () => {
    const body = answerFor(req.url ?? '/');
    // As the emulator (waitUntil in src/emulator/handle-api-request.ts): never sooner than the
    // latency, and within a fraction of a millisecond after it.
    const deadline = arrived + answers.latencyMs;
    const answer = (): void => {
      const left = deadline - performance.now();
      if (left > 1.5) {
        setTimeout(answer, Math.floor(left - 1));
        return;
      }
      if (left > 0) {
        setImmediate(answer);
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(body.length),
        ...(answers.encoding === undefined ? {} : { 'content-encoding': answers.encoding }),
      });
      if (link === undefined) res.end(body);
      else void link.send(res, [body]);
    };
    answer();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
