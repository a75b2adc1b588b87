import { z } from 'zod'

export const COMMENT_MAX = 10_000

/** A comment's text: plain text (mentions and links are recognised when shown), stored verbatim. */
export const CommentInput = z.object({
  body: z
    .string()
    .max(COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty'),
})

export const InboxReadInput = z.object({ ids: z.union([z.literal('all'), z.array(z.number().int()).max(1000)]) })

export interface CommentView {
  id: string
  itemId: string
  authorId: string
  authorName: string
  authorRole: string
  body: string
  createdAt: string
  editedAt: string | null
  deleted: boolean
}

export interface ThreadView {
  itemId: string
  inputStatus: 'open' | 'awaiting_input' | 'input_provided' | 'resolved' | null
  requestedBy: string | null
  resolvedAt: string | null
  comments: CommentView[]
}

