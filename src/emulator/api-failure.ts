// An error response the emulator sends (`{ type, message }` with a status), thrown by state operations.

export type LosantErrorType =
  | 'Validation'
  | 'NotFound'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'PayloadTooLarge'
  | 'TooManyRequests'
  | 'InternalServerError'
  | 'BadGateway'
  | 'ServiceUnavailable'
  | 'GatewayTimeout';

/** Flow control inside the emulator, turned into an HTTP response; not a losant-org failure. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly type: LosantErrorType,
    message: string,
  ) {
    super(message);
  }

  get body(): { type: LosantErrorType; message: string } {
    return { type: this.type, message: this.message };
  }
}

export function validationFailure(message: string): ApiFailure {
  return new ApiFailure(400, 'Validation', message);
}

export function notFound(what: string): ApiFailure {
  return new ApiFailure(404, 'NotFound', `${what} was not found`);
}
