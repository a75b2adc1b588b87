import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * Structured JSON logs. Fields carry ids (doc, user, hub), never document content or passwords.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: ['password', '*.password', 'cookie', '*.cookie'],
  })
}
