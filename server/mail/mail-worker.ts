import { sql, type Kysely } from 'kysely'
import type { Transporter } from 'nodemailer'
import type { Database } from '../db/schema.js'
import type { MailConfig } from '../config.js'
import type { Logger } from '../logger.js'
import { MAIL_KINDS, type MailKind } from '../../shared/schemas/mail.js'
import { registerMailSender } from './mail-queue.js'
import { mailParts, mailSubject, renderMail } from './mail-render.js'
import { queueDigests, queueScheduledMail } from './mail-schedule.js'
import { pruneOutbox } from './mail-retention.js'
import { unsubscribeToken, type UnsubscribeKind } from './unsubscribe.js'

/** Timers and bounds of the worker (tests shorten them). */
export interface MailWorkerOptions {
  /** How often the outbox is looked at when nobody wakes the worker. */
  pollMs: number
  /** First retry after a failure; doubled each time, up to `maxBackoffMs`. */
  backoffMs: number
  maxBackoffMs: number
  /** How often scheduled kinds and digests are checked. */
  scheduleMs: number
  /** Claimed mails not reported back within this are tried again (a process that died mid-send). */
  leaseMs: number
  /** After this many failed attempts a mail is given up (kept, marked `failed_at`). */
  maxAttempts: number
  /** Mails claimed per round. */
  batch: number
}

const DEFAULTS: MailWorkerOptions = { pollMs: 5_000, backoffMs: 30_000, maxBackoffMs: 3_600_000, scheduleMs: 60_000, leaseMs: 5 * 60_000, maxAttempts: 50, batch: 20 }

/** Delay before attempt `attempts + 1`, after `attempts` failures. */
export const backoffDelay = (attempts: number, o: Pick<MailWorkerOptions, 'backoffMs' | 'maxBackoffMs'>) => Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.max(0, attempts - 1))

/**
 * Sends the outbox through SMTP, in the background of the server process: a request only ever
 * writes a row (mail-queue.ts). Rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so
 * processes sharing PostgreSQL never send one mail twice, and no transaction stays open while an
 * SMTP server is slow. A failure (the SMTP server down, refusing) is retried with exponential
 * backoff; nothing waiting is deleted (sent and given-up mail is, after its retention: mail-retention.ts).
 */
export class MailWorker {
  private readonly o: MailWorkerOptions
  private transport: Transporter | null = null
  private timers: NodeJS.Timeout[] = []
  private running: Promise<void> | null = null
  private again = false
  private stopped = false
  private unregister: (() => void) | null = null
  private prunedAt = 0

  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: MailConfig,
    private readonly publicOrigin: string,
    private readonly logger: Logger,
    options: Partial<MailWorkerOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...options }
  }

  /** From now on mail requested on this database is queued, and sent. */
  async start(): Promise<void> {
    // Loaded only where mail is configured: it is a third of a second of start-up otherwise.
    const nodemailer = (await import('nodemailer')).default
    this.transport = nodemailer.createTransport(this.config.smtpUrl, { from: this.config.from })
    this.unregister = registerMailSender(this.db, () => this.wake())
    const poll = setInterval(() => this.wake(), this.o.pollMs)
    const schedule = setInterval(() => void this.runScheduled(), this.o.scheduleMs)
    poll.unref()
    schedule.unref()
    this.timers = [poll, schedule]
    void this.runScheduled()
    this.wake()
  }

  /** Stops the timers and waits for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true
    this.unregister?.()
    for (const t of this.timers) clearInterval(t)
    await this.running
    this.transport?.close()
  }

  /** Runs a delivery round now, or right after the one in flight. */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          while ((await this.deliverDue()) > 0 && !this.stopped);
        } while (this.again && !this.stopped)
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'mail delivery round failed')
      } finally {
        this.running = null
      }
    })()
  }

  /** Queues the scheduled kinds and digests due by `now` (the timer's job; tests call it with a date). */
  async runScheduled(now = new Date()): Promise<void> {
    if (this.stopped) return
    try {
      await queueScheduledMail(this.db, now)
      await queueDigests(this.db, now, this.config.digestHour, () => this.wake())
      this.wake()
      // Sent and given-up mail past its retention, at most once an hour (mail-retention.ts).
      if (now.getTime() - this.prunedAt >= 3_600_000) {
        this.prunedAt = now.getTime()
        const pruned = await pruneOutbox(this.db, now)
        if (pruned) this.logger.info({ pruned }, 'old mail deleted from the outbox')
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'scheduled mail failed')
    }
  }

  /** Resolves when a delivery round has run after this call (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  /** Claims and sends one batch. @returns how many were claimed */
  private async deliverDue(now = new Date()): Promise<number> {
    const claimed = await this.db
      .updateTable('mail_outbox')
      .set((eb) => ({ next_attempt_at: new Date(now.getTime() + this.o.leaseMs), attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('failed_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .orderBy('id')
          .limit(this.o.batch)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'user_id', 'kind', 'payload', 'attempts'])
      .execute()
    for (const row of claimed) await this.deliver(row)
    return claimed.length
  }

  private async deliver(row: { id: number; user_id: string; kind: string; payload: Record<string, unknown>; attempts: number }): Promise<void> {
    try {
      const mail = await renderMail(this.db, this.publicOrigin, row)
      if (!mail) {
        // Nothing the recipient may be told any more (disabled, or lost access): done, unsent.
        await this.db.updateTable('mail_outbox').set({ sent_at: new Date(), last_error: 'not sent: nothing the recipient may read', payload: '{}' }).where('id', '=', row.id).execute()
        return
      }
      const to = await this.db.selectFrom('users').select('email').where('id', '=', row.user_id).executeTakeFirstOrThrow()
      const unsubscribeKind: UnsubscribeKind | null = row.kind === 'digest' ? 'digest' : (MAIL_KINDS as readonly string[]).includes(row.kind) ? (row.kind as MailKind) : null
      const unsubscribeUrl = unsubscribeKind ? `${this.publicOrigin}/api/mail/unsubscribe?t=${await unsubscribeToken(this.db, row.user_id, unsubscribeKind)}` : null
      const { text, html } = mailParts(mail, unsubscribeUrl, `${this.publicOrigin}/account`)
      await this.transport!.sendMail({
        from: this.config.from,
        to: to.email,
        subject: mailSubject(mail),
        text,
        html,
        headers: unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
      })
      // A set-password link is not kept once it is sent.
      await this.db.updateTable('mail_outbox').set({ sent_at: new Date(), last_error: null, ...(row.kind === 'invite' || row.kind === 'password_reset' ? { payload: '{}' } : {}) }).where('id', '=', row.id).execute()
    } catch (err) {
      const message = (err as Error).message.slice(0, 500)
      const giveUp = row.attempts >= this.o.maxAttempts
      this.logger.warn({ mailId: row.id, attempts: row.attempts, err: message }, giveUp ? 'mail given up' : 'mail not sent: will retry')
      await this.db
        .updateTable('mail_outbox')
        .set({ last_error: message, next_attempt_at: new Date(Date.now() + backoffDelay(row.attempts, this.o)), ...(giveUp ? { failed_at: new Date() } : {}) })
        .where('id', '=', row.id)
        .execute()
        .catch(() => {})
    }
  }
}

/** Mails waiting to be sent (the outbox's size, for tests and metrics). */
export async function pendingMailCount(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('mail_outbox').select(sql<number>`count(*)`.as('n')).where('sent_at', 'is', null).where('failed_at', 'is', null).executeTakeFirstOrThrow()
  return Number(r.n)
}
