/**
 * WebSocket close codes of the sync endpoint. Codes in 4400–4499 stop y-websocket's
 * reconnect loop, so the client can tell the person why instead of retrying forever.
 */
export const CloseCode = {
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  unknownDocument: 4404,
  tooLarge: 4413,
  /** The update means something only the server may decide (a forged author, a server-only field, an unknown node type). */
  refusedMeaning: 4422,
  docTooLarge: 4414,
  rateLimited: 4429,
  serverError: 4500,
  goingAway: 4001,
} as const
export type CloseCodeName = keyof typeof CloseCode
