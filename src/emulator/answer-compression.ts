// Compressed answers, as a hosted API sends them when the client asks (Accept-Encoding). gzip is built
// from pieces kept per chunk of the answer: each chunk (a segment of 128 members' JSON, shared between
// answers until one of them changes) is deflated once, ended with a sync flush so that pieces join into
// one valid deflate stream, and the CRC is combined from the pieces' CRCs. A write at 10,000 members
// then deflates one segment, not the 2 MB org.
import { brotliCompressSync, constants, crc32, deflateRawSync } from 'node:zlib';
import { crc32Combine } from './crc32-combine.js';

export type AnswerEncoding = 'gzip' | 'br';

/** The encoding to answer in: gzip when the client takes it, else br, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): AnswerEncoding | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (name !== '' && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  if (accepted.has('gzip') || accepted.has('x-gzip')) return 'gzip';
  if (accepted.has('br')) return 'br';
  return undefined;
}

interface Piece {
  deflated: Buffer;
  crc: number;
  length: number;
}

/** Pieces of chunks still in use; a chunk no answer holds any more is dropped with its piece. */
const pieces = new WeakMap<Buffer, Piece>();

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final block (fixed Huffman): ends the deflate stream after the flushed pieces. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

function pieceOf(chunk: Buffer): Piece {
  let piece = pieces.get(chunk);
  if (piece === undefined) {
    piece = {
      deflated: deflateRawSync(chunk, { finishFlush: constants.Z_SYNC_FLUSH }),
      crc: crc32(chunk),
      length: chunk.length,
    };
    pieces.set(chunk, piece);
  }
  return piece;
}

/** The chunks (one body, in order) compressed as one gzip or br body, as chunks to send in order. */
export function compressAnswer(chunks: readonly Buffer[], encoding: AnswerEncoding): Buffer[] {
  if (encoding === 'br') {
    const body = brotliCompressSync(Buffer.concat(chunks), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
    });
    return [body];
  }
  const out: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  for (const chunk of chunks) {
    const piece = pieceOf(chunk);
    out.push(piece.deflated);
    crc = length === 0 ? piece.crc : crc32Combine(crc, piece.crc, piece.length);
    length += piece.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  out.push(FINAL_BLOCK, trailer);
  return out;
}
