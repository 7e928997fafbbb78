// Why the Action failed, as the `failure-reason` output names it, with a message safe to print.
import { LosantOrgError, type ErrorKind } from '../model/errors.js';

/** The values of the `failure-reason` output (documented in action.yml and docs/github-action.md). */
export type FailureReason =
  | 'config-invalid'
  | 'plan-refused'
  | 'plan-changed'
  | 'apply-failed'
  | 'api-error'
  | 'drift'
  | 'input-invalid'
  | 'github-error';

const KIND_OF_REASON: Record<FailureReason, ErrorKind> = {
  'config-invalid': 'config',
  'plan-refused': 'refusal',
  'plan-changed': 'refusal',
  'apply-failed': 'apply',
  'api-error': 'api',
  drift: 'refusal',
  'input-invalid': 'usage',
  'github-error': 'api',
};

/** A failure the Action decided on (drift found, plan changed since review, an operation failed). */
export class ActionFailure extends LosantOrgError {
  override readonly name = 'ActionFailure';
  readonly kind: ErrorKind;

  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
    this.kind = KIND_OF_REASON[reason];
  }
}
