import { type Kysely, sql } from 'kysely'

/**
 * Single sign-on and e-mail.
 * - `oidc_logins`: one row per sign-in started at an identity provider (state, nonce, PKCE verifier),
 *   deleted when its callback arrives: a replayed callback finds nothing.
 * - `oidc_sessions`: which provider (and id token) a session came from, for RP-initiated logout.
 * - `mail_outbox`: mails to send, retried with backoff; `dedupe_key` makes a scheduled mail once-only
 *   across processes.
 * - `mail_digest_entries`: notifications waiting for someone's daily digest.
 * - `mail_preferences`: per person and kind: immediately, daily digest or never.
 * - `server_secrets`: keys the server makes for itself (the unsubscribe links' signing key).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oidc_logins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('oidc_sessions')
    .addColumn('session_hash', 'text', (c) => c.primaryKey().references('sessions.id_hash').onDelete('cascade'))
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('id_token', 'text')
    .execute()
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute()
  await db.schema.createIndex('mail_outbox_pending').on('mail_outbox').column('next_attempt_at').where(sql.ref('sent_at'), 'is', null).execute()
  await db.schema
    .createTable('mail_digest_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outbox_id', 'integer', (c) => c.references('mail_outbox.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('mail_digest_entries_pending').on('mail_digest_entries').column('user_id').where(sql.ref('outbox_id'), 'is', null).execute()
  await db.schema
    .createTable('mail_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('immediate','digest','never')`))
    .addPrimaryKeyConstraint('mail_preferences_pk', ['user_id', 'kind'])
    .execute()
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['server_secrets', 'mail_preferences', 'mail_digest_entries', 'mail_outbox', 'oidc_sessions', 'oidc_logins']) await db.schema.dropTable(t).execute()
}
