import { z } from 'zod'
import type { MeView } from '../../../shared/schemas/auth.js'
import type { HubDetailView, HubSummaryView, MissionView, NoteView } from '../../../shared/schemas/hubs.js'
import type { ItemView, SearchHit } from '../../../shared/schemas/items.js'
import type { CommentView, ThreadView } from '../../../shared/schemas/comments.js'
import type { DeletedEntryView, VersionDetailView, VersionDiffView, VersionSummaryView } from '../../../shared/schemas/history-views.js'
import type { Rollup } from '../../../shared/schemas/rollup.js'

/**
 * zod schemas of what the API answers, for the OpenAPI document only. The answers themselves are
 * typed by the view interfaces in shared/schemas; each schema below is checked against its
 * interface at compile time (`same<…>()`), so `npm run typecheck` fails when the two drift apart.
 */

/** Compiles only when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
function same<T extends true>(): T | void {}

const iso = z.string().describe('ISO 8601 date and time')
const day = z.string().describe('YYYY-MM-DD')
const role = z.enum(['staff', 'hq', 'cyber', 'admin'])
const kind = z.enum(['exchange', 'action'])
const actionStatus = z.enum(['planned', 'in_progress', 'done', 'dropped'])
const inputStatus = z.enum(['open', 'awaiting_input', 'input_provided', 'resolved'])

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string().describe('for invalid input, names the field first: `email: …`') }) })
  .meta({ id: 'Error' })

export const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['pglite', 'postgres']) }).meta({ id: 'Health' })

export const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role,
    memberships: z.array(z.object({ hubId: z.string(), mission: z.string(), coordinator: z.boolean() })),
  })
  .meta({ id: 'Me' })
same<Same<z.infer<typeof Me>, MeView>>()

const Mission = z
  .object({ id: z.string(), code: z.string(), kind: z.enum(['eu_delegation', 'ms_embassy']), name: z.string(), city: z.string().nullable() })
  .meta({ id: 'Mission' })
same<Same<z.infer<typeof Mission>, MissionView>>()

export const HubSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    countryName: z.string(),
    region: z.string(),
    city: z.string().nullable(),
    missions: z.array(Mission),
    activity: z
      .object({ last30Days: z.number(), latest: z.object({ title: z.string(), kind, at: iso }).nullable() })
      .optional()
      .describe('recent activity of the hub log (`GET /api/hubs` only; absent for cyber ambassadors)'),
  })
  .meta({ id: 'HubSummary' })
same<Same<z.infer<typeof HubSummary>, HubSummaryView>>()

export const HubDetail = HubSummary.extend({
  members: z.array(
    z.object({ userId: z.string(), name: z.string(), email: z.string(), missionId: z.string(), mission: z.string(), coordinator: z.boolean() }),
  ),
  focalPoint: z.object({ userId: z.string(), name: z.string() }).nullable(),
}).meta({ id: 'HubDetail' })
same<Same<z.infer<typeof HubDetail>, HubDetailView>>()

export const Note = z
  .object({
    id: z.string(),
    title: z.string(),
    docName: z.string().describe('`hub/<hubId>/notes/<noteId>`, the sync endpoint document'),
    createdAt: iso,
    updatedAt: iso,
    updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'Note' })
same<Same<z.infer<typeof Note>, NoteView>>()

export const Item = z
  .object({
    id: z.string().describe('`<hubId>:<kind>:<entryId>`'),
    hubId: z.string(),
    kind,
    entryId: z.string().describe('the key in the log document'),
    title: z.string(),
    body: z.string(),
    themes: z.array(z.string()),
    forums: z.array(z.string()),
    mission: z.string().nullable(),
    missions: z.array(z.string()),
    leadMission: z.string().nullable(),
    authorId: z.string().nullable(),
    authorName: z.string().nullable(),
    createdAt: iso.nullable(),
    updatedAt: iso.nullable(),
    status: actionStatus.nullable(),
    due: day.nullable(),
    completedAt: iso.nullable(),
    crossCutting: z.boolean(),
    inputStatus: inputStatus.nullable(),
    inputRequestedAt: iso.nullable(),
    inputProvidedAt: iso.nullable(),
    relatedHubs: z.array(z.string()),
    linkedItems: z.array(z.string()),
    issues: z.array(z.string()).describe('what is missing or invalid in the entry; empty when all is well'),
    commentCount: z.number().optional().describe('comments in its thread (lists only)'),
  })
  .meta({ id: 'Item' })
same<Same<z.infer<typeof Item>, ItemView>>()

export const SearchHitSchema = z
  .object({
    kind: z.enum(['brief', 'note', 'exchange', 'action']),
    docName: z.string().optional(),
    itemId: z.string().optional(),
    hubId: z.string(),
    title: z.string(),
    snippet: z.string().describe('plain text around the first match'),
    rank: z.number(),
  })
  .meta({ id: 'SearchHit' })
same<Same<z.infer<typeof SearchHitSchema>, SearchHit>>()

export const Comment = z
  .object({
    id: z.string(),
    itemId: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    authorRole: z.string(),
    body: z.string(),
    createdAt: iso,
    editedAt: iso.nullable(),
    deleted: z.boolean(),
  })
  .meta({ id: 'Comment' })
same<Same<z.infer<typeof Comment>, CommentView>>()

export const Thread = z
  .object({
    itemId: z.string(),
    inputStatus: inputStatus.nullable(),
    requestedBy: z.string().nullable(),
    resolvedAt: iso.nullable(),
    comments: z.array(Comment),
  })
  .meta({ id: 'Thread' })
same<Same<z.infer<typeof Thread>, ThreadView>>()

const editors = z.array(z.object({ id: z.string(), name: z.string() }))
export const VersionSummary = z.object({ id: z.number(), createdAt: iso, reason: z.string(), editors }).meta({ id: 'VersionSummary' })
same<Same<z.infer<typeof VersionSummary>, VersionSummaryView>>()

export const VersionDetail = VersionSummary.extend({
  text: z.string().describe('plain text of a Lexical document, or JSON of a log'),
  state: z.string().describe('base64 Yjs update'),
}).meta({ id: 'VersionDetail' })
same<Same<z.infer<typeof VersionDetail>, VersionDetailView>>()

const logEntry = z.object({ kind, id: z.string(), title: z.string() })
export const VersionDiff = z
  .union([
    z.object({ kind: z.literal('text'), segments: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })) }),
    z.object({
      kind: z.literal('log'),
      added: z.array(logEntry),
      removed: z.array(logEntry),
      changed: z.array(logEntry.extend({ fields: z.array(z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })) })),
    }),
  ])
  .meta({ id: 'VersionDiff' })
same<Same<z.infer<typeof VersionDiff>, VersionDiffView>>()

export const DeletedEntry = z
  .object({ kind, id: z.string(), title: z.string(), versionId: z.number(), versionCreatedAt: iso })
  .meta({ id: 'DeletedEntry' })
same<Same<z.infer<typeof DeletedEntry>, DeletedEntryView>>()

const count = z.number().int()
export const RollupSchema = z
  .object({
    from: day,
    to: day,
    asOf: day.describe('the day overdue and waiting times are counted to'),
    hubs: z.array(z.object({ id: z.string(), name: z.string(), country: z.string(), countryName: z.string(), region: z.string(), focalPoint: z.string().nullable() })),
    matrix: z.array(z.object({ hubId: z.string(), themeId: z.string(), exchanges: count, actions: count })),
    actionsByStatus: z.object({ planned: count, in_progress: count, done: count, dropped: count }),
    overdue: z.array(
      z.object({ itemId: z.string(), hubId: z.string(), title: z.string(), leadMission: z.string().nullable(), due: day, daysOverdue: count, status: z.string() }),
    ),
    participation: z.array(
      z.object({
        hubId: z.string(),
        missions: z.array(z.object({ mission: z.string(), contributions: count })),
        registeredMemberStates: z.array(z.string()),
        engagedMemberStates: z.array(z.string()),
        euOnly: z.boolean(),
      }),
    ),
    crossCutting: z.object({
      open: count,
      awaitingComment: count,
      awaiting: z.array(
        z.object({ itemId: z.string(), hubId: z.string(), relatedHubs: z.array(z.string()), title: z.string(), requestedAt: iso, daysWaiting: count }),
      ),
    }),
    focalPoints: z.array(z.object({ hubId: z.string(), hasFocalPoint: z.boolean(), name: z.string().nullable() })),
  })
  .meta({ id: 'Rollup' })
same<Same<z.infer<typeof RollupSchema>, Rollup>>()

export const Session = z
  .object({
    id: z.string().describe('public id: a prefix of the stored hash'),
    createdAt: iso,
    lastSeenAt: iso,
    expiresAt: iso,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'Session' })

export const AdminUser = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role, disabled: z.boolean(), memberships: count, createdAt: iso })
  .meta({ id: 'AdminUser' })

export const Link = z.object({ link: z.string().describe('one-time set-password link, valid 7 days; shown once') })
