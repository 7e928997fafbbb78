// A hostile API: the token echoed at every offset of an error, and answers nested millions deep.
import { afterEach, describe, expect, it } from 'vitest';
import { createLosantClient } from '../../src/losant/client.js';
import { MAX_JSON_DEPTH } from '../../src/losant/json-nesting.js';
import { rejection } from './rejection.js';
import {
  ORG_ID,
  startScriptedServer,
  type Answer,
  type ScriptedServer,
} from './scripted-server.js';

const TOKEN = 'Q7zK9vW2jX4pR8mT';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every piece of the token three characters long: none may be printed. */
function tokenPieces(): string[] {
  const pieces: string[] = [];
  for (let i = 0; i + 3 <= TOKEN.length; i += 1) pieces.push(TOKEN.slice(i, i + 3));
  return pieces;
}

function leakedPieces(text: string): string[] {
  return tokenPieces().filter((piece) => text.includes(piece));
}

/** The padding before the token, set before each call. */
let offset = 0;
const padded = (): string => `${'x'.repeat(offset)}${TOKEN}${'y'.repeat(20)}`;

/** Every offset for Losant's message; around the 300-character cut for the others. */
const ANSWERS: Record<string, Answer> = {
  'Losant message': (_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'Validation', message: padded() }));
  },
  'Losant type': (_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: padded() }));
  },
  'plain text body': (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(padded());
  },
  'non-JSON success': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(padded());
  },
  'redirect location': (_req, res) => {
    res.writeHead(302, { location: `https://evil.example.com/${padded()}` });
    res.end();
  },
};

describe('error text from the API is redacted before it is cut', () => {
  for (const [name, answer] of Object.entries(ANSWERS)) {
    it(`${name}: no piece of the token at any offset`, async () => {
      server = await startScriptedServer([answer]);
      const client = createLosantClient({
        apiUrl: server.url,
        token: TOKEN,
        retry: { maxAttempts: 1 },
      });
      const leaks: string[] = [];
      try {
        const first = name === 'Losant message' ? 0 : 270;
        for (offset = first; offset <= 330; offset += 1) {
          const error = await rejection(client.get(ORG_ID));
          const shown = [error.message, error.losantMessage ?? '', error.losantType ?? ''].join(
            '\n',
          );
          const leaked = leakedPieces(shown);
          if (leaked.length > 0) leaks.push(`offset ${offset}: ${leaked.join(', ')}`);
        }
      } finally {
        await client.close();
      }
      expect(leaks).toEqual([]);
    });
  }
});

describe('answers nested deeper than any Losant answer', () => {
  const deep = (depth: number): string =>
    `{"id":"${ORG_ID}","name":"Acme","members":[],"extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

  it('a 10 MB deeply nested org is refused before it is parsed, naming the action', async () => {
    const body = deep(2_000_000);
    server = await startScriptedServer([
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      },
    ]);
    const client = createLosantClient({ apiUrl: server.url, token: TOKEN });
    try {
      const error = await rejection(client.get(ORG_ID));
      expect(error.message).toBe(
        `Losant API org.get on org ${ORG_ID} failed: HTTP 200 but the body nests JSON more than ${MAX_JSON_DEPTH} levels deep, which no Losant answer does; check that LOSANT_API_URL is the Losant API`,
      );
    } finally {
      await client.close();
    }
  });

  it('an error body nested deep is refused the same way; nesting inside strings does not count', async () => {
    server = await startScriptedServer([
      (_req, res) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(`{"type":"Validation","message":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
      },
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: ORG_ID,
            name: `${'[{'.repeat(1000)} "quoted \\" ${'{'.repeat(100)}`,
            members: [],
          }),
        );
      },
    ]);
    const client = createLosantClient({ apiUrl: server.url, token: TOKEN });
    try {
      const error = await rejection(client.get(ORG_ID));
      expect(error.message).toContain(`HTTP 400 but the body nests JSON more than`);
      const org = await client.get(ORG_ID);
      expect(org.name.startsWith('[{[{')).toBe(true);
    } finally {
      await client.close();
    }
  });
});
