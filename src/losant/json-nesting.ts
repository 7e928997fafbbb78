// How deep a JSON text nests, found by one pass over its bytes before it is parsed: a small answer
// nested millions deep costs JSON.parse seconds and hundreds of megabytes, this pass milliseconds.

/**
 * Deepest nesting accepted in an API answer. Losant's org answers nest 4 deep (org, members, a
 * member, its resource roles) and its errors 1; this is our client's bound, not Losant's.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * One JSON text's nesting, fed chunk by chunk as the text arrives or is inflated (so that the pass
 * runs while the next chunk is still on its way); `tooDeep` once more than `max` arrays or objects
 * are open at once.
 */
export class NestingScan {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private deep = false;

  constructor(private readonly max: number) {}

  get tooDeep(): boolean {
    return this.deep;
  }

  feed(chunk: Uint8Array): void {
    if (this.deep) return;
    let { depth, inString } = this;
    const max = this.max;
    const n = chunk.length;
    let i = 0;
    // The byte after a backslash that ended the chunk before is escaped: skipped.
    if (this.escaped && n > 0) {
      this.escaped = false;
      i = 1;
    }
    while (i < n) {
      let byte = chunk[i] as number;
      if (inString) {
        // Most bytes are inside strings: run through them until a quote or a backslash.
        while (byte !== QUOTE && byte !== BACKSLASH) {
          i += 1;
          if (i === n) break;
          byte = chunk[i] as number;
        }
        if (i === n) break;
        if (byte === BACKSLASH) {
          if (i + 1 === n) {
            this.escaped = true;
            break;
          }
          i += 2;
          continue;
        }
        inString = false;
      } else if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        depth += 1;
        if (depth > max) {
          this.deep = true;
          return;
        }
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
        depth -= 1;
      }
      i += 1;
    }
    this.depth = depth;
    this.inString = inString;
  }
}

/** True when the bytes (one JSON text in chunks) open more than `max` arrays or objects at once. */
export function nestsDeeperThan(chunks: readonly Uint8Array[], max: number): boolean {
  const scan = new NestingScan(max);
  for (const chunk of chunks) scan.feed(chunk);
  return scan.tooDeep;
}
