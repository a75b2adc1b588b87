import { z } from 'zod'
import { CommentInput } from './comments.js'
import { DocParams } from './history.js'

/**
 * Comments anchored to a passage of the hub brief or a note. The anchor is two Yjs relative
 * positions (`Y.encodeRelativePosition`, base64): the passage's first character and its last, so
 * text typed before or after it never joins it, and it follows its passage while others edit.
 */

/** An encoded relative position is ~10–40 bytes; anything past this is not one. */
export const ANCHOR_MAX_BYTES = 256
/** The quoted passage kept with the thread (shown once the passage is gone). */
export const QUOTE_MAX = 1_000
/** Threads one document may hold: past this, resolve or answer the old ones. */
export const THREADS_PER_DOC_MAX = 500

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const decodedLength = (s: string) => Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0)

/** One encoded relative position. */
export const AnchorPosition = z
  .string()
  .max(Math.ceil(ANCHOR_MAX_BYTES / 3) * 4, `must be at most ${ANCHOR_MAX_BYTES} bytes`)
  .regex(BASE64, 'must be base64')
  .refine((s) => s.length % 4 === 0 && decodedLength(s) <= ANCHOR_MAX_BYTES, `must be base64 of at most ${ANCHOR_MAX_BYTES} bytes`)

export const Anchor = z.object({ start: AnchorPosition, end: AnchorPosition })

/** `POST /api/docs/:doc/threads`: a new thread on a passage, with its first comment. */
export const DocThreadInput = z.object({
  anchor: Anchor,
  quote: z
    .string()
    .max(QUOTE_MAX, `must be at most ${QUOTE_MAX} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty: select the passage to comment on'),
  body: CommentInput.shape.body,
})
export type DocThreadInput = z.infer<typeof DocThreadInput>

export const DocThreadParams = DocParams.extend({ threadId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a thread id') })

/** A comment of an anchored thread; a deleted one keeps its place with an empty body. */
export const DocCommentView = z.object({
  id: z.string(),
  threadId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  authorRole: z.string(),
  body: z.string(),
  createdAt: z.string(),
  deleted: z.boolean(),
})
export type DocCommentView = z.infer<typeof DocCommentView>

/** A thread anchored to a passage; the first comment opened it. */
export const DocThreadView = z.object({
  id: z.string(),
  doc: z.string(),
  hubId: z.string(),
  anchor: Anchor,
  quote: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  authorRole: z.string(),
  createdAt: z.string(),
  resolved: z.boolean(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  comments: z.array(DocCommentView),
})
export type DocThreadView = z.infer<typeof DocThreadView>

/** People offered when mentioning: at most this many per answer (type more letters to narrow). */
export const MENTION_PEOPLE_MAX = 20

/** `GET /api/docs/:doc/people?q=`: someone who may read the document, to mention. */
export const MentionPersonView = z.object({ id: z.string(), name: z.string() })
export type MentionPersonView = z.infer<typeof MentionPersonView>

/** `q`: the start of a name or e-mail; `ids`: these people (comma-separated, up to 50: names of mentions shown). */
export const MentionPeopleQuery = z.object({
  q: z.string().max(100).optional(),
  ids: z
    .string()
    .max(50 * 65)
    .regex(/^[A-Za-z0-9_,-]*$/, 'must be user ids separated by commas')
    .optional(),
})
