import { z } from 'zod'
import { LOG_KINDS } from '../item-statuses.js'

/**
 * What `/api/docs/:doc/…` answers, as both sides see it. The server presents these
 * in server/api/present/history.ts.
 */

/** Someone who edited since the previous version. */
export const VersionEditorView = z.object({ id: z.string(), name: z.string() })
export type VersionEditorView = z.infer<typeof VersionEditorView>

/** A version in `GET …/versions`, newest first. */
export const VersionSummaryView = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  reason: z.string(),
  editors: z.array(VersionEditorView),
})
export type VersionSummaryView = z.infer<typeof VersionSummaryView>

/** `GET …/versions/:id`. */
export const VersionDetailView = VersionSummaryView.extend({
  text: z.string(),
  /** Base64 of the version's Yjs state. */
  state: z.string(),
})
export type VersionDetailView = z.infer<typeof VersionDetailView>

/** A log entry named in a diff. */
export const LogDiffEntryView = z.object({ kind: z.enum(LOG_KINDS), id: z.string(), title: z.string() })
export type LogDiffEntryView = z.infer<typeof LogDiffEntryView>

/** One field of a changed entry, before and after (absent when the field was absent). */
export const FieldChangeView = z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })
export type FieldChangeView = z.infer<typeof FieldChangeView>

/** `GET …/versions/:id/diff`: words of a text document, or entries of a log. */
export const VersionDiffView = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    segments: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })),
  }),
  z.object({
    kind: z.literal('log'),
    added: z.array(LogDiffEntryView),
    removed: z.array(LogDiffEntryView),
    changed: z.array(LogDiffEntryView.extend({ fields: z.array(FieldChangeView) })),
  }),
])
export type VersionDiffView = z.infer<typeof VersionDiffView>

/** A row of `GET …/deleted`: an entry no longer in the live log. */
export const DeletedEntryView = z.object({
  kind: z.enum(LOG_KINDS),
  id: z.string(),
  title: z.string(),
  versionId: z.number().int(),
  versionCreatedAt: z.string(),
})
export type DeletedEntryView = z.infer<typeof DeletedEntryView>

/** `POST …/versions/:id/restore`. */
export const VersionRestoredView = z.object({
  restored: z.number().int(),
  beforeVersionId: z.number().int(),
  restoredVersionId: z.number().int(),
})
export type VersionRestoredView = z.infer<typeof VersionRestoredView>

/** `POST …/deleted/:kind/:entryId/restore`. */
export const EntryRestoredView = z.object({ kind: z.enum(LOG_KINDS), id: z.string(), versionId: z.number().int() })
export type EntryRestoredView = z.infer<typeof EntryRestoredView>
