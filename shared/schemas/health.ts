import { z } from 'zod'

/** `GET /api/health`: whether the process and its database answer, and which engine it runs on. */
export const HealthView = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['pglite', 'postgres']) })
export type HealthView = z.infer<typeof HealthView>
