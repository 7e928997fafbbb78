// The Action's annotations (::warning:: and ::error:: lines) show control and bidi characters from
// live data as \uXXXX escapes: an org name or an API's message can never colour, link or reorder them.
import { afterEach, describe, expect, test } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import {
  annotations,
  LOSANT_TOKEN,
  pullRequestEvent,
  startActionWorld,
  type ActionWorld,
} from './action-fixtures.js';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const ESC = '\u001b';
const FORGED = `Acme${ESC}[31m IoT\r\n::error::forged\u202eTOI\u009b2J\u2066`;

/** Everything that would move the cursor, colour, link, break a line or reorder text. */
/* eslint-disable no-control-regex -- finding control characters is the point */
const UNPRINTABLE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** The raw annotation lines a run printed (the workflow commands the runner reads). */
function annotationLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^::(error|warning|notice)\b/.test(line));
}

describe('annotations escape control characters from live data', () => {
  test("mode usage: the near-limit warning shows the live org's name escaped", async () => {
    // Arrange: the live org's name carries an escape sequence, CR LF with a forged command, bidi.
    world = await startActionWorld();
    const seed = createDemoSeed(Date.now());
    const org = seed.orgs[0];
    if (org === undefined) throw new Error('the demo seed has no org');
    org.name = FORGED;
    await world.emulator.control.setState(seed);
    await world.emulator.control.addToken({
      token: LOSANT_TOKEN,
      userId: DEMO_USER_ID,
      scopes: ['all.User'],
    });

    // Act
    const run = await world.run({
      eventName: 'schedule',
      event: { schedule: '23 7 * * 1' },
      inputs: { mode: 'usage' },
    });

    // Assert
    expect(run.code).toBe(0);
    expect(annotationLines(run.stdout).filter((line) => UNPRINTABLE.test(line))).toEqual([]);
    expect(annotations(run.stdout, 'error')).toEqual([]);
    expect(annotations(run.stdout, 'warning').map((a) => a.message)).toEqual([
      `Acme\\u001b[31m IoT\\u000d\\u000a::error::forged\\u202eTOI\\u009b2J\\u2066 (${DEMO_ORG_ID}): devices at 82% of the limit (1,236 of 1,500)`,
    ]);
  });

  test("mode plan: GitHub's refusal, quoted in a warning, is escaped too", async () => {
    // Arrange: a fork's read-only token, and a 403 whose message carries bidi and C1 controls.
    world = await startActionWorld();
    world.github.readOnly = true;
    world.github.readOnlyMessage = `Resource not accessible\u202e by integration\u009b31m`;

    // Act
    const run = await world.run({
      event: pullRequestEvent({ fork: true }),
      inputs: { mode: 'plan' },
    });

    // Assert
    const lines = annotationLines(run.stdout);
    expect(run.code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines.filter((line) => UNPRINTABLE.test(line))).toEqual([]);
    expect(lines[0]).toContain('Resource not accessible\\u202e by integration\\u009b31m');
  });
});
