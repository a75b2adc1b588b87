import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { MAIL_KINDS, type MailKind } from '../../shared/schemas/mail.js'

/**
 * Unsubscribe links: `<userId>.<kind>.<HMAC>` signed with a key the server makes for itself once
 * and keeps in `server_secrets` (every process sharing the database signs and checks alike). The
 * link works without signing in (RFC 8058 one-click from the mail client), for one person and kind.
 */

const KEY_NAME = 'mail-unsubscribe'
const keys = new WeakMap<object, Promise<Buffer>>()

function signingKey(db: Kysely<Database>): Promise<Buffer> {
  let key = keys.get(db)
  if (!key) {
    key = (async () => {
      await db.insertInto('server_secrets').values({ name: KEY_NAME, value: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.column('name').doNothing()).execute()
      const row = await db.selectFrom('server_secrets').select('value').where('name', '=', KEY_NAME).executeTakeFirstOrThrow()
      return Buffer.from(row.value, 'base64url')
    })()
    key.catch(() => keys.delete(db))
    keys.set(db, key)
  }
  return key
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url')

/** A kind, or `digest`: every kind the person gets in their digest. */
export type UnsubscribeKind = MailKind | 'digest'
const TOKEN_KINDS: readonly string[] = [...MAIL_KINDS, 'digest']

export async function unsubscribeToken(db: Kysely<Database>, userId: string, kind: UnsubscribeKind): Promise<string> {
  const body = `${Buffer.from(userId).toString('base64url')}.${kind}`
  return `${body}.${mac(await signingKey(db), body)}`
}

/** The person and kind of a valid token, or null. */
export async function readUnsubscribeToken(db: Kysely<Database>, token: string): Promise<{ userId: string; kind: UnsubscribeKind } | null> {
  if (token.length > 300) return null
  const [user, kind, sig, ...rest] = token.split('.')
  if (!user || !kind || !sig || rest.length || !TOKEN_KINDS.includes(kind)) return null
  const expected = Buffer.from(mac(await signingKey(db), `${user}.${kind}`))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return { userId: Buffer.from(user, 'base64url').toString(), kind: kind as UnsubscribeKind }
}
