// The base error: what a stack trace or String(error) shows for a usage error.
import { describe, expect, it } from 'vitest';
import { LosantOrgError, UsageError } from '../../src/model/errors.js';

describe('UsageError', () => {
  it('is a LosantOrgError and shows as UsageError with its message', () => {
    const error = new UsageError('--plan needs a file');

    expect(error).toBeInstanceOf(LosantOrgError);
    expect(String(error)).toBe('UsageError: --plan needs a file');
  });
});
