import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/config/did-you-mean.js';
import { substituteEnv } from '../../src/config/substitute-env.js';

describe('substituteEnv', () => {
  it('replaces set variables, defaults and the $${ escape; values are never re-read', () => {
    const env = { ORG: '5f0c', EMPTY: '', NESTED: '${ORG}' };

    const result = substituteEnv('${ORG}-${MISSING:-dflt}-${EMPTY:-e}-$${ORG}-${NESTED}', env);

    expect(result).toEqual({ value: '5f0c-dflt-e-${ORG}-${ORG}', problems: [] });
  });

  it('names an unset variable, with the message of ${VAR:?message}', () => {
    const result = substituteEnv('a ${NOPE} b ${REQ:?ask ops}', {});

    expect(result).toEqual({
      value: 'a  b ',
      problems: [
        {
          index: 2,
          rule: 'env-unset',
          message:
            'environment variable NOPE is not set; set it, or give a default: ${NOPE:-value}',
        },
        { index: 12, rule: 'env-unset', message: 'environment variable REQ is not set: ask ops' },
      ],
    });
  });

  it('never substitutes the API token', () => {
    const result = substituteEnv('${LOSANT_API_TOKEN}', { LOSANT_API_TOKEN: 'secret-value' });

    expect(result.value).toBe('');
    expect(result.problems.map((p) => p.rule)).toEqual(['env-forbidden']);
    expect(JSON.stringify(result)).not.toContain('secret-value');
  });
});

describe('did you mean', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('emial', 'email')).toBe(1);
    expect(editDistance('role', 'role')).toBe(0);
  });

  it('prefers a same-letters match, and stays silent when nothing is close', () => {
    expect(closestMatch('Admin', ['admin', 'edit'])).toBe('admin');
    expect(closestMatch('edti', ['admin', 'edit', 'view'])).toBe('edit');
    expect(closestMatch('zzzzzz', ['admin', 'edit', 'view'])).toBeUndefined();
  });
});
