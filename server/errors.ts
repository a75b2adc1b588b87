/**
 * Errors with a stable `code` and HTTP `status`. Domain code throws them; `app.onError` is the only
 * place one becomes a response (`{"error":{"code","message"}}`).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** 400: invalid input; the message names the field. */
export class ValidationError extends AppError {
  constructor(message: string) {
    super(400, 'invalid_input', message)
  }
}

/** 401: no valid session. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'sign in first') {
    super(401, 'unauthenticated', message)
  }
}

/** 401 on sign-in: the same answer for an unknown email and a wrong password. */
export class BadCredentialsError extends AppError {
  constructor() {
    super(401, 'bad_credentials', 'wrong email or password')
  }
}

/** 403: signed in but not allowed. */
export class ForbiddenError extends AppError {
  constructor(message = 'not allowed') {
    super(403, 'forbidden', message)
  }
}

/** 404: the named thing does not exist (or the caller may not know it does). */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`)
  }
}

/** 409: the request conflicts with stored state (duplicate email, existing membership…). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message)
  }
}

/** 413: the body is over the cap. */
export class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `request body is larger than ${limit} bytes`)
  }
}

/** 429: too many attempts; `retryAfterSeconds` goes to the Retry-After header. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `too many attempts, retry in ${retryAfterSeconds} s`)
  }
}
