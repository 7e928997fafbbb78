import { describe, expect, it } from 'vitest';
import { escapeEnvReferences, substituteEnv } from '../../src/config/substitute-env.js';

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

describe('substituteEnv, each form at its edges', () => {
  it('leaves a value without ${ as it is, $$ and lone $ included', () => {
    expect(substituteEnv('a$$b $c {d}', {})).toEqual({ value: 'a$$b $c {d}', problems: [] });
  });

  it('takes an empty variable as set without an operator, and as unset with :- and :?', () => {
    const env = { E: '', S: 'set' };
    expect(substituteEnv('[${E}]', env)).toEqual({ value: '[]', problems: [] });
    expect(substituteEnv('${E:-d}${S:-d}${U:-}', env)).toEqual({ value: 'dset', problems: [] });
    expect(substituteEnv('${S:?why}', env)).toEqual({ value: 'set', problems: [] });
    expect(substituteEnv('x${E:?}', env)).toEqual({
      value: 'x',
      problems: [
        {
          index: 1,
          rule: 'env-unset',
          message: 'environment variable E is not set: it is required',
        },
      ],
    });
  });

  it('names a reference that is not one, and leaves it in the value', () => {
    const message = (match: string): string =>
      `'${match}' is not a variable reference; write \${NAME}, \${NAME:-default} or \${NAME:?message}, or $\${ for a literal \${`;
    expect(substituteEnv('a ${1X} b', {})).toEqual({
      value: 'a ${1X} b',
      problems: [{ index: 2, rule: 'env-syntax', message: message('${1X}') }],
    });
    expect(substituteEnv('${A B}', {}).problems.map((p) => p.message)).toEqual([message('${A B}')]);
    expect(substituteEnv('${NAME', {}).problems.map((p) => p.message)).toEqual([message('${NAME')]);
  });

  it('reads names of letters, digits and underscores that do not start with a digit', () => {
    expect(substituteEnv('${_a1_B}', { _a1_B: 'v' })).toEqual({ value: 'v', problems: [] });
  });
});

describe('escapeEnvReferences', () => {
  it('writes every ${ as $${, and nothing else changes', () => {
    expect(escapeEnvReferences('a${B}$$c${')).toBe('a$${B}$$c$${');
    const text = 'a${B}$$c${ ${X:-y}';
    expect(substituteEnv(escapeEnvReferences(text), {})).toEqual({ value: text, problems: [] });
  });
});
