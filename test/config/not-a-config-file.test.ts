// A file that is not a configuration: recognised, and said without quoting any of its content.
import { describe, expect, it } from 'vitest';
import {
  looksLikeConfigText,
  looksLikeConfigValue,
  notConfigProblems,
} from '../../src/config/not-a-config-file.js';
import type { FileProblem } from '../../src/config/problem.js';

describe('looksLikeConfigText', () => {
  it('sees version: or org: at the left margin of any line, quoted, spaced or in braces', () => {
    for (const text of [
      'version: 1',
      'org:',
      'x: [\norg: a',
      '"version": 1',
      "'org' : a",
      'version\t: 1',
      '{version: 1',
      '{ \t"org": {}',
    ]) {
      expect(looksLikeConfigText(text), text).toBe(true);
    }
  });

  it('does not see them indented, inside another word or without the colon', () => {
    for (const text of [
      ' version: 1',
      'myorg: a',
      'versions: 1',
      'org = a',
      'x{org: a',
      '{{org: a',
    ]) {
      expect(looksLikeConfigText(text), text).toBe(false);
    }
  });
});

describe('looksLikeConfigValue', () => {
  it('is a mapping with version or org at its top', () => {
    expect(looksLikeConfigValue({ version: 1 })).toBe(true);
    expect(looksLikeConfigValue({ org: null })).toBe(true);
    for (const value of [{}, { members: [] }, [], ['version'], null, 'version: 1', 1]) {
      expect(looksLikeConfigValue(value), JSON.stringify(value)).toBe(false);
    }
  });
});

describe('notConfigProblems', () => {
  const problem = (rule: string): FileProblem => ({ line: 4, col: 2, rule, message: `m ${rule}` });

  it('keeps only the problems that quote nothing of the file', () => {
    const kept = ['too-deep', 'tab-indentation', 'multiple-documents', 'alias'].map(problem);
    const given = [problem('unknown-key'), ...kept, problem('yaml-syntax')];
    expect(notConfigProblems(given)).toEqual(kept);
  });

  it('says only that the file is not a configuration when every problem would quote it', () => {
    expect(notConfigProblems([problem('unknown-key')])).toEqual([
      {
        line: 1,
        col: 1,
        rule: 'not-config',
        message:
          'this is not a losant-org configuration file: it has no version: or org: at its top level, so none of its content is shown; name a configuration file (version: 1 and org: with the id of the organization)',
      },
    ]);
    expect(notConfigProblems([])).toHaveLength(1);
  });
});
