// Command-line pieces that several commands share: colours, whole-number flags, the API client.
import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readApiSettings } from '../core/api-settings.js';
import { createLosantClient, type LosantClient } from '../losant/client.js';
import { UsageError } from '../model/errors.js';
import type { CliIo } from './io.js';

/** Colours only on a terminal, and never with NO_COLOR (any non-empty value) or --no-color. */
export function colorEnabled(io: CliIo, noColorFlag: boolean | undefined): boolean {
  const noColorEnv = io.env['NO_COLOR'];
  return (
    noColorFlag !== true &&
    (noColorEnv === undefined || noColorEnv === '') &&
    io.stdout.isTTY === true
  );
}

/** A flag that takes a whole number within bounds, e.g. --allow-removals 12. */
export function parseWholeNumber(
  flag: string,
  value: string | undefined,
  bounds: { min: number; max: number },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    throw new UsageError(
      `${flag} takes a whole number from ${bounds.min} to ${bounds.max}, not '${value}'`,
    );
  }
  return n;
}

/** The client for LOSANT_API_URL with LOSANT_API_TOKEN; the token stays inside the client. */
export function openClient(io: CliIo): LosantClient {
  const settings = readApiSettings(io.env);
  return createLosantClient(
    settings.losantDomain === undefined
      ? { apiUrl: settings.apiUrl, token: settings.token }
      : { apiUrl: settings.apiUrl, token: settings.token, losantDomain: settings.losantDomain },
  );
}

/** One of a fixed set of values, with the set named in the error. */
export function parseChoice<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${choices.join(', ')}, not '${value}'`);
}

/** Fails before any API call when an --out file could not be written: its directory must exist. */
export async function checkOutFile(path: string, cwd: string): Promise<void> {
  const directory = dirname(resolve(cwd, path));
  const info = await stat(directory).catch(() => undefined);
  if (info === undefined) {
    throw new UsageError(`cannot write --out ${path}: its directory does not exist`);
  }
  if (!info.isDirectory()) {
    throw new UsageError(`cannot write --out ${path}: ${dirname(path)} is not a directory`);
  }
}

/** Writes an --out file; a path that cannot be written is the user's to fix, said plainly. */
export async function writeOutFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'its directory does not exist' : String(code ?? error);
    throw new UsageError(`cannot write --out ${path}: ${why}`);
  }
}
