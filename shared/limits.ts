/** Length limits of text fields (beyond them a request gets 400 naming the field). */
export const Limits = {
  email: 254,
  name: 200,
  password: { min: 8, max: 256 },
  hubName: 200,
  noteTitle: 300,
  commentBody: 10_000,
  idLength: 64,
  /** Default cap of a REST request body, in bytes. */
  bodyBytes: 1024 * 1024,
} as const
