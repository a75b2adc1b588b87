import type { CommentView, InboxView, ThreadView } from '../../../shared/schemas/comments.js'
import type { ItemView } from '../../../shared/schemas/items.js'
import type { CommentRow, InboxRow, ThreadRows } from '../../comments/comment-service.js'
import { iso, isoOrNull } from './iso.js'

/** A comment; a deleted one keeps its place in the thread, without its text. */
export function presentComment(r: CommentRow): CommentView {
  return {
    id: r.id,
    itemId: r.item_id,
    authorId: r.author_id,
    authorName: r.author_name,
    authorRole: r.author_role,
    body: r.deleted_at ? '' : r.body,
    createdAt: iso(r.created_at),
    editedAt: r.edited_at ? iso(r.edited_at) : null,
    deleted: !!r.deleted_at,
  }
}

/** An item's thread: its comments and where its request for input stands. */
export function presentThread(item: ItemView, t: ThreadRows): ThreadView {
  return {
    itemId: item.id,
    inputStatus: item.inputStatus,
    requestedBy: t.state?.requested_by ?? null,
    resolvedAt: isoOrNull(t.state?.resolved_at ?? null),
    comments: t.comments.map(presentComment),
  }
}

/** The start of a comment as an inbox line shows it: one line, at most 160 characters. */
function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim()
  return line.length > 160 ? line.slice(0, 159) + '…' : line
}

/** The inbox; an entry whose item left the log keeps a placeholder title. */
export function presentInbox(inbox: { unread: number; rows: InboxRow[] }): InboxView {
  return {
    unread: inbox.unread,
    entries: inbox.rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      itemId: r.item_id,
      itemTitle: r.title ?? '(item no longer in the log)',
      hubId: r.hub_id,
      commentId: r.comment_id,
      actorName: r.actor_name,
      createdAt: iso(r.created_at),
      read: !!r.read_at,
      excerpt: r.comment_body && !r.comment_deleted_at && r.title !== null ? excerpt(r.comment_body) : null,
    })),
  }
}
