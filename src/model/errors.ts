// The base of every error losant-org expects: its message is complete and safe to print.

export type ErrorKind = 'usage' | 'config' | 'api' | 'refusal' | 'apply';

/** An error whose message says where and what to do; entry points print it without a stack. */
export abstract class LosantOrgError extends Error {
  abstract readonly kind: ErrorKind;
}

/** Wrong command-line arguments or action inputs. */
export class UsageError extends LosantOrgError {
  readonly kind = 'usage';
  override readonly name = 'UsageError';
}
