// Failures of the emulator itself (a bad seed file, a refused control call), as losant-org errors.
import { LosantOrgError } from '../model/errors.js';

/** A --state file or options.state that cannot be used; the message names file, line and column. */
export class SeedError extends LosantOrgError {
  readonly kind = 'config';
  override readonly name = 'SeedError';
}

/** The control surface refused a call (a test or rehearsal script asked for something impossible). */
export class EmulatorControlError extends LosantOrgError {
  readonly kind = 'usage';
  override readonly name = 'EmulatorControlError';
}
