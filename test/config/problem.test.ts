// A problem in a configuration file: how it is printed, sorted and gathered into one error.
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  formatProblem,
  sortProblems,
  type Problem,
} from '../../src/config/problem.js';
import { LosantOrgError } from '../../src/model/errors.js';

function problem(file: string, line: number, col: number, message = 'm'): Problem {
  return { file, line, col, message, rule: 'r' };
}

describe('formatProblem', () => {
  it('is file:line:col: severity: message, an error unless said otherwise', () => {
    const p = problem('org.yaml', 3, 7, 'unknown key');
    expect(formatProblem(p)).toBe('org.yaml:3:7: error: unknown key');
    expect(formatProblem(p, 'warning')).toBe('org.yaml:3:7: warning: unknown key');
  });
});

describe('sortProblems', () => {
  it('orders by file, then line, then column, and leaves the list given alone', () => {
    const given = [
      problem('b.yaml', 1, 1),
      problem('a.yaml', 9, 2),
      problem('a.yaml', 2, 5),
      problem('a.yaml', 9, 1),
      problem('a.yaml', 2, 5, 'second'),
      problem('c.yaml', 1, 1),
    ];
    const before = [...given];
    const sorted = sortProblems(given);
    expect(sorted.map((p) => `${p.file}:${p.line}:${p.col}:${p.message}`)).toEqual([
      'a.yaml:2:5:m',
      'a.yaml:2:5:second',
      'a.yaml:9:1:m',
      'a.yaml:9:2:m',
      'b.yaml:1:1:m',
      'c.yaml:1:1:m',
    ]);
    expect(given).toEqual(before);
  });
});

describe('ConfigError', () => {
  it('says one error in the singular and lists it', () => {
    const error = new ConfigError({ errors: [problem('o.yaml', 1, 2, 'bad')], warnings: [] });
    expect(error).toBeInstanceOf(LosantOrgError);
    expect(error.name).toBe('ConfigError');
    expect(error.kind).toBe('config');
    expect(error.message).toBe(
      'the configuration has 1 error; fix it and run again (losant-org validate shows the same list):\no.yaml:1:2: error: bad',
    );
  });

  it('says several errors in the plural, one per line, and keeps the errors and warnings', () => {
    const errors = [problem('o.yaml', 1, 2, 'bad'), problem('o.yaml', 4, 1, 'worse')];
    const warnings = [problem('o.yaml', 5, 1, 'careful')];
    const error = new ConfigError({ errors, warnings });
    expect(error.message).toBe(
      'the configuration has 2 errors; fix them and run again (losant-org validate shows the same list):\no.yaml:1:2: error: bad\no.yaml:4:1: error: worse',
    );
    expect(error.errors).toEqual(errors);
    expect(error.warnings).toEqual(warnings);
  });
});
