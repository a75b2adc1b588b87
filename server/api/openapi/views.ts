import { z } from 'zod'
import { MeView, SessionView } from '../../../shared/schemas/auth.js'
import { FocalPointView, HubDetailView, HubSummaryView, NoteView } from '../../../shared/schemas/hubs.js'
import { ItemView, SearchHit } from '../../../shared/schemas/items.js'
import { CommentView, ThreadView } from '../../../shared/schemas/comments.js'
import { DocCommentView, DocThreadView, MentionPersonView } from '../../../shared/schemas/doc-threads.js'
import { DeletedEntryView, VersionDetailView, VersionDiffView, VersionSummaryView } from '../../../shared/schemas/history-views.js'
import { Rollup } from '../../../shared/schemas/rollup.js'
import { HealthView } from '../../../shared/schemas/health.js'
import { AdminUserView, AuditEventView, PasswordLinkView } from '../../../shared/schemas/admin.js'
import { TaxonomyView } from '../../../shared/schemas/taxonomy.js'
import { BriefDetailView, BriefStatusView, ComplianceRowView, PeriodView } from '../../../shared/schemas/periods.js'

/**
 * What the API answers, as named components of the OpenAPI document: the same zod schemas the
 * presenters' answers are typed by (shared/schemas), so the reference cannot drift from the code.
 */

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string().describe('for invalid input, names the field first: `email: …`') }) })
  .meta({ id: 'Error' })

export const Health = HealthView.meta({ id: 'Health' })
export const Me = MeView.meta({ id: 'Me' })
export const HubSummary = HubSummaryView.meta({ id: 'HubSummary' })
export const HubDetail = HubDetailView.meta({ id: 'HubDetail' })
export const FocalPoint = FocalPointView.meta({ id: 'FocalPoint' })
export const Note = NoteView.meta({ id: 'Note' })
export const Item = ItemView.meta({ id: 'Item' })
export const SearchHitSchema = SearchHit.meta({ id: 'SearchHit' })
export const Comment = CommentView.meta({ id: 'Comment' })
export const Thread = ThreadView.meta({ id: 'Thread' })
export const VersionSummary = VersionSummaryView.meta({ id: 'VersionSummary' })
export const VersionDetail = VersionDetailView.meta({ id: 'VersionDetail' })
export const VersionDiff = VersionDiffView.meta({ id: 'VersionDiff' })
export const DeletedEntry = DeletedEntryView.meta({ id: 'DeletedEntry' })
export const RollupSchema = Rollup.meta({ id: 'Rollup' })
export const Session = SessionView.meta({ id: 'Session' })
export const AdminUser = AdminUserView.meta({ id: 'AdminUser' })
export const AuditEvent = AuditEventView.meta({ id: 'AuditEvent' })
export const Link = PasswordLinkView
export const Period = PeriodView.meta({ id: 'Period' })
export const DocThread = DocThreadView.meta({ id: 'DocThread' })
export const MentionPerson = MentionPersonView.meta({ id: 'MentionPerson' })
export const DocComment = DocCommentView.meta({ id: 'DocComment' })
export const BriefStatus = BriefStatusView.meta({ id: 'BriefStatus' })
export const BriefDetail = BriefDetailView.meta({ id: 'BriefDetail' })
export const ComplianceRow = ComplianceRowView.meta({ id: 'ComplianceRow' })
export const Taxonomy = TaxonomyView.meta({ id: 'Taxonomy' })
