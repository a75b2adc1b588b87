import * as Y from 'yjs'

/**
 * A Y.Doc to compute on (read a state, diff, merge), never synced or shared. Its fixed guid spares
 * lib0's random uuid: 31 calls to crypto.getRandomValues per document, 1–2 % of the sync server's
 * CPU when the projection makes a few thousand of these a minute.
 */
export const scratchDoc = (opts: { gc?: boolean } = {}): Y.Doc => new Y.Doc({ guid: 'scratch', ...opts })
