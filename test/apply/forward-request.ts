// For the proxies tests put in front of the emulator: pass one request on, as it came, or start a
// whole proxy whose route decides, request by request, to answer, pass on, or hold and pass on.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Sends the request (its body already read) to `upstream` and pipes the answer back. */
export function forwardRequest(
  upstream: URL,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  onAnswered?: () => void,
): void {
  const out = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => onAnswered?.());
    },
  );
  out.on('error', () => res.destroy());
  out.end(body);
}

/** How a proxy's route passes a request on: at once, or after holding it. */
export interface PassOn {
  /** The request's body, read whole. */
  body: Buffer;
  now(): void;
  /** After `ms`; a request still held when the proxy closes is never passed on. */
  after(ms: number): void;
}

export interface TestProxy {
  url: string;
  close(): Promise<void>;
}

/** A proxy on a loopback port in front of `target` (a URL); `route` answers each request or passes it on. */
export async function startProxy(
  target: string,
  route: (req: IncomingMessage, res: ServerResponse, pass: PassOn) => void,
): Promise<TestProxy> {
  const upstream = new URL(target);
  const held = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const now = (): void => forwardRequest(upstream, req, body, res);
      route(req, res, {
        body,
        now,
        after: (ms) => {
          const timer = setTimeout(() => {
            held.delete(timer);
            now();
          }, ms);
          held.add(timer);
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
