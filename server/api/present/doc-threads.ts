import type { DocCommentView, DocThreadView } from '../../../shared/schemas/doc-threads.js'
import type { DocCommentRow, DocThreadRow } from '../../comments/doc-thread-service.js'
import { iso, isoOrNull } from './iso.js'

/** A comment of an anchored thread; a deleted one keeps its place without its text. */
export function presentDocComment(r: DocCommentRow): DocCommentView {
  return {
    id: r.id,
    threadId: r.thread_id,
    authorId: r.author_id,
    authorName: r.author_name,
    authorRole: r.author_role,
    body: r.deleted_at ? '' : r.body,
    createdAt: iso(r.created_at),
    deleted: !!r.deleted_at,
  }
}

/** A thread anchored to a passage, with its anchor as stored and the passage as quoted then. */
export function presentDocThread(r: DocThreadRow): DocThreadView {
  return {
    id: r.id,
    doc: r.doc,
    hubId: r.hub_id,
    anchor: { start: r.anchor_start, end: r.anchor_end },
    quote: r.quote,
    authorId: r.author_id,
    authorName: r.author_name,
    authorRole: r.author_role,
    createdAt: iso(r.created_at),
    resolved: r.resolved_at !== null,
    resolvedAt: isoOrNull(r.resolved_at),
    resolvedBy: r.resolved_by,
    comments: r.comments.map(presentDocComment),
  }
}
