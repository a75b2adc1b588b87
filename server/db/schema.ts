import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely'
import type { Scope } from '../../shared/scopes.js'
import type { Role } from '../../shared/roles.js'
import type { Language } from '../../shared/languages.js'
import type { ActionStatus, InputStatus, LogKind } from '../../shared/item-statuses.js'
import type { MissionKind } from '../../shared/schemas/hubs.js'
import type { InboxKind } from '../../shared/schemas/comments.js'

/**
 * Hand-written database types: a small schema, two engines, no codegen step. One file past 300
 * lines on purpose: one interface per table, in one place, which the schema test compares with the
 * migrated database.
 */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface UserTable {
  id: string
  email: string
  name: string
  role: Role
  /** Every role held (`role` is the first); the union decides what the person sees. */
  roles: ColumnType<string[], string[] | undefined, string[]>
  password_hash: string
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: CreatedAt
  /** The interface language the person chose; null: not chosen (the browser's decides). */
  language: ColumnType<Language | null, Language | null | undefined, Language | null>
}

export interface SessionTable {
  /** SHA-256 of the cookie's random id: a leaked table does not hand out sessions. */
  id_hash: string
  user_id: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  expires_at: Timestamp
  ip: string | null
  user_agent: string | null
}

export interface HubTable {
  id: string
  name: string
  /** ISO 3166-1 alpha-2 code of the partner country. */
  country: string
  country_name: string
  region: string
  city: string | null
  focal_point_user_id: string | null
  /** Whether the focal point is trained in digital diplomacy (2023 ¶15), and when (a stated date). */
  focal_point_trained: Generated<boolean>
  focal_point_trained_on: string | null
  /** When the present focal point was named (server time). */
  focal_point_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: CreatedAt
}

export interface MissionTable {
  id: string
  hub_id: string
  /** `EU` for the EU delegation, else the Member State's ISO 3166-1 alpha-2 code. */
  code: string
  kind: MissionKind
  name: string
  city: string | null
  created_at: CreatedAt
}

export interface MembershipTable {
  user_id: string
  hub_id: string
  mission_id: string
  coordinator: Generated<boolean>
  created_at: CreatedAt
}

export interface NoteTable {
  id: string
  hub_id: string
  title: string
  created_by: string | null
  created_at: CreatedAt
  updated_at: Timestamp
  updated_by: string | null
  /** Who may read it: `hub` · `hq` · `network`. */
  scope: ColumnType<Scope, Scope | undefined, Scope>
}

export interface DocUpdateTable {
  doc: string
  /** Global, increasing: orders one document's updates and names a point for NOTIFY. */
  seq: GeneratedAlways<number>
  update: Uint8Array
  user_id: string | null
  created_at: CreatedAt
}

export interface DocSnapshotTable {
  doc: string
  /** Every update with seq ≤ upto_seq is merged into `state`. */
  upto_seq: number
  state: Uint8Array
  updated_at: Timestamp
}

export interface DocVersionTable {
  id: GeneratedAlways<number>
  doc: string
  upto_seq: number
  state: Uint8Array
  /** User ids who edited since the previous version. */
  editors: string[]
  reason: string
  created_at: CreatedAt
}

export interface LoginFailureTable {
  id: GeneratedAlways<number>
  /** Lower-cased email as typed (the account may not exist). */
  email: string
  ip: string
  created_at: CreatedAt
}

/** One exchange or action projected from a hub's log document. */
export interface ItemTable {
  /** `<hubId>:<kind>:<entryId>`. */
  id: string
  hub_id: string
  kind: LogKind
  entry_id: string
  title: string
  body: string
  themes: string[]
  forums: string[]
  mission: string | null
  missions: string[]
  lead_mission: string | null
  author_id: string | null
  created_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  updated_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  status: ActionStatus | null
  /** `YYYY-MM-DD`. */
  due: string | null
  completed_at: string | null
  cross_cutting: boolean
  input_status: InputStatus | null
  input_requested_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  input_provided_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  related_hubs: string[]
  linked_items: string[]
  top_themes: string[]
  participants: string[]
  /** `YYYY-MM-DD`; null when the record has no valid date (then it is never counted as active). */
  active_from: string | null
  active_to: string | null
  issues: string[]
  /** Generated from title and body. */
  search: ColumnType<string, never, never>
  projected_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** Who may read it: `hub` · `hq` · `network`. */
  scope: ColumnType<Scope, Scope | undefined, Scope>
  /** The structured fields, as the log says (unknown ids flagged in `issues`). */
  exchange_type: ColumnType<string | null, string | null | undefined, string | null>
  counterparts: ColumnType<string[], string[] | undefined, string[]>
  partnership: ColumnType<string | null, string | null | undefined, string | null>
  action_kind: ColumnType<string | null, string | null | undefined, string | null>
  owner_id: ColumnType<string | null, string | null | undefined, string | null>
  gg_project: ColumnType<string | null, string | null | undefined, string | null>
  source_exchange: ColumnType<string | null, string | null | undefined, string | null>
  outcome: ColumnType<string | null, string | null | undefined, string | null>
  drop_reason: ColumnType<string | null, string | null | undefined, string | null>
  escalation: ColumnType<string | null, string | null | undefined, string | null>
  /** The transaction that last wrote the row (set by a trigger; the roll-up facts' change feed). */
  rev_xid: ColumnType<string | null, string | null | undefined, string | null>
}

/** An item deleted, and by which transaction (written by a trigger; the roll-up facts' change feed). */
export interface ItemTombstoneTable {
  id: string
  xid: ColumnType<string, string | undefined, string>
  at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** A Global Gateway project: reference data an admin adds and edits. */
export interface GgProjectTable {
  id: string
  name: string
  countries: string[]
  themes: string[]
  stage: string | null
  /** Team Europe contributors: Member State codes, `EU`, `EIB`, … */
  contributors: string[]
  partnership: string | null
  created_at: CreatedAt
  updated_at: Timestamp
}

/** Plain text of a brief or a note, full-text indexed. */
export interface DocTextTable {
  doc: string
  hub_id: string
  kind: 'brief' | 'note'
  title: string
  text: string
  search: ColumnType<string, never, never>
  projected_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** Who may read it: `hub` · `hq` · `network`. */
  scope: ColumnType<Scope, Scope | undefined, Scope>
}

export interface ProjectionCursorTable {
  doc: string
  upto_seq: number
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface CommentTable {
  id: string
  item_id: string
  hub_id: string
  author_id: string
  body: string
  created_at: CreatedAt
  edited_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Generated from the body (multilingual, accent-insensitive). */
  search: ColumnType<string, never, never>
}

/** Who asked the cyber ambassadors for input on an item, who answered, who resolved the thread. */
export interface ItemThreadTable {
  item_id: string
  hub_id: string
  requested_by: string | null
  requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  provided_by: string | null
  provided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  resolved_by: string | null
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface InboxEntryTable {
  id: GeneratedAlways<number>
  user_id: string
  kind: InboxKind
  item_id: string
  comment_id: string | null
  actor_id: string | null
  created_at: CreatedAt
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Set on lines about a brief or an anchored comment (null on item lines): whose document it is. */
  hub_id: ColumnType<string | null, string | null | undefined, never>
  doc: ColumnType<string | null, string | null | undefined, never>
  note_id: ColumnType<string | null, string | null | undefined, never>
  period_id: ColumnType<string | null, string | null | undefined, never>
  thread_id: ColumnType<string | null, string | null | undefined, never>
}

/** A comment thread anchored to a passage of the brief or a note (Yjs relative positions, base64). */
export interface DocThreadTable {
  id: string
  doc: string
  hub_id: string
  anchor_start: string
  anchor_end: string
  quote: string
  author_id: string
  created_at: CreatedAt
  resolved_at: Date | null
  resolved_by: string | null
}

/** A comment of an anchored thread (the first one opens it). */
export interface DocCommentTable {
  id: string
  thread_id: string
  author_id: string
  body: string
  created_at: CreatedAt
  edited_at: Date | null
  deleted_at: Date | null
}

/** One audited action (append-only). */
export interface AuditEventTable {
  id: GeneratedAlways<number>
  at: CreatedAt
  actor_id: string | null
  actor_email: string | null
  action: string
  target_type: string | null
  target_id: string | null
  hub_id: string | null
  ip: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, never>
}

export interface PasswordTokenTable {
  token_hash: string
  user_id: string
  purpose: 'invite' | 'reset'
  created_by: string | null
  created_at: CreatedAt
  expires_at: Timestamp
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** A mention of a person in a brief or note that was heard of (server/mentions): one per node and person. */
export interface DocMentionTable {
  doc: string
  /** The mention node's Yjs id (`client:clock`): stable for the node's life. */
  node: string
  user_id: string
  actor_id: string | null
  /** The inbox line's `item_id`. */
  notice_key: string
  excerpt: string
  created_at: CreatedAt
}

export interface Database {
  users: UserTable
  sessions: SessionTable
  hubs: HubTable
  missions: MissionTable
  memberships: MembershipTable
  notes: NoteTable
  doc_updates: DocUpdateTable
  doc_snapshots: DocSnapshotTable
  doc_versions: DocVersionTable
  login_failures: LoginFailureTable
  items: ItemTable
  item_tombstones: ItemTombstoneTable
  doc_text: DocTextTable
  projection_cursors: ProjectionCursorTable
  comments: CommentTable
  item_threads: ItemThreadTable
  inbox_entries: InboxEntryTable
  doc_mentions: DocMentionTable
  audit_events: AuditEventTable
  password_tokens: PasswordTokenTable
  entry_origins: EntryOriginTable
  periods: PeriodTable
  brief_submissions: BriefSubmissionTable
  period_items: PeriodItemTable
  period_focal_points: PeriodFocalPointTable
  doc_threads: DocThreadTable
  doc_comments: DocCommentTable
  oidc_logins: OidcLoginTable
  oidc_sessions: OidcSessionTable
  mail_outbox: MailOutboxTable
  mail_digest_entries: MailDigestEntryTable
  mail_preferences: MailPreferenceTable
  server_secrets: ServerSecretTable
  gg_projects: GgProjectTable
}

/** A sign-in started at an identity provider; deleted when its callback arrives (single use). */
export interface OidcLoginTable {
  state_hash: string
  provider_id: string
  nonce: string
  code_verifier: string
  /** SHA-256 of the random cookie of the browser that started it: a callback from another browser is refused. */
  browser_hash: string
  created_at: CreatedAt
  expires_at: Timestamp
}

/** The provider a session was signed in through, and its id token (RP-initiated logout). */
export interface OidcSessionTable {
  session_hash: string
  provider_id: string
  id_token: string | null
}

type JsonColumn = ColumnType<Record<string, unknown>, string, string>
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

/** A mail to send; `payload` holds references (item, hub, period), rendered with access checks when sent. */
export interface MailOutboxTable {
  id: Generated<number>
  user_id: string
  kind: string
  payload: JsonColumn
  dedupe_key: string | null
  created_at: CreatedAt
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  attempts: ColumnType<number, number | undefined, number>
  sent_at: NullableTime
  failed_at: NullableTime
  last_error: string | null
}

/** A notification waiting for its reader's daily digest (`outbox_id`: the digest mail that carried it). */
export interface MailDigestEntryTable {
  id: Generated<number>
  user_id: string
  kind: string
  payload: JsonColumn
  dedupe_key: string | null
  created_at: CreatedAt
  outbox_id: number | null
}

export interface MailPreferenceTable {
  user_id: string
  kind: string
  mode: 'immediate' | 'digest' | 'never'
}

export interface ServerSecretTable {
  name: string
  value: string
}

export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type Session = Selectable<SessionTable>
export type Hub = Selectable<HubTable>
export type NewHub = Insertable<HubTable>
export type Mission = Selectable<MissionTable>
export type NewMission = Insertable<MissionTable>
export type Membership = Selectable<MembershipTable>
export type Note = Selectable<NoteTable>
export type Item = Selectable<ItemTable>
export type NewItem = Insertable<ItemTable>

/** The columns of every table, checked against the live schema on both engines by a test. */
/** Who created a log entry, as the sync server recorded it. */
export interface EntryOriginTable {
  item_id: string
  hub_id: string
  user_id: string | null
  mission: string | null
  source: 'stored' | 'document'
  created_at: CreatedAt
}

/** A reporting period; `locked_at` set: its figures are frozen. */
export interface PeriodTable {
  id: string
  start: ColumnType<string, string, string>
  end: ColumnType<string, string, string>
  brief_due: ColumnType<string, string, string>
  locked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  locked_by: string | null
  frozen_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: CreatedAt
}

/** A hub's focal point as it stood when a period was locked (no row: none). */
export interface PeriodFocalPointTable {
  period_id: string
  hub_id: string
  name: string
  trained: boolean
  trained_on: string | null
}

/** A hub's brief for a period, as submitted (the frozen state is the version `version_id`). */
export interface BriefSubmissionTable {
  hub_id: string
  period_id: string
  status: 'submitted' | 'returned' | 'acknowledged'
  version_id: number
  submitted_at: Timestamp
  submitted_by: string | null
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  reviewed_by: string | null
  note: string | null
}

/** An items row as it stood when its period was locked. */
export interface PeriodItemTable {
  period_id: string
  item_id: string
  row: ColumnType<Record<string, unknown>, string, never>
}

export const TABLE_COLUMNS = {
  users: ['id', 'email', 'name', 'role', 'password_hash', 'disabled_at', 'created_at', 'roles', 'language'],
  sessions: ['id_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'],
  hubs: ['id', 'name', 'country', 'country_name', 'region', 'city', 'focal_point_user_id', 'created_at', 'focal_point_trained', 'focal_point_trained_on', 'focal_point_since'],
  missions: ['id', 'hub_id', 'code', 'kind', 'name', 'city', 'created_at'],
  memberships: ['user_id', 'hub_id', 'mission_id', 'coordinator', 'created_at'],
  notes: ['id', 'hub_id', 'title', 'created_by', 'created_at', 'updated_at', 'updated_by', 'scope'],
  doc_updates: ['doc', 'seq', 'update', 'user_id', 'created_at'],
  doc_snapshots: ['doc', 'upto_seq', 'state', 'updated_at'],
  doc_versions: ['id', 'doc', 'upto_seq', 'state', 'editors', 'reason', 'created_at'],
  login_failures: ['id', 'email', 'ip', 'created_at'],
  items: [
    'id', 'hub_id', 'kind', 'entry_id', 'title', 'body', 'themes', 'forums', 'mission', 'missions', 'lead_mission',
    'author_id', 'created_at', 'updated_at', 'status', 'due', 'completed_at', 'cross_cutting', 'input_status',
    'input_requested_at', 'input_provided_at', 'related_hubs', 'linked_items', 'top_themes', 'participants', 'active_from', 'active_to', 'issues', 'search', 'projected_at', 'scope',
    'exchange_type', 'counterparts', 'partnership', 'action_kind', 'owner_id', 'gg_project', 'source_exchange', 'outcome', 'drop_reason', 'escalation',
    'rev_xid',
  ],
  item_tombstones: ['id', 'xid', 'at'],
  doc_text: ['doc', 'hub_id', 'kind', 'title', 'text', 'search', 'projected_at', 'scope'],
  projection_cursors: ['doc', 'upto_seq', 'updated_at'],
  comments: ['id', 'item_id', 'hub_id', 'author_id', 'body', 'created_at', 'edited_at', 'deleted_at', 'search'],
  item_threads: ['item_id', 'hub_id', 'requested_by', 'requested_at', 'provided_by', 'provided_at', 'resolved_by', 'resolved_at'],
  inbox_entries: ['id', 'user_id', 'kind', 'item_id', 'comment_id', 'actor_id', 'created_at', 'read_at', 'hub_id', 'doc', 'note_id', 'period_id', 'thread_id'],
  doc_mentions: ['doc', 'node', 'user_id', 'actor_id', 'notice_key', 'excerpt', 'created_at'],
  audit_events: ['id', 'at', 'actor_id', 'actor_email', 'action', 'target_type', 'target_id', 'hub_id', 'ip', 'details'],
  password_tokens: ['token_hash', 'user_id', 'purpose', 'created_by', 'created_at', 'expires_at', 'used_at'],
  entry_origins: ['item_id', 'hub_id', 'user_id', 'mission', 'source', 'created_at'],
  periods: ['id', 'start', 'end', 'brief_due', 'locked_at', 'locked_by', 'frozen_at', 'created_at'],
  brief_submissions: ['hub_id', 'period_id', 'status', 'version_id', 'submitted_at', 'submitted_by', 'reviewed_at', 'reviewed_by', 'note'],
  period_items: ['period_id', 'item_id', 'row'],
  period_focal_points: ['period_id', 'hub_id', 'name', 'trained', 'trained_on'],
  doc_threads: ['id', 'doc', 'hub_id', 'anchor_start', 'anchor_end', 'quote', 'author_id', 'created_at', 'resolved_at', 'resolved_by'],
  doc_comments: ['id', 'thread_id', 'author_id', 'body', 'created_at', 'edited_at', 'deleted_at'],
  oidc_logins: ['state_hash', 'provider_id', 'nonce', 'code_verifier', 'browser_hash', 'created_at', 'expires_at'],
  oidc_sessions: ['session_hash', 'provider_id', 'id_token'],
  mail_outbox: ['id', 'user_id', 'kind', 'payload', 'dedupe_key', 'created_at', 'next_attempt_at', 'attempts', 'sent_at', 'failed_at', 'last_error'],
  mail_digest_entries: ['id', 'user_id', 'kind', 'payload', 'dedupe_key', 'created_at', 'outbox_id'],
  mail_preferences: ['user_id', 'kind', 'mode'],
  server_secrets: ['name', 'value'],
  gg_projects: ['id', 'name', 'countries', 'themes', 'stage', 'contributors', 'partnership', 'created_at', 'updated_at'],
} satisfies { [T in keyof Database]: (keyof Database[T])[] }
