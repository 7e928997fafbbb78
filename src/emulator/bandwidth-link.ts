// A shared link of limited bandwidth: answers leave in slices, each when the link has carried the
// slices before it (of every answer in flight), so that transfer time shows as on a real network.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerResponse } from 'node:http';
import { UsageError } from '../model/errors.js';

/** Bytes written at once; at 100 Mbit/s one slice is about 1.3 ms on the link. */
const SLICE = 16 * 1024;

const UNITS: Record<string, number> = { bit: 1, kbit: 1e3, mbit: 1e6, gbit: 1e9 };

/** `100mbit` (per second; bit, kbit, mbit, gbit) as bits per second. */
export function parseBandwidth(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(bit|kbit|mbit|gbit)(?:\/s|ps)?$/i.exec(text.trim());
  const bits =
    match === null
      ? Number.NaN
      : Number(match[1]) * (UNITS[(match[2] as string).toLowerCase()] ?? Number.NaN);
  if (!(bits >= 1)) {
    throw new UsageError(
      `--bandwidth '${text}': expected a rate per second such as 100mbit, 20mbit or 512kbit`,
    );
  }
  return bits;
}

export class BandwidthLink {
  /** performance.now() when the link has carried everything reserved so far. */
  private freeAt = 0;

  constructor(readonly bitsPerSecond: number) {}

  /**
   * Ends the answer with the chunks, paced: each slice is written at the time the link starts carrying
   * it. A timer (never a busy loop) waits; one that fires late does not slow the link, as the next
   * slice's start was reserved before.
   */
  async send(res: ServerResponse, chunks: readonly Buffer[]): Promise<void> {
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    for (let offset = 0; offset < body.length; offset += SLICE) {
      const slice = body.subarray(offset, offset + SLICE);
      const now = performance.now();
      const start = Math.max(now, this.freeAt);
      this.freeAt = start + (slice.length * 8 * 1000) / this.bitsPerSecond;
      if (start - now >= 1) await sleep(Math.floor(start - now));
      if (res.destroyed) return;
      res.write(slice);
    }
    res.end();
  }
}
