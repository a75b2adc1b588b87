import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { ValidationError } from '../errors.js'

/**
 * Validates one part of a request with zod; on failure throws a ValidationError whose message
 * names the field (`email: must be an e-mail address`), so `app.onError` answers 400 in the
 * contract's shape.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0]
      const field = issue?.path.length ? issue.path.join('.') : target === 'json' ? 'body' : target
      throw new ValidationError(`${field}: ${issue?.message ?? 'invalid'}`)
    }
  })
  VALIDATED.set(middleware, { target, schema })
  return middleware
}

/** What each `validate` middleware checks: the OpenAPI document (server/api/openapi/) reads it off the app's routes. */
export const VALIDATED = new WeakMap<object, { target: keyof ValidationTargets; schema: z.ZodType }>()
