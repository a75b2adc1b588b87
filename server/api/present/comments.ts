import type { CommentView, InboxEntryView, InboxView, ThreadView } from '../../../shared/schemas/comments.js'
import { parseDocName } from '../../../shared/doc-names.js'
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

/** What a line is about, its title, and where it leads in the app. */
function targetOf(r: InboxRow): Pick<InboxEntryView, 'target' | 'itemTitle' | 'link'> {
  const hub = r.hub_name ?? r.hub_id ?? 'a hub'
  if (r.doc && r.period_id) {
    return { target: 'brief', itemTitle: `the ${hub} hub brief for ${r.period_id}`, link: `/hubs/${encodeURIComponent(r.hub_id ?? '')}/brief?period=${encodeURIComponent(r.period_id)}` }
  }
  if (r.doc) {
    const parsed = parseDocName(r.doc)
    const where = parsed?.type === 'note' ? `the note “${r.note_title ?? 'untitled'}” (${hub} hub)` : `the ${hub} hub brief`
    const link = parsed?.type === 'note' ? `/hubs/${encodeURIComponent(parsed.hubId)}/notes/${encodeURIComponent(parsed.noteId)}` : `/hubs/${encodeURIComponent(r.hub_id ?? '')}/brief`
    return { target: 'doc-thread', itemTitle: r.quote ? `${where}: “${r.quote.length > 80 ? `${r.quote.slice(0, 80)}…` : r.quote}”` : where, link: r.thread_id ? `${link}${link.includes('?') ? '&' : '?'}thread=${encodeURIComponent(r.thread_id)}` : link }
  }
  return { target: 'item', itemTitle: r.title ?? '(item no longer in the log)', link: null }
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
      ...targetOf(r),
      hubId: r.hub_id,
      hubName: r.hub_name ?? null,
      periodId: r.period_id ?? null,
      doc: r.doc ?? null,
      threadId: r.thread_id ?? null,
      note: r.period_id && (r.kind === 'brief_acknowledged' || r.kind === 'brief_returned') ? (r.brief_note ?? null) : null,
      commentId: r.comment_id,
      actorName: r.actor_name,
      createdAt: iso(r.created_at),
      read: !!r.read_at,
      excerpt: r.comment_body && !r.comment_deleted_at && r.title !== null ? excerpt(r.comment_body) : null,
    })),
  }
}
