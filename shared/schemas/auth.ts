import { z } from 'zod'
import { Limits } from '../limits.js'
import { ROLES } from '../roles.js'
import { LANGUAGES } from '../languages.js'

/** `POST /api/auth/login` body. The email is matched case-insensitively. */
export const LoginInput = z.object({
  email: z.string().min(1, 'is required').max(Limits.email, `must be at most ${Limits.email} characters`),
  password: z.string().min(1, 'is required').max(Limits.password.max, 'is too long'),
})
export type LoginInput = z.infer<typeof LoginInput>

/** A membership as the API shows it. */
export const MembershipView = z.object({ hubId: z.string(), mission: z.string(), coordinator: z.boolean() })
export type MembershipView = z.infer<typeof MembershipView>

/** `GET /api/me` and the `user` of a login answer. */
export const MeView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** Every role held; `role` is the first. What the person sees is the union. */
  roles: z.array(z.enum(ROLES)),
  memberships: z.array(MembershipView),
  /** The interface language chosen in the account; null: not chosen (the browser's language decides). */
  language: z.enum(LANGUAGES).nullable(),
})
export type MeView = z.infer<typeof MeView>

/** `PUT /api/me/language`: a language of the interface, or null to follow the browser's again. */
export const LanguageChoice = z.object({ language: z.enum(LANGUAGES).nullable() })
export type LanguageChoice = z.infer<typeof LanguageChoice>

/** `POST /api/auth/login`. */
export const LoginView = z.object({ user: MeView })
export type LoginView = z.infer<typeof LoginView>

/** One of the signed-in person's sessions (`GET /api/me/sessions`). */
export const SessionView = z.object({
  /** A prefix of the stored hash: the cookie's id never leaves the browser. */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
})
export type SessionView = z.infer<typeof SessionView>
