// One file's validation in process: a file that is not YAML, the limit of problems shown, and
// what a document read alone carries.
import { describe, expect, it } from 'vitest';
import { readConfigDocument, validateConfigText } from '../../src/config/validate-config-text.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const ORG = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70901\n';

describe('validateConfigText', () => {
  it('says what is wrong with a file that is not YAML, with no warnings and no org', () => {
    const result = validateConfigText('bad.yaml', encode(`${ORG}members: [\n`), {});

    expect(result.org).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.errors.map((e) => [e.file, e.rule])).toEqual([['bad.yaml', 'yaml-syntax']]);
  });

  it('shows exactly 100 problems of a file without a note, and a note past them', () => {
    const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i}: 1`).join('\n');

    const hundred = validateConfigText('a.yaml', encode(`${ORG}${keys(100)}\n`), {});
    const more = validateConfigText('a.yaml', encode(`${ORG}${keys(101)}\n`), {});

    expect(hundred.errors).toHaveLength(100);
    expect(hundred.errors.map((e) => e.rule)).not.toContain('too-many-problems');
    expect(more.errors).toHaveLength(101);
    expect(more.errors[100]?.message).toBe('1 more problems are not shown; fix these first');
  });
});

describe('readConfigDocument', () => {
  it('names the file in each problem and gives the org id only when the file has one', () => {
    const withId = readConfigDocument('a.yaml', encode(`${ORG}  nme: x\n`), {});
    const withoutId = readConfigDocument('b.yaml', encode('version: 1\norg:\n  name: x\n'), {});

    expect(withId.orgId).toBe('6650f0c1a2b3c4d5e6f70901');
    expect(withId.errors.map((e) => [e.file, e.rule])).toEqual([['a.yaml', 'unknown-key']]);
    expect(Object.keys(withoutId)).not.toContain('orgId');
    expect(withoutId.errors.map((e) => [e.file, e.rule])).toEqual([['b.yaml', 'missing-key']]);
  });
});
