import { z } from 'zod'
import { Limits } from '../limits.js'
import { ROLES } from '../roles.js'
import { Email, Id, MissionCode, text } from './common.js'

/** A mission (EU delegation or Member State embassy) as the API shows it. */
export interface MissionView {
  id: string
  code: string
  kind: 'eu_delegation' | 'ms_embassy'
  name: string
  city: string | null
}

/** An entry of `GET /api/hubs`. */
export interface HubSummaryView {
  id: string
  name: string
  country: string
  countryName: string
  region: string
  city: string | null
  missions: MissionView[]
  /** Recent activity from the hub's log (`GET /api/hubs` only; absent for cyber ambassadors). */
  activity?: { last30Days: number; latest: { title: string; kind: 'exchange' | 'action'; at: string } | null }
}

/** A hub member as `GET /api/hubs/:hubId` shows it. */
export interface MemberView {
  userId: string
  name: string
  email: string
  missionId: string
  mission: string
  coordinator: boolean
}

/** `GET /api/hubs/:hubId`. */
export interface HubDetailView extends HubSummaryView {
  members: MemberView[]
  focalPoint: { userId: string; name: string } | null
}

/** A note's metadata. */
export interface NoteView {
  id: string
  title: string
  docName: string
  createdAt: string
  updatedAt: string
  updatedBy: { id: string; name: string } | null
}

export const NoteInput = z.object({ title: text(Limits.noteTitle) })
export const NoteParams = z.object({ hubId: Id, noteId: Id })

export const NewUserInput = z.object({
  email: Email,
  name: text(Limits.name),
  role: z.enum(ROLES),
  password: z
    .string()
    .min(Limits.password.min, `must be at least ${Limits.password.min} characters`)
    .max(Limits.password.max, 'is too long'),
})

export const NewHubInput = z.object({
  id: Id.optional(),
  name: text(Limits.hubName),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  countryName: text(100),
  region: text(100),
  city: z.string().max(100).nullable().optional(),
})

export const NewMissionInput = z.object({
  id: Id.optional(),
  code: MissionCode,
  name: text(Limits.name),
  city: z.string().max(100).nullable().optional(),
})

export const NewMemberInput = z
  .object({
    userId: Id.optional(),
    email: Email.optional(),
    missionId: Id.optional(),
    mission: MissionCode.optional(),
    coordinator: z.boolean().optional(),
  })
  .refine((v) => v.userId !== undefined || v.email !== undefined, {
    message: 'userId or email is required',
    path: ['userId'],
  })
  .refine((v) => v.missionId !== undefined || v.mission !== undefined, {
    message: 'missionId or mission is required',
    path: ['mission'],
  })

export const MemberParams = z.object({ hubId: Id, userId: Id })
export const FocalPointInput = z.object({ userId: Id.nullable() })
