// Seed files (YAML or JSON) and the --faults / --latency notation.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFaultSpec, parseLatencyOption } from '../../src/emulator/fault-spec.js';
import { SeedError } from '../../src/emulator/emulator-errors.js';
import { loadSeedFile, parseSeed } from '../../src/emulator/load-seed.js';
import { UsageError } from '../../src/model/errors.js';

const GOOD_YAML = `users:
  - { id: aaaaaaaaaaaaaaaaaaaaaaaa, email: owner@example.com, firstName: Owner }
orgs:
  - id: bbbbbbbbbbbbbbbbbbbbbbbb
    name: Small
    members:
      - { userId: aaaaaaaaaaaaaaaaaaaaaaaa, role: admin }
`;

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SeedError) return error.message;
    throw error;
  }
  throw new Error('expected a SeedError');
}

describe('emulator seed files', () => {
  it('a YAML seed parses to the seed shape', () => {
    expect(parseSeed(GOOD_YAML, 'state.yaml')).toEqual({
      users: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', email: 'owner@example.com', firstName: 'Owner' }],
      orgs: [
        {
          id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
          name: 'Small',
          members: [{ userId: 'aaaaaaaaaaaaaaaaaaaaaaaa', role: 'admin' }],
        },
      ],
    });
  });

  it('a JSON seed file is read too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losant-emulator-'));
    const file = join(dir, 'state.json');
    await writeFile(file, JSON.stringify(parseSeed(GOOD_YAML, 'x')), 'utf8');

    expect((await loadSeedFile(file)).orgs[0]?.name).toBe('Small');
  });

  it('a schema problem names file, line and column of the value', () => {
    const text = GOOD_YAML.replace('role: admin', 'role: owner');

    expect(messageOf(() => parseSeed(text, 'state.yaml')).split('\n')[0]).toBe(
      'state.yaml:7:51: orgs[0].members[0].role must be one of: admin, edit, collaborate, view, none',
    );
  });

  it('a missing field is located at its parent; an unknown user id at the value', () => {
    const missing = GOOD_YAML.replace('    name: Small\n', '');
    const unknown = GOOD_YAML.replace(
      '{ userId: aaaaaaaaaaaaaaaaaaaaaaaa',
      '{ userId: dddddddddddddddddddddddd',
    );

    expect(messageOf(() => parseSeed(missing, 's.yaml')).split('\n')[0]).toBe(
      's.yaml:4:5: orgs[0].name is required',
    );
    expect(messageOf(() => parseSeed(unknown, 's.yaml')).split('\n')[0]).toBe(
      's.yaml:7:19: orgs[0].members[0].userId is not the id of a user in users',
    );
  });

  it('a YAML syntax error names file, line and column', () => {
    expect(
      messageOf(() => parseSeed('users: [\n  { id: 1\norgs: x\n', 'broken.yaml')).split('\n')[0],
    ).toMatch(/^broken\.yaml:\d+:\d+: /);
  });

  it('an unreadable file says so and what to check', async () => {
    await expect(loadSeedFile('/nonexistent/state.yaml')).rejects.toThrow(
      '/nonexistent/state.yaml: cannot read the emulator state file (ENOENT); check the --state path.',
    );
  });
});

describe('emulator --faults and --latency notation', () => {
  it('parses targets, faults and counts', () => {
    expect(
      parseFaultSpec(
        'org.inviteMember=after-commit-reset*2,org.get=status-503*1,*=latency-20*0,me.get=status-429:3,org.patch=after-commit-502,org.delete=reset,*=latency-5-10',
      ),
    ).toEqual([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'reset', count: 2 },
      { action: 'org.get', kind: 'status', status: 503, count: 1 },
      { action: '*', kind: 'latency', ms: 20, count: 0 },
      { action: 'me.get', kind: 'status', status: 429, retryAfter: '3' },
      { action: 'org.patch', kind: 'after-commit', then: 'status', status: 502 },
      { action: 'org.delete', kind: 'reset' },
      { action: '*', kind: 'latency', ms: [5, 10] },
    ]);
  });

  it('refuses an unknown target, fault or status with the notation in the message', () => {
    expect(() => parseFaultSpec('org.nothing=reset')).toThrow(UsageError);
    expect(() => parseFaultSpec('org.get=explode')).toThrow(
      "--faults 'org.get=explode': unknown fault 'explode'",
    );
    expect(() => parseFaultSpec('org.get=status-404')).toThrow(
      'status must be one of 429, 500, 502, 503, 504',
    );
  });

  it('parses --latency as ms or a range', () => {
    expect([parseLatencyOption('20'), parseLatencyOption('10-50')]).toEqual([20, [10, 50]]);
    expect(() => parseLatencyOption('fast')).toThrow(UsageError);
  });
});
