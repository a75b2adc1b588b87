/** Length limits of text fields (CONTRACT §5: "up to documented length limits (400 beyond them)"). */
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
