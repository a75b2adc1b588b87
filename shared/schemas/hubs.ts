import { z } from 'zod'
import { SCOPES } from '../scopes.js'
import { Limits } from '../limits.js'
import { ROLES } from '../roles.js'
import { Day, Email, Id, MissionCode, text } from './common.js'
import { LOG_KINDS } from '../item-statuses.js'

/** What a mission is: the EU delegation or a Member State's embassy. */
export const MISSION_KINDS = ['eu_delegation', 'ms_embassy'] as const
export type MissionKind = (typeof MISSION_KINDS)[number]

/** A mission (EU delegation or Member State embassy) as the API shows it. */
export const MissionView = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(MISSION_KINDS),
  name: z.string(),
  city: z.string().nullable(),
})
export type MissionView = z.infer<typeof MissionView>

/** A hub card's recent activity from the hub's log. */
export const HubActivityView = z.object({
  last30Days: z.number().int(),
  latest: z.object({ title: z.string(), kind: z.enum(LOG_KINDS), at: z.string() }).nullable(),
})
export type HubActivityView = z.infer<typeof HubActivityView>

/** An entry of `GET /api/hubs`. */
export const HubSummaryView = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  countryName: z.string(),
  region: z.string(),
  city: z.string().nullable(),
  missions: z.array(MissionView),
  /** Recent activity from the hub's log (`GET /api/hubs` only; absent for cyber ambassadors). */
  activity: HubActivityView.optional(),
})
export type HubSummaryView = z.infer<typeof HubSummaryView>

/** A hub member as `GET /api/hubs/:hubId` shows it. */
export const MemberView = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  missionId: z.string(),
  mission: z.string(),
  coordinator: z.boolean(),
})
export type MemberView = z.infer<typeof MemberView>

/** `GET /api/hubs/:hubId`. */
export const HubDetailView = HubSummaryView.extend({
  members: z.array(MemberView),
  focalPoint: z
    .object({ userId: z.string(), name: z.string(), trained: z.boolean(), trainedOn: z.string().nullable(), since: z.string().nullable() })
    .nullable(),
})
export type HubDetailView = z.infer<typeof HubDetailView>

/** A note's metadata. */
export const NoteView = z.object({
  id: z.string(),
  title: z.string(),
  docName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Who may read it: `hub` · `hq` · `network`. */
  scope: z.enum(SCOPES),
})
export type NoteView = z.infer<typeof NoteView>

/** `POST /api/hubs/:hubId/notes` (201) and `PATCH …/notes/:noteId`. */
export const NoteRefView = z.object({ id: z.string(), docName: z.string() })
export type NoteRefView = z.infer<typeof NoteRefView>

/** `POST /api/hubs/:hubId/members` (201). */
export const MembershipSetView = z.object({ userId: z.string(), hubId: z.string(), missionId: z.string(), mission: z.string() })
export type MembershipSetView = z.infer<typeof MembershipSetView>

/** `PUT /api/hubs/:hubId/focal-point`. */
export const FocalPointView = z.object({
  hubId: z.string(),
  userId: z.string().nullable(),
  trained: z.boolean(),
  trainedOn: z.string().nullable(),
  since: z.string().nullable(),
})
export type FocalPointView = z.infer<typeof FocalPointView>

export const NoteInput = z.object({ title: text(Limits.noteTitle), scope: z.enum(SCOPES).optional() })
export const NoteUpdateInput = z
  .object({ title: text(Limits.noteTitle).optional(), scope: z.enum(SCOPES).optional() })
  .refine((v) => v.title !== undefined || v.scope !== undefined, { message: 'title or scope: give at least one' })
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
/**
 * Naming a focal point, and stating whether they are trained (2023 ¶15) and on what day. Training
 * omitted: kept for the same person, not trained for a new one.
 */
export const FocalPointInput = z
  .object({ userId: Id.nullable(), trained: z.boolean().optional(), trainedOn: Day.nullable().optional() })
  .refine((v) => !(v.trainedOn && v.trained === false), { message: 'trainedOn: a training date needs trained: true', path: ['trainedOn'] })
  .refine((v) => v.userId !== null || (v.trained === undefined && v.trainedOn === undefined), { message: 'trained: no focal point to train', path: ['trained'] })
