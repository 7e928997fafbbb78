// Compressed answers: which encodings the client asks for, and inflating one within the size cap, so
// that a small compressed body cannot become an unbounded one in memory.
import { createBrotliDecompress, createGunzip } from 'node:zlib';

/** Sent as Accept-Encoding: both are in Node 20's zlib. */
export const ACCEPT_ENCODING = 'gzip, br';

export type ContentEncoding = 'identity' | 'gzip' | 'br';

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

/**
 * Inflated in slices this large: a quarter of the callbacks of zlib's default 16 KiB, and each slice
 * large enough for `see` to overlap the next one's inflating.
 */
const SLICE_BYTES = 64 * 1024;

/**
 * The body inflated, or why not: past maxBytes once inflated, or not valid for its encoding. `see`
 * is shown each inflated slice in order, just after zlib has started on the next one (zlib inflates
 * on libuv's thread pool, so a pass over the bytes there, such as the nesting scan, costs little).
 */
export function inflate(
  body: Buffer,
  encoding: Exclude<ContentEncoding, 'identity'>,
  maxBytes: number,
  see: (slice: Buffer) => void = () => undefined,
): Promise<Inflated> {
  return new Promise((resolve) => {
    const stream =
      encoding === 'gzip'
        ? createGunzip({ chunkSize: SLICE_BYTES })
        : createBrotliDecompress({ chunkSize: SLICE_BYTES });
    const slices: Buffer[] = [];
    let size = 0;
    let unseen = 0;
    // zlib asks for the next slice only after 'data' returns: seen in a microtask, they overlap.
    const showUnseen = (): void => {
      for (; unseen < slices.length; unseen += 1) see(slices[unseen] as Buffer);
    };
    stream.on('data', (slice: Buffer) => {
      size += slice.length;
      if (size > maxBytes) {
        stream.destroy();
        resolve({ type: 'too-large' });
        return;
      }
      if (slices.push(slice) === unseen + 1) queueMicrotask(showUnseen);
    });
    stream.once('end', () => {
      showUnseen();
      resolve({ type: 'ok', body: Buffer.concat(slices, size) });
    });
    stream.once('error', (error: Error) => {
      resolve({ type: 'corrupt', reason: error.message });
    });
    stream.end(body);
  });
}

/** The two bytes every gzip stream starts with: the one check of an answer drained unread. */
export function startsLikeGzip(first: Buffer | undefined): boolean {
  return first !== undefined && first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
}
