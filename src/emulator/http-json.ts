// Reading a request body and answering JSON over node:http.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest API request body the emulator takes (a guess: Losant's own limit is not documented). */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The largest control request body: PUT /_emulator/state must take back whatever GET gave, and a
 * seed of 100,000 members is about 20 MB. Not Losant's: the control surface is the emulator's own.
 */
export const MAX_CONTROL_BODY_BYTES = 256 * 1024 * 1024;

/** The whole body, or undefined when it is larger than `maxBytes` (the rest is drained). */
export async function readBody(
  req: IncomingMessage,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return tooLarge ? undefined : Buffer.concat(chunks);
}

export type ParsedBody =
  { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; text: string };

export function parseJsonBody(raw: Buffer): ParsedBody {
  const text = raw.toString('utf8');
  if (text.trim() === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', text };
  }
}

/** What the call log records of a body. */
export function bodyForLog(body: ParsedBody): unknown {
  if (body.kind === 'json') return body.value;
  return body.kind === 'invalid' ? body.text : null;
}

/** A body already serialized, in chunks sent one after the other: answers built from JSON kept between calls. */
export class JsonChunks {
  constructor(readonly chunks: readonly Buffer[]) {}
}

/** The body serialized now, to be sent later as it is. */
export function toJsonChunks(body: unknown): JsonChunks {
  return body instanceof JsonChunks ? body : new JsonChunks([Buffer.from(JSON.stringify(body))]);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const { chunks } = toJsonChunks(body);
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(length),
    ...headers,
  });
  // Corked, the chunks leave in one writev rather than one write each.
  res.cork();
  for (const chunk of chunks) res.write(chunk);
  res.end();
  res.uncork();
}
