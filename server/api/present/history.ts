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

/** A version in a document's list: its editors are already named by the service. */
export function presentVersionSummary(v: VersionRow): VersionSummaryView {
  return { id: v.id, createdAt: iso(v.created_at), reason: v.reason, editors: v.editors }
}

/** One version; its Yjs state travels as base64 inside the JSON. */
export function presentVersionDetail(v: VersionContentRow): VersionDetailView {
  return { ...presentVersionSummary(v), text: v.text, state: Buffer.from(v.state).toString('base64') }
}

/** A deleted log entry, with the newest version it can be restored from. */
export function presentDeletedEntry(e: DeletedEntryRow): DeletedEntryView {
  return { kind: e.kind, id: e.id, title: e.title, versionId: e.version_id, versionCreatedAt: iso(e.version_created_at) }
}

/** A whole-version restore: the restored version, and the versions kept before and after it. */
export function presentVersionRestored(
  versionId: number,
  r: { beforeVersionId: number; restoredVersionId: number },
): VersionRestoredView {
  return { restored: versionId, beforeVersionId: r.beforeVersionId, restoredVersionId: r.restoredVersionId }
}

/** A log entry brought back, and the version it came from. */
export function presentEntryRestored(kind: LogKind, entryId: string, r: { versionId: number }): EntryRestoredView {
  return { kind, id: entryId, versionId: r.versionId }
}
