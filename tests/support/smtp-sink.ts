import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { until } from './ws-client.js'

/** A mail as the SMTP server received it, with its parts decoded. */
export interface ReceivedMail {
  to: string[]
  from: string
  subject: string
  headers: Map<string, string>
  /** The text/plain part. */
  text: string
  /** The text/html part ('' if none). */
  html: string
  raw: string
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it receives. No TLS
 * (STARTTLS is not offered), any sender and recipient accepted.
 */
export interface SmtpSink {
  port: number
  url: string
  mails: ReceivedMail[]
  /** Waits until a mail to `to` matching `pred` arrived; returns it. */
  waitFor(to: string, pred?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>
  close(): Promise<void>
}

function decodeQp(s: string): string {
  const bytes: number[] = []
  const soft = s.replace(/=\r?\n/g, '')
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(ch))
  }
  return Buffer.from(bytes).toString('utf8')
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim())
  }
  return headers
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const enc = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (enc === 'quoted-printable') return decodeQp(body)
  return body
}

/** Splits a raw message into its text and html parts (one level of multipart/alternative or mixed, nested once). */
export function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'from' | 'raw'> {
  const split = (msg: string) => {
    const at = msg.search(/\r?\n\r?\n/)
    return { headers: parseHeaders(msg.slice(0, at)), body: msg.slice(at).replace(/^\r?\n\r?\n/, '') }
  }
  const top = split(raw)
  let text = ''
  let html = ''
  const walk = (headers: Map<string, string>, body: string) => {
    const type = headers.get('content-type') ?? 'text/plain'
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
    if (type.startsWith('multipart/') && boundary) {
      for (const part of body.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break
        const p = split(part.replace(/^\r?\n/, ''))
        walk(p.headers, p.body)
      }
    } else if (type.startsWith('text/html')) html += decodeBody(headers, body)
    else if (type.startsWith('text/plain')) text += decodeBody(headers, body)
  }
  walk(top.headers, top.body)
  // RFC 2047: the white space between two adjacent encoded words is not part of the text.
  const subject = (top.headers.get('subject') ?? '').replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
  )
  return { subject, headers: top.headers, text, html }
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        mails.push({ ...parseMail(raw), raw, to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '' })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const actual = (server.server.address() as AddressInfo).port
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    mails,
    async waitFor(to, pred = () => true, timeoutMs = 10_000) {
      let found: ReceivedMail | undefined
      await until(() => (found = mails.find((m) => m.to.includes(to) && pred(m))) !== undefined, timeoutMs, `a mail to ${to}`)
      return found!
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
