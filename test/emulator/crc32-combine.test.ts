import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from '../../src/emulator/crc32-combine.js';

describe('crc32Combine', () => {
  it('gives the CRC-32 of two byte runs joined', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const joined = Buffer.concat([a, b]);
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(joined));
      }),
    );
  });

  it('holds for a second run of megabytes', () => {
    const a = Buffer.from('{"members":');
    const b = Buffer.alloc(3 * 1024 * 1024 + 7, 'ab,');
    expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
  });
});
