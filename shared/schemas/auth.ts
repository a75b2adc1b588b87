import { z } from 'zod'
import { Limits } from '../limits.js'

/** `POST /api/auth/login` body. The email is matched case-insensitively. */
export const LoginInput = z.object({
  email: z.string().min(1, 'is required').max(Limits.email, `must be at most ${Limits.email} characters`),
  password: z.string().min(1, 'is required').max(Limits.password.max, 'is too long'),
})
export type LoginInput = z.infer<typeof LoginInput>

/** A membership as the API shows it. */
export interface MembershipView {
  hubId: string
  mission: string
  coordinator: boolean
}

/** `GET /api/me` and the `user` of a login answer (CONTRACT §5). */
export interface MeView {
  id: string
  email: string
  name: string
  role: 'staff' | 'hq' | 'cyber' | 'admin'
  memberships: MembershipView[]
}
