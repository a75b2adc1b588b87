/**
 * What `/api/docs/:doc/…` answers (CONTRACT §5), as both sides see it. The server builds these in
 * server/history/history-service.ts.
 */

export interface VersionEditorView {
  id: string
  name: string
}

export interface VersionSummaryView {
  id: number
  createdAt: string
  reason: string
  editors: VersionEditorView[]
}

export interface VersionDetailView extends VersionSummaryView {
  text: string
  state: string
}

export interface LogDiffEntryView {
  kind: 'exchange' | 'action'
  id: string
  title: string
}

export interface FieldChangeView {
  field: string
  before?: unknown
  after?: unknown
}

export type VersionDiffView =
  | { kind: 'text'; segments: { op: 'same' | 'added' | 'removed'; text: string }[] }
  | {
      kind: 'log'
      added: LogDiffEntryView[]
      removed: LogDiffEntryView[]
      changed: (LogDiffEntryView & { fields: FieldChangeView[] })[]
    }

export interface DeletedEntryView {
  kind: 'exchange' | 'action'
  id: string
  title: string
  versionId: number
  versionCreatedAt: string
}
