import { z } from 'zod'
import { ID_PATTERN } from '../doc-names.js'
import { Limits } from '../limits.js'

/** An id inside URLs and document names: letters, digits, `-`, `_` (1–64). */
export const Id = z.string().regex(ID_PATTERN, 'must be 1–64 letters, digits, - or _')

/** A mission code: `EU` or a Member State's ISO 3166-1 alpha-2 code (EL is accepted for Greece). */
export const MissionCode = z
  .string()
  .regex(/^(EU|[A-Z]{2})$/, 'must be EU or an ISO 3166-1 alpha-2 code')
  .transform((c) => (c === 'EL' ? 'GR' : c))

/** A non-empty trimmed-length-checked text field stored verbatim. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty')

export const Email = z
  .string()
  .max(Limits.email, `must be at most ${Limits.email} characters`)
  .email('must be an e-mail address')

export const HubParams = z.object({ hubId: Id })

/** A calendar day `YYYY-MM-DD` that exists. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a real date')
