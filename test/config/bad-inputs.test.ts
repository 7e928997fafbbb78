// Each bad configuration file gives exactly its problems, at their places, and no org.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredOrgs } from '../../src/config/load-desired-orgs.js';
import { validateConfigText } from '../../src/config/validate-config-text.js';
import { BAD_INPUTS, BAD_INPUTS_ENV } from './bad-inputs-corpus.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('bad configuration files', () => {
  it('the corpus holds at least 40 cases', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD_INPUTS)('$file', async ({ file, errors, warnings = [], env = BAD_INPUTS_ENV }) => {
    // Arrange
    const path = `test/fixtures/bad/${file}`;

    // Act
    const result = await loadDesiredOrgs([path], { env, cwd: ROOT });

    // Assert
    expect(result).toEqual({
      orgs: [],
      errors: errors.map((e) => ({ file: path, ...e })),
      warnings: warnings.map((w) => ({ file: path, ...w })),
    });
  });

  it('keys such as __proto__ and constructor pollute no prototype', async () => {
    // Arrange
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const files = ['proto-keys.yaml', 'prototype-pollution.yaml'].map(
      (f) => `test/fixtures/bad/${f}`,
    );

    // Act
    await loadDesiredOrgs(files, { env: BAD_INPUTS_ENV, cwd: ROOT });

    // Assert
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    const plain: Record<string, unknown> = {};
    expect([plain['polluted'], plain['role'], Object.prototype.constructor]).toEqual([
      undefined,
      undefined,
      Object,
    ]);
  });

  it('shows the first 100 problems of a file and counts the rest', () => {
    // Arrange: 150 unknown keys, one per line from line 4.
    const keys = Array.from({ length: 150 }, (_, i) => `k${i}: 1`).join('\n');
    const text = `version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70801\n${keys}\n`;

    // Act
    const result = validateConfigText('big.yaml', new TextEncoder().encode(text), {});

    // Assert
    expect(result.errors).toHaveLength(101);
    expect(result.errors.slice(99)).toEqual([
      {
        file: 'big.yaml',
        line: 103,
        col: 1,
        rule: 'unknown-key',
        message:
          "unknown key 'k99' at the top level; allowed keys: version, org, profiles, members, policy",
      },
      {
        file: 'big.yaml',
        line: 103,
        col: 1,
        rule: 'too-many-problems',
        message: '50 more problems are not shown; fix these first',
      },
    ]);
  });
});
