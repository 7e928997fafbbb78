// Shared by the emulator tests: a fixed clock, raw HTTP calls over loopback, Losant's response schemas.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { RunningEmulator } from '../../src/emulator/server.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The emulator clock in these tests: the demo's invite dates are relative to it. */
export const NOW = Date.parse('2025-06-01T12:00:00.000Z');
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Raw text sent as the body (for invalid JSON). */
  rawBody?: string;
  /** Default: the emulator's admin token; null sends no Authorization header. */
  token?: string | null;
  /** Extra request headers, e.g. losantdomain. */
  headers?: Record<string, string>;
}

export async function call(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<RawResponse> {
  const token = options.token === undefined ? emulator.token : options.token;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-version': '^1.30.0',
    ...options.headers,
  };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

export type LosantSchemaName =
  | 'org'
  | 'orgInvites'
  | 'success'
  | 'error'
  | 'me'
  | 'deviceCounts'
  | 'notebookMinuteCounts'
  | 'payloadStats';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<LosantSchemaName, ValidateFunction>();

function losantSchema(name: LosantSchemaName): object {
  const schema = JSON.parse(readFileSync(`schemas/losant/${name}.json`, 'utf8')) as Record<
    string,
    unknown
  >;
  if (name === 'orgInvites') {
    // orgInvites.json nests the invite's properties one level too deep (items.properties holds a whole
    // object schema with its own title, type and properties); validate each item against that inner schema.
    const items = schema['items'] as { properties: object };
    return { type: 'array', items: items.properties };
  }
  return schema;
}

/** The ajv errors of `body` against Losant's response schema (empty when it conforms). */
export function schemaErrors(name: LosantSchemaName, body: unknown): unknown[] {
  let validate = compiled.get(name);
  if (validate === undefined) {
    validate = ajv.compile(losantSchema(name));
    compiled.set(name, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []);
}
