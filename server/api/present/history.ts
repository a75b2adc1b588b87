import type {
  DeletedEntryView,
  EntryRestoredView,
  VersionDetailView,
  VersionRestoredView,
  VersionSummaryView,
} from '../../../shared/schemas/history-views.js'
import type { LogKind } from '../../../shared/item-statuses.js'
import type { DeletedEntryRow, VersionContentRow, VersionRow } from '../../history/history-service.js'
import { iso } from './iso.js'

export function presentVersionSummary(v: VersionRow): VersionSummaryView {
  return { id: v.id, createdAt: iso(v.created_at), reason: v.reason, editors: v.editors }
}

/** One version; its Yjs state travels as base64 inside the JSON. */
export function presentVersionDetail(v: VersionContentRow): VersionDetailView {
  return { ...presentVersionSummary(v), text: v.text, state: Buffer.from(v.state).toString('base64') }
}

export function presentDeletedEntry(e: DeletedEntryRow): DeletedEntryView {
  return { kind: e.kind, id: e.id, title: e.title, versionId: e.version_id, versionCreatedAt: iso(e.version_created_at) }
}

export function presentVersionRestored(
  versionId: number,
  r: { beforeVersionId: number; restoredVersionId: number },
): VersionRestoredView {
  return { restored: versionId, beforeVersionId: r.beforeVersionId, restoredVersionId: r.restoredVersionId }
}

export function presentEntryRestored(kind: LogKind, entryId: string, r: { versionId: number }): EntryRestoredView {
  return { kind, id: entryId, versionId: r.versionId }
}
