// A saved plan's bytes, read like a configuration file: a regular file, within a size cap.
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SavedPlanError } from '../apply/saved-plan.js';

/**
 * Largest saved plan read. A plan takes about 600 bytes per operation, so this holds some 200,000
 * operations; anything larger is not a plan that losant-org made.
 */
export const MAX_SAVED_PLAN_BYTES = 128 * 1024 * 1024;

const READ_CHUNK_BYTES = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function fsProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file; check the path';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; check who may read it';
  if (code === 'EISDIR') return 'it is a directory; name the plan.json file';
  return `it cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
}

/**
 * The text of a saved plan. Checked with stat before it is opened: a FIFO would block and a device
 * never end.
 */
export async function readSavedPlanFile(file: string, cwd: string): Promise<string> {
  const path = resolve(cwd, file);
  const cannot = (why: string): SavedPlanError =>
    new SavedPlanError(`cannot read the saved plan ${file}: ${why}`);
  const info = await stat(path).catch((error: unknown) => {
    throw cannot(fsProblem(error));
  });
  if (!info.isFile()) {
    const what = info.isDirectory()
      ? 'a directory'
      : info.isFIFO()
        ? 'a named pipe'
        : info.isCharacterDevice() || info.isBlockDevice()
          ? 'a device'
          : 'not a regular file';
    throw cannot(`it is ${what}; a saved plan is a regular file made by losant-org plan --out`);
  }
  const tooLarge = cannot(
    `it is larger than the ${megabytes(MAX_SAVED_PLAN_BYTES)} limit for a saved plan; is this the right file?`,
  );
  if (info.size > MAX_SAVED_PLAN_BYTES) throw tooLarge;
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw cannot(fsProblem(error));
  });
  try {
    // Read in chunks up to the cap plus one byte: a file that grew since stat is refused too.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, MAX_SAVED_PLAN_BYTES + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > MAX_SAVED_PLAN_BYTES) throw tooLarge;
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
