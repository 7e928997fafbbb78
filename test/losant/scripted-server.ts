// A tiny real HTTP server on 127.0.0.1:0 whose answers a test scripts, for transport behaviour
// the emulator has no fault for (redirects, huge or non-JSON bodies, header checks, timing).
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

export interface ScriptedServer {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Answers the n-th request with answers[n], and every later one with the last answer. */
export async function startScriptedServer(answers: Answer[]): Promise<ScriptedServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = answers[Math.min(received.length, answers.length) - 1];
      answer?.(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Answer {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };
}

/** Destroys the socket without answering: what a reset looks like to the client. */
export const reset: Answer = (req) => {
  req.socket.destroy();
};

/** Never answers (until the server closes). */
export const hang: Answer = () => undefined;

export const ORG_ID = '5a1b2c3d4e5f60718293a4b5';
export const USER_ID = '5a1b2c3d4e5f60718293a4c6';

export const ORG = {
  id: ORG_ID,
  orgId: ORG_ID,
  name: 'Acme IoT',
  members: [{ userId: USER_ID, email: 'alice@acme.com', role: 'admin' }],
};

/** Answers with `body` as it is, said to be in `encoding` (compressed by the caller, or not: corrupt). */
export function encoded(
  status: number,
  encoding: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Answer {
  return (_req, res) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-encoding': encoding,
      ...headers,
    });
    res.end(body);
  };
}
