// For the proxies the invite tests put in front of the emulator: pass one request on, as it came.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';

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
