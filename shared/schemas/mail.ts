import { z } from 'zod'
import { MAIL_KINDS, MAIL_MODES } from '../mail-kinds.js'

export * from '../mail-kinds.js'

/** `GET /api/me/mail`: the person's choice for every kind, and whether this deployment sends mail at all. */
export const MailPreferencesView = z.object({
  enabled: z.boolean(),
  preferences: z.record(z.enum(MAIL_KINDS), z.enum(MAIL_MODES)),
})
export type MailPreferencesView = z.infer<typeof MailPreferencesView>

/** `PUT /api/me/mail`: some kinds' new choice; the others stay. */
export const MailPreferencesInput = z.object({
  preferences: z.partialRecord(z.enum(MAIL_KINDS), z.enum(MAIL_MODES)),
})

/** `GET /api/admin/mail/failed`: mail given up after every retry (kept 90 days), and how many still wait. */
export const FailedMailView = z.object({
  waiting: z.number().int().describe('mails queued and not yet sent'),
  failed: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      userId: z.string(),
      email: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      failedAt: z.string(),
    }),
  ),
})
export type FailedMailView = z.infer<typeof FailedMailView>
