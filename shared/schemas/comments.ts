import { z } from 'zod'
import { INPUT_STATUSES } from '../item-statuses.js'

export const COMMENT_MAX = 10_000

/** A comment's text: plain text (mentions and links are recognised when shown), stored verbatim. */
export const CommentInput = z.object({
  body: z
    .string()
    .max(COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty'),
})

export const InboxReadInput = z.object({ ids: z.union([z.literal('all'), z.array(z.number().int()).max(1000)]) })

/** A comment in an item's thread; a deleted one keeps its place with an empty body. */
export const CommentView = z.object({
  id: z.string(),
  itemId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  authorRole: z.string(),
  body: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
})
export type CommentView = z.infer<typeof CommentView>

/** `GET /api/items/:itemId/thread`: the comments and where the input request stands. */
export const ThreadView = z.object({
  itemId: z.string(),
  inputStatus: z.enum(INPUT_STATUSES).nullable(),
  requestedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  comments: z.array(CommentView),
})
export type ThreadView = z.infer<typeof ThreadView>

/**
 * Why a line is in someone's inbox: about an item's thread, a step of a hub brief's reporting
 * cycle (`brief_…`), or a comment anchored to a passage of the brief or a note (`doc_…`; a mention
 * or reply there uses `mention` and `reply`).
 */
export const INBOX_KINDS = [
  'mention', 'reply', 'input_request', 'input_provided', 'resolved',
  'brief_submitted', 'brief_resubmitted', 'brief_acknowledged', 'brief_returned', 'doc_comment', 'doc_resolved',
] as const
export type InboxKind = (typeof INBOX_KINDS)[number]

/** What an inbox line is about: an item's thread, a hub brief in a period, or an anchored comment. */
export const INBOX_TARGETS = ['item', 'brief', 'doc-thread'] as const

/** One line of `GET /api/inbox`. */
export const InboxEntryView = z.object({
  id: z.number().int(),
  kind: z.enum(INBOX_KINDS),
  target: z.enum(INBOX_TARGETS),
  itemId: z.string(),
  /** The item's title, or a placeholder once the entry left the log. */
  itemTitle: z.string(),
  hubId: z.string().nullable(),
  /** The hub's name (brief and anchored-comment lines). */
  hubName: z.string().nullable(),
  /** The reporting period (brief lines). */
  periodId: z.string().nullable(),
  /** The document (anchored-comment lines) and the thread. */
  doc: z.string().nullable(),
  threadId: z.string().nullable(),
  /** HQ's note with an acknowledgement or a return. */
  note: z.string().nullable(),
  /** Where the line leads in the app: the item's board, the brief tab of the period, the note. */
  link: z.string().nullable(),
  commentId: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
  /** The start of the comment that caused the entry (null: none, or deleted since). */
  excerpt: z.string().nullable(),
})
export type InboxEntryView = z.infer<typeof InboxEntryView>

/** `GET /api/inbox`. */
export const InboxView = z.object({ unread: z.number().int(), entries: z.array(InboxEntryView) })
export type InboxView = z.infer<typeof InboxView>
