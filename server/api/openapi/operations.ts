import { z } from 'zod'
import { SignInMethods } from '../sso.js'
import { FailedMailView, MailPreferencesView } from '../../../shared/schemas/mail.js'
import {
  AdminUser,
  AuditEvent,
  Comment,
  DeletedEntry,
  Health,
  HubDetail,
  FocalPoint,
  HubSummary,
  Item,
  Link,
  Me,
  Note,
  RollupSchema,
  SearchHitSchema,
  Session,
  Thread,
  VersionDetail,
  VersionDiff,
  VersionSummary,
  Period,
  BriefStatus,
  BriefDetail,
  ComplianceRow,
  DocThread,
  MentionPerson,
  DocComment,
  Taxonomy,
} from './views.js'
import { GgProjectView } from '../../../shared/schemas/references.js'

/** One documented answer: JSON with a schema, another media type, or no body. */
export interface ResponseDoc {
  description: string
  schema?: z.ZodType
  /** Media types other than JSON (`text/csv`…); the body is then described, not schematised. */
  media?: string[]
}

/** What the reference says about one route beyond its request schemas (those come from its validators). */
export interface OperationDoc {
  tag: string
  summary: string
  /** Who may call it (access rules of server/access.ts in a few words). */
  access: string
  description?: string
  /** No session needed: no 401. */
  public?: boolean
  responses: Record<number, ResponseDoc>
}

const json = (description: string, schema?: z.ZodType): ResponseDoc => ({ description, schema })
const none = (description: string): ResponseDoc => ({ description })
const created = (fields: Record<string, z.ZodType>) => json('created', z.object(fields))
const anyJson = (description: string) => json(description, z.unknown())
const signedIn = 'signed in'

/**
 * Every route of the app, keyed `METHOD path` exactly as Hono registers it (`:param`).
 * tests/integration/openapi.test.ts fails when a route has no entry here, or an entry no route.
 */
export const OPERATIONS: Record<string, OperationDoc> = {
  // --- service
  'GET /api/health': { tag: 'service', summary: 'Liveness: the process and its database answer', access: 'anyone', public: true, responses: { 200: json('up', Health), 503: json('the database does not answer', Health) } },
  'GET /api/openapi.json': { tag: 'service', summary: 'This API description (OpenAPI 3.1)', access: 'anyone', public: true, responses: { 200: anyJson('the OpenAPI document') } },
  'GET /api/reference': { tag: 'service', summary: 'This API description as a web page', access: 'anyone', public: true, responses: { 200: { description: 'HTML page', media: ['text/html'] } } },
  'GET /metrics': { tag: 'service', summary: 'Prometheus metrics of the sync server and the process', access: 'callers on loopback only', public: true, responses: { 200: { description: 'Prometheus text format', media: ['text/plain'] }, 403: json('not on loopback') } },
  'GET /sw.js': { tag: 'service', summary: 'The web client\'s service worker: keeps the app for offline use (never cached by HTTP: a new version is found at once)', access: 'anyone', public: true, responses: { 200: { description: 'JavaScript', media: ['text/javascript'] }, 404: json('the client is not built') } },
  'GET /collab/*': {
    tag: 'sync',
    summary: 'Sync endpoint (WebSocket, y-websocket protocol)',
    access: 'read access to the document; write access for updates to be kept',
    description:
      'Upgrade to a WebSocket at `/collab/<docName>` (`hub/<hubId>/brief`, `hub/<hubId>/log`, `hub/<hubId>/log/hub`, `hub/<hubId>/notes/<noteId>`). Message 0 = sync, 1 = awareness. A caller without a valid session, or who may not read the document, is accepted and closed at once with code 4401 or 4403; a malformed or oversized frame closes that connection with a code ≥ 4000; an update meaning what only the server decides (another author or mission, a date in the future, a server-only field, an unknown node type) closes it with 4422 naming the field.',
    responses: { 101: none('switching protocols'), 403: json('Origin is not PUBLIC_ORIGIN') },
  },
  'GET /collab-http/*': {
    tag: 'sync',
    summary: 'Sync where WebSockets are blocked: the server\'s messages (Server-Sent Events)',
    access: 'read access to the document (the same door as the WebSocket)',
    description:
      'The same y-websocket messages as `/collab/<docName>` for networks whose proxies refuse `Upgrade`. The stream starts with `event: hello` carrying `{"id"}` (the stream\'s secret, for the POSTs); each `data:` line is one message, base64; `event: close` carries `{"code","reason"}` with the codes the socket closes with (4401 no session, 4403 no access or wrong Origin, 4404, 4413, 4422, 4429), and ends the stream.',
    responses: { 200: { description: 'event stream', media: ['text/event-stream'] } },
  },
  'POST /collab-http/*': {
    tag: 'sync',
    summary: 'Sync where WebSockets are blocked: the client\'s messages',
    access: 'the session the stream was opened with, from PUBLIC_ORIGIN',
    description: 'Body (`application/octet-stream`): messages, each prefixed with its length (lib0 varuint), for the stream `?id=`. They are handled exactly as WebSocket frames (rate guards, meaning checks, persist before relay).',
    responses: { 204: none('handed to the connection'), 401: json('no session'), 403: json('Origin is not PUBLIC_ORIGIN'), 404: json('no such open stream of this session and document'), 413: json('larger than SYNC_MAX_FRAME_BYTES (the stream closes with 4413)') },
  },

  // --- sign-in and account
  'POST /api/auth/login': { tag: 'account', summary: 'Sign in: sets the httpOnly session cookie', access: 'anyone', public: true, responses: { 200: json('signed in', z.object({ user: Me })), 401: json('wrong e-mail and password pair'), 429: json('too many failures (Retry-After header)') } },
  'POST /api/auth/set-password': { tag: 'account', summary: 'Set a password with a one-time invite or reset token', access: 'anyone with a valid token', public: true, responses: { 204: none('password set'), 403: json('token unknown, spent or expired') } },
  'POST /api/auth/logout': { tag: 'account', summary: 'Sign out: the session ends on the server, its sockets close', access: signedIn, description: 'A session signed in through an identity provider that offers RP-initiated logout answers 200 with the URL to send the browser to, so that the provider ends its session too.', responses: { 200: json('signed out here; end the session at the identity provider too', z.object({ endSessionUrl: z.string() })), 204: none('signed out') } },
  'GET /api/auth/methods': { tag: 'account', summary: 'How one may sign in here: password (unless PASSWORD_LOGIN=0) and each identity provider', access: 'anyone', public: true, responses: { 200: json('sign-in methods', SignInMethods) } },
  'GET /api/auth/oidc/:provider/start': { tag: 'account', summary: 'Single sign-on: redirects the browser to the identity provider (authorization code + PKCE)', access: 'anyone (a browser navigation)', public: true, responses: { 302: none('to the identity provider'), 404: json('no such identity provider'), 429: json('too many sign-ins started and not finished (10,000)'), 503: { description: 'the identity provider does not answer (an HTML page)', media: ['text/html'] } } },
  'GET /api/auth/oidc/:provider/callback': { tag: 'account', summary: 'Single sign-on: where the identity provider sends the browser back', access: 'the browser that started the sign-in, once', public: true, description: 'Checks state (single use, 10 minutes, bound to the browser), nonce, issuer and PKCE; the verified e-mail address must be an account the administrators created. Signs in (session cookie, 302 to /) or answers an HTML page saying why not (audited as auth.sso_refused).', responses: { 302: none('signed in: to the app'), 400: { description: 'replayed, expired, from another browser, or a protocol error (an HTML page)', media: ['text/html'] }, 403: { description: 'no account for this verified address, or no verified address (an HTML page)', media: ['text/html'] }, 404: json('no such identity provider') } },
  'GET /api/me': { tag: 'account', summary: 'Who is signed in', access: signedIn, responses: { 200: json('the signed-in user', Me) } },
  'POST /api/me/password': { tag: 'account', summary: 'Change own password (ends every other session)', access: signedIn, responses: { 204: none('changed'), 403: json('the current password is not right'), 429: json('too many wrong current passwords: the sign-in limits apply (Retry-After header)') } },
  'PUT /api/me/language': { tag: 'account', summary: 'Choose the language of own interface, mails and report (`en`, `fr`, `it`; null: the browser decides)', access: signedIn, responses: { 200: json('the signed-in user, with the language now', Me) } },
  'GET /api/me/mail': { tag: 'account', summary: 'Own e-mail choices: per kind immediately, daily digest or never', access: signedIn, responses: { 200: json('choices (`enabled`: this deployment sends mail)', MailPreferencesView) } },
  'PUT /api/me/mail': { tag: 'account', summary: 'Change own e-mail choices (the kinds given; others stay)', access: signedIn, responses: { 200: json('choices now', MailPreferencesView) } },
  'GET /api/mail/unsubscribe': { tag: 'account', summary: 'Unsubscribe page of a mail link: one button', access: 'anyone with the signed link', public: true, responses: { 200: { description: 'HTML page', media: ['text/html'] }, 400: { description: 'link not valid (HTML page)', media: ['text/html'] } } },
  'POST /api/mail/unsubscribe': { tag: 'account', summary: 'Unsubscribe one kind of mail (RFC 8058 one-click, or the page\'s button)', access: 'anyone with the signed link', public: true, responses: { 200: { description: 'done (HTML page)', media: ['text/html'] }, 400: { description: 'link not valid (HTML page)', media: ['text/html'] } } },
  'GET /api/me/sessions': { tag: 'account', summary: 'Own sessions, most recently used first', access: signedIn, responses: { 200: json('sessions', z.array(Session)) } },
  'DELETE /api/me/sessions/:id': { tag: 'account', summary: 'End one of own sessions (its sockets close)', access: signedIn, responses: { 204: none('ended'), 404: json('no such session of yours') } },

  // --- hubs
  'GET /api/hubs': { tag: 'hubs', summary: 'The hubs the caller may see', access: signedIn, responses: { 200: json('hubs', z.array(HubSummary)) } },
  'GET /api/hubs/:hubId': { tag: 'hubs', summary: 'A hub with its missions, members and focal point', access: 'members, hq, admin', responses: { 200: json('the hub', HubDetail), 403: json('not allowed'), 404: json('no such hub') } },
  'GET /api/hubs/:hubId/notes': { tag: 'hubs', summary: "The hub's shared notes", access: 'readers of the hub', responses: { 200: json('notes', z.array(Note)), 403: json('not allowed'), 404: json('no such hub') } },
  'POST /api/hubs/:hubId/notes': { tag: 'hubs', summary: 'Create a shared note (its content is edited through the sync endpoint)', access: "the hub's staff, admin", responses: { 201: created({ id: z.string(), docName: z.string() }), 403: json('not allowed'), 404: json('no such hub') } },
  'PATCH /api/hubs/:hubId/notes/:noteId': { tag: 'hubs', summary: "Rename a note, or change who reads it (`scope`: sockets of those who lose access close with 4403; audited)", access: "the hub's staff, admin", responses: { 200: json('renamed', z.object({ id: z.string(), docName: z.string() })), 403: json('not allowed'), 404: json('no such hub or note') } },
  'POST /api/hubs/:hubId/members': { tag: 'hubs', summary: 'Add a staff member to the hub, or change their mission or coordinator flag', access: "the hub's coordinators, admin", responses: { 201: created({ userId: z.string(), hubId: z.string(), missionId: z.string(), mission: z.string() }), 403: json('not allowed, or not a staff account'), 404: json('no such hub, user or mission') } },
  'DELETE /api/hubs/:hubId/members/:userId': { tag: 'hubs', summary: "Remove a member (their sockets to the hub's documents close)", access: "the hub's coordinators, admin", responses: { 204: none('removed'), 403: json('not allowed'), 404: json('no such hub') } },
  'PUT /api/hubs/:hubId/focal-point': { tag: 'hubs', summary: "Set or clear the hub's digital focal point", access: "the hub's coordinators, admin", responses: { 200: json('set, with the training as it now stands', FocalPoint), 400: json('not a member, or a training day in the future'), 403: json('not allowed'), 404: json('no such hub') } },
  'GET /api/taxonomy': { tag: 'hubs', summary: 'Themes, forums, partnerships and Global Gateway projects (the controlled vocabulary)', access: signedIn, responses: { 200: json('the taxonomy; themes and forums with `labels` in en, fr and it', Taxonomy) } },
  'GET /api/partnerships/:id': { tag: 'references', summary: 'A partnership or dialogue with the records linked to it across the hubs the caller may read', access: signedIn, responses: { 200: json('the partnership and its records', z.object({ partnership: z.unknown(), items: z.array(Item) })), 404: json('no such partnership') } },
  'GET /api/gg-projects': { tag: 'references', summary: 'Global Gateway projects', access: signedIn, responses: { 200: json('projects', z.array(GgProjectView)) } },
  'GET /api/gg-projects/:id': { tag: 'references', summary: 'A Global Gateway project with the records linked to it across the hubs the caller may read', access: signedIn, responses: { 200: json('the project and its records', z.object({ project: GgProjectView, items: z.array(Item) })), 404: json('no such project') } },
  'POST /api/gg-projects': { tag: 'references', summary: 'Add a Global Gateway project; audited', access: 'admin', responses: { 201: json('added', GgProjectView), 403: json('admins only'), 409: json('the id is taken') } },
  'PATCH /api/gg-projects/:id': { tag: 'references', summary: 'Edit a Global Gateway project; audited', access: 'admin', responses: { 200: json('edited', GgProjectView), 403: json('admins only'), 404: json('no such project') } },

  // --- items, comments, inbox
  'GET /api/items': { tag: 'items', summary: 'Exchanges and actions projected from the hub logs, newest first', access: 'per hub access (cyber: cross-cutting items)', responses: { 200: json('items', z.array(Item)), 403: json('a hubId the caller may not read') } },
  'GET /api/items/:itemId': { tag: 'items', summary: 'One item', access: 'per hub access (cyber: cross-cutting items)', responses: { 200: json('the item', Item), 403: json('not allowed'), 404: json('no such item') } },
  'PUT /api/items/:itemId/scope': { tag: 'items', summary: 'Change who reads an entry: moves it between the hub log documents, live, keeping its ids; audited', access: "the hub's staff, admin", responses: { 200: json('the moved item', z.object({ item: Item })), 400: json('not a scope'), 403: json('not allowed'), 404: json('no such item') } },
  'GET /api/items/:itemId/comments': { tag: 'items', summary: "The item's comments, oldest first", access: 'readers of the item', responses: { 200: json('comments', z.array(Comment)), 403: json('not allowed'), 404: json('no such item') } },
  'GET /api/items/:itemId/thread': { tag: 'items', summary: "The item's thread: comments and input-request state", access: 'readers of the item', responses: { 200: json('the thread', Thread), 403: json('not allowed'), 404: json('no such item') } },
  'POST /api/items/:itemId/comments': { tag: 'items', summary: 'Comment on an item (mentions notify)', access: 'readers of the item who may comment', responses: { 201: json('posted', Comment), 403: json('not allowed'), 404: json('no such item'), 429: json('more than 10 comments a minute (bursts of 20), posted or edited') } },
  'PATCH /api/items/:itemId/comments/:commentId': { tag: 'items', summary: 'Edit own comment', access: 'its author', responses: { 204: none('edited'), 403: json('not allowed'), 404: json('no such item or comment'), 429: json('more than 10 comments a minute (bursts of 20), posted or edited') } },
  'DELETE /api/items/:itemId/comments/:commentId': { tag: 'items', summary: 'Delete a comment', access: 'its author, admin', responses: { 204: none('deleted'), 403: json('not allowed'), 404: json('no such item or comment') } },
  'POST /api/items/:itemId/input-request': { tag: 'items', summary: 'Ask the cyber ambassadors for input on an item', access: "the hub's members", responses: { 204: none('asked'), 403: json('not allowed'), 404: json('no such item') } },
  'POST /api/items/:itemId/resolve': { tag: 'items', summary: 'Resolve the thread', access: "the hub's coordinators, or whoever asked for input", responses: { 204: none('resolved'), 403: json('not allowed'), 404: json('no such item') } },
  'GET /api/inbox': { tag: 'items', summary: 'Own mentions, replies, input requests, brief steps and anchored comments, newest first', access: signedIn, responses: { 200: anyJson('inbox entries') } },
  'POST /api/inbox/read': { tag: 'items', summary: 'Mark inbox entries read (`"all"` or ids)', access: signedIn, responses: { 204: none('marked') } },
  'GET /api/events': { tag: 'items', summary: 'Live channel (Server-Sent Events): `thread`, `inbox`, `brief`, `doc-thread` and `note` events', access: signedIn, description: '`event: inbox` carries `{unread}`; `event: thread` carries `{itemId}` of a thread the caller may read that changed; `event: brief` carries `{hubId, periodId, status, note}` when a hub brief the caller may read changed status in a period; `event: doc-thread` carries `{doc, threadId}` of a comment thread anchored in a brief or note the caller may read; `event: note` carries `{hubId, noteId}` of a note the caller may read (or could before its scope narrowed) that was created, renamed or re-scoped. A comment line every 25 s keeps proxies from closing the stream. The stream ends with its session (logout, expiry, disable) and when the caller\'s role or memberships change (reconnect to be judged afresh); at most 5 per session, a sixth ends the oldest.', responses: { 200: { description: 'an event stream', media: ['text/event-stream'] } } },
  'GET /api/search': { tag: 'items', summary: 'Search briefs, notes, items and comments the caller may read', access: signedIn, description: 'Accent-insensitive, every word as a prefix, in English, French, Italian, German and Spanish (each stemmer and none). Filters: `hubId`, `kind`, `theme` (items and their comments), `from`/`to` (created; briefs and notes: last changed). `highlights` are [start, end) offsets of matched words in `snippet`.', responses: { 200: json('hits, best first', z.array(SearchHitSchema)) } },

  // --- roll-ups and reports
  // --- reporting periods and the brief cycle
  'GET /api/periods': { tag: 'periods', summary: 'Reporting periods, newest first', access: signedIn, responses: { 200: json('periods', z.array(Period)) } },
  'POST /api/periods': { tag: 'periods', summary: 'Create a reporting period', access: 'admin', responses: { 201: json('created', Period), 403: json('admins only'), 409: json('the id is taken') } },
  'POST /api/periods/:id/lock': { tag: 'periods', summary: "Lock a period: its figures are frozen (the roll-up and report of the period answer the figures stored at the lock) and its briefs can no longer change", access: 'admin', responses: { 200: json('locked', Period), 403: json('admins only'), 404: json('no such period'), 409: json('locked already') } },
  'GET /api/periods/:id/briefs': { tag: 'periods', summary: "Every hub's brief status for the period (`late`: not submitted by the due date)", access: 'hq, admin', responses: { 200: json('one line per hub', z.array(ComplianceRow)), 403: json('not allowed'), 404: json('no such period') } },
  'GET /api/hubs/:hubId/briefs': { tag: 'periods', summary: "The hub's brief per period: draft, submitted, returned or acknowledged", access: 'readers of the hub brief', responses: { 200: json('per period', z.array(BriefStatus)), 403: json('not allowed'), 404: json('no such hub') } },
  'GET /api/hubs/:hubId/briefs/:periodId': { tag: 'periods', summary: 'The brief as submitted for the period (later edits of the living brief never change it)', access: 'readers of the hub brief', responses: { 200: json('the frozen brief', BriefDetail), 403: json('not allowed'), 404: json('no such hub or period, or nothing submitted') } },
  'POST /api/hubs/:hubId/briefs/:periodId/submit': { tag: 'periods', summary: "Submit the living brief for the period: its content now is frozen as the period's brief", access: "the hub's coordinators, admin", responses: { 200: json('submitted', BriefStatus), 403: json('not allowed'), 404: json('no such hub or period'), 409: json('the period is locked or the brief acknowledged') } },
  'POST /api/hubs/:hubId/briefs/:periodId/acknowledge': { tag: 'periods', summary: 'Acknowledge a submitted brief (optional note)', access: 'hq, admin', responses: { 200: json('acknowledged', BriefStatus), 403: json('not allowed'), 409: json('locked, or nothing submitted to answer') } },
  'POST /api/hubs/:hubId/briefs/:periodId/return': { tag: 'periods', summary: 'Return a submitted brief with a note; the coordinators may submit again', access: 'hq, admin', responses: { 200: json('returned', BriefStatus), 403: json('not allowed'), 409: json('locked, or nothing submitted to answer') } },
  'GET /api/rollup': { tag: 'rollup', summary: 'Roll-up of a period (`period`, or `from`–`to`): theme × hub matrix, actions by status, overdue, participation, cross-cutting; a locked period answers the figures stored at its lock (`asOf` = lock day)', access: 'hq and admin all hubs, staff own hubs, cyber the cross-cutting view', responses: { 200: json('the roll-up', RollupSchema), 403: json('not allowed') } },
  'GET /api/reports/progress': { tag: 'rollup', summary: 'The periodic progress report as a file download, in English or French (`lang`)', access: 'hq, admin', responses: { 200: { description: 'the report (Content-Disposition: attachment; Content-Language: en or fr)', media: ['text/markdown', 'text/csv', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] }, 400: json('invalid query (a `lang` other than en or fr, a bad `format` or dates)'), 403: json('not allowed'), 422: json('rendering took longer than one request may take (too_complex)') } },

  // --- version history
  'GET /api/docs/:doc/export': { tag: 'history', summary: 'A brief or a note as a file: `format=pdf` (tagged PDF/UA, A4) or `format=docx` (Word headings and lists)', access: 'readers of the document', description: 'Rendered on the worker thread; audited as `doc.exported`. Logs are not exported this way (404).', responses: { 200: { description: 'the file', media: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] }, 403: json('not allowed'), 404: json('no such document, or not a brief or note') } },
  'GET /api/docs/:doc/versions': { tag: 'history', summary: "A document's versions, newest first", access: 'readers of the document', description: '`:doc` is the document name URL-encoded as one segment, e.g. `hub%2Fhub-ng%2Fbrief`.', responses: { 200: json('versions', z.array(VersionSummary)), 403: json('not allowed'), 404: json('no such document') } },
  'GET /api/docs/:doc/versions/:id': { tag: 'history', summary: 'One version with its text and Yjs state', access: 'readers of the document', responses: { 200: json('the version', VersionDetail), 403: json('not allowed'), 404: json('no such document or version') } },
  'GET /api/docs/:doc/versions/:id/diff': { tag: 'history', summary: 'What changed from the version to the current state', access: 'readers of the document', responses: { 200: json('the difference', VersionDiff), 403: json('not allowed'), 404: json('no such document or version'), 413: json('a text is over 200,000 characters (too_large)'), 422: json('the texts differ too much to compare word by word (too_complex)') } },
  'POST /api/docs/:doc/versions/:id/restore': { tag: 'history', summary: 'Restore a version (an ordinary edit through the sync server; the state it replaces stays a version)', access: 'writers of the document', responses: { 200: anyJson('restored: `{restored, …}`'), 403: json('not allowed'), 404: json('no such document or version') } },
  'GET /api/docs/:doc/threads': { tag: 'history', summary: 'Comment threads anchored to passages of a brief or note, oldest first', access: 'readers of the document (brief: hub staff, hq, admin; note: per its scope)', description: 'Each anchor is two Yjs relative positions (base64 of `Y.encodeRelativePosition`) over the Lexical-bound `XmlText`s of the document: the first and the last character of the passage. `quote` is the passage as it read when commented on.', responses: { 200: json('threads', z.array(DocThread)), 403: json('not allowed'), 404: json('no such document (or a log)') } },
  'GET /api/docs/:doc/people': { tag: 'history', summary: 'People one may @mention in a brief or note: its readers now, by name (up to 20); `q` filters by the start of a name or e-mail; `ids` asks for these people (the names of mentions shown)', access: 'readers of the document', description: 'A mention node (`{"type":"mention","userId":…}`) written into the document tells the person named, once per node, if they may read it.', responses: { 200: json('people', z.array(MentionPerson)), 403: json('not allowed'), 404: json('no such document (or a log)') } },
  'POST /api/docs/:doc/threads': { tag: 'history', summary: 'Comment on a passage: a new anchored thread with its first comment (the document is not changed)', access: 'readers of the document', description: 'Those `@mentioned` who may read the document, and (for a comment from outside the hub) the hub\'s coordinators, hear of it in their inbox. An anchor position is at most 256 bytes.', responses: { 201: json('the thread', DocThread), 400: json('invalid anchor, quote or body'), 403: json('not allowed'), 404: json('no such document'), 409: json('too many threads on the document'), 429: json('too many comments') } },
  'POST /api/docs/:doc/threads/:threadId/comments': { tag: 'history', summary: 'Reply in an anchored thread', access: 'readers of the document', responses: { 201: json('the reply', DocComment), 400: json('invalid body'), 403: json('not allowed'), 404: json('no such document or thread'), 429: json('too many comments') } },
  'POST /api/docs/:doc/threads/:threadId/resolve': { tag: 'history', summary: 'Resolve an anchored thread', access: 'readers of the document', responses: { 200: json('the thread', DocThread), 403: json('not allowed'), 404: json('no such document or thread') } },
  'POST /api/docs/:doc/threads/:threadId/reopen': { tag: 'history', summary: 'Reopen a resolved anchored thread', access: 'readers of the document', responses: { 200: json('the thread', DocThread), 403: json('not allowed'), 404: json('no such document or thread') } },
  'GET /api/docs/:doc/deleted': { tag: 'history', summary: 'Log entries deleted from a hub log, with the last version holding each', access: 'readers of the log', responses: { 200: json('deleted entries', z.array(DeletedEntry)), 403: json('not allowed'), 404: json('no such log') } },
  'POST /api/docs/:doc/deleted/:kind/:entryId/restore': { tag: 'history', summary: 'Bring one deleted log entry back (nothing else touched)', access: 'writers of the log', responses: { 200: anyJson('restored: `{kind, id, …}`'), 403: json('not allowed'), 404: json('no such log or entry') } },

  // --- administration
  'POST /api/admin/users': { tag: 'admin', summary: 'Create a user with a password', access: 'admin', responses: { 201: created({ id: z.string(), email: z.string(), name: z.string(), role: z.string() }), 403: json('admins only') } },
  'POST /api/admin/hubs': { tag: 'admin', summary: 'Create a hub', access: 'admin', responses: { 201: created({ id: z.string() }), 403: json('admins only') } },
  'POST /api/admin/hubs/:hubId/missions': { tag: 'admin', summary: 'Add a mission (EU delegation or Member State embassy) to a hub', access: 'admin', responses: { 201: created({ id: z.string(), code: z.string() }), 403: json('admins only'), 404: json('no such hub') } },
  'GET /api/admin/audit': { tag: 'admin', summary: 'The audit trail, newest first, with filters (`action` exact, `actor` id or e-mail, `hubId`, `from`/`to` days; `before` pages back); each event names its actor, target and hub as they are called now', access: 'admin', responses: { 200: json('audit events', z.array(AuditEvent)), 400: json('a filter is not valid'), 403: json('admins only') } },
  'GET /api/admin/mail/failed': { tag: 'admin', summary: 'Mail given up after every retry (kept 90 days; sent mail is deleted after 45), newest first, and how many mails wait', access: 'admin', responses: { 200: json('failed mail (no content: recipient, kind, attempts, last error)', FailedMailView), 403: json('admins only') } },
  'GET /api/admin/users': { tag: 'admin', summary: 'Users (up to 500), by name, with the hubs each belongs to; `q` filters by name or e-mail', access: 'admin', responses: { 200: json('users', z.array(AdminUser)), 403: json('admins only') } },
  'POST /api/admin/users/invite': { tag: 'admin', summary: 'Invite a user: returns the one-time set-password link (shown once)', access: 'admin', responses: { 201: json('invited', Link.extend({ id: z.string() })), 403: json('admins only') } },
  'POST /api/admin/users/:userId/reset': { tag: 'admin', summary: "Reset a user's password: ends their sessions, returns a one-time link", access: 'admin', responses: { 200: json('reset', Link), 403: json('admins only'), 404: json('no such user') } },
  'POST /api/admin/users/:userId/disable': { tag: 'admin', summary: 'Disable a user: sessions end, sockets close at once', access: 'admin (not oneself)', responses: { 204: none('disabled'), 403: json('admins only, or oneself'), 404: json('no such user') } },
  'POST /api/admin/users/:userId/enable': { tag: 'admin', summary: 'Enable a disabled user', access: 'admin', responses: { 204: none('enabled'), 403: json('admins only'), 404: json('no such user') } },
  'PATCH /api/admin/users/:userId': { tag: 'admin', summary: "Change a user's role (their sockets reconnect under it)", access: 'admin (may not lower own role)', responses: { 200: json('changed', z.object({ id: z.string(), role: z.string() })), 403: json('admins only'), 404: json('no such user') } },
}
