// Compressed answers: which encodings the client asks for, and inflating one within the size cap, so
// that a small compressed body cannot become an unbounded one in memory.
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';

/** Sent as Accept-Encoding: both are in Node 20's zlib. */
export const ACCEPT_ENCODING = 'gzip, br';

export type ContentEncoding = 'identity' | 'gzip' | 'br';

const inflaters = {
  gzip: promisify(gunzip),
  br: promisify(brotliDecompress),
};

/** The answer's Content-Encoding as the client reads it, or the unknown name a server used. */
export function contentEncodingOf(
  header: string | string[] | undefined,
): ContentEncoding | { unknown: string } {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'br') return 'br';
  return { unknown: value };
}

export type Inflated =
  { type: 'ok'; body: Buffer } | { type: 'too-large' } | { type: 'corrupt'; reason: string };

/** The body inflated, or why not: past maxBytes once inflated, or not valid for its encoding. */
export async function inflate(
  body: Buffer,
  encoding: Exclude<ContentEncoding, 'identity'>,
  maxBytes: number,
): Promise<Inflated> {
  try {
    return { type: 'ok', body: await inflaters[encoding](body, { maxOutputLength: maxBytes }) };
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code === 'ERR_BUFFER_TOO_LARGE') return { type: 'too-large' };
    return { type: 'corrupt', reason: typeof message === 'string' ? message : String(error) };
  }
}

/** The two bytes every gzip stream starts with: the one check of an answer drained unread. */
export function startsLikeGzip(first: Buffer | undefined): boolean {
  return first !== undefined && first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
}
