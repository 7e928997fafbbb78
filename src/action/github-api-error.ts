// A failed call to GitHub's REST API: which call, what GitHub said, and what to do; never the token.
import { LosantOrgError } from '../model/errors.js';

export class GitHubApiError extends LosantOrgError {
  readonly kind = 'api';
  override readonly name = 'GitHubApiError';

  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
