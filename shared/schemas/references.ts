import { z } from 'zod'
import { GG_STAGES } from '../records.js'

/** A Global Gateway project (reference data; admins add and edit). */
export const GgProjectView = z.object({
  id: z.string(),
  name: z.string(),
  countries: z.array(z.string()),
  themes: z.array(z.string()),
  stage: z.enum(GG_STAGES).nullable(),
  contributors: z.array(z.string()),
  partnership: z.string().nullable(),
})
export type GgProjectView = z.infer<typeof GgProjectView>

const Code = z.string().trim().min(1).max(40)

/** The editable fields of a project. */
export const GgProjectInput = z.strictObject({
  name: z.string().trim().min(1).max(300),
  countries: z.array(Code).max(50).default([]),
  themes: z.array(z.string().min(1).max(200)).max(50).default([]),
  stage: z.enum(GG_STAGES).nullable().default(null),
  contributors: z.array(Code).max(50).default([]),
  partnership: z.string().min(1).max(200).nullable().default(null),
})
export type GgProjectInput = z.infer<typeof GgProjectInput>

/** `POST /api/gg-projects`. */
export const GgProjectCreate = GgProjectInput.extend({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and hyphens, at most 64') })
/** `PATCH /api/gg-projects/:id`. */
export const GgProjectPatch = GgProjectInput.partial()
export const GgProjectParams = z.object({ id: z.string().min(1).max(200) })
export const PartnershipParams = z.object({ id: z.string().min(1).max(200) })
