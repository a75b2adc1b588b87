import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { briefDocName } from '../../shared/doc-names.js'
import { buildLexicalDoc } from '../editor/headless.js'
import { appendUpdates } from '../db/update-store.js'

/** The six sections every hub brief reports under, in the order HQ reads them. */
export const BRIEF_SECTIONS = [
  'Context and partner priorities',
  'Team Europe activity',
  'Partnerships and dialogues',
  'Forums and candidatures',
  'Global Gateway and Tech Business Offer (including obstacles EU companies meet)',
  'Asks to HQ',
] as const

/**
 * Stores a new hub's first brief: the six sections as real headings, so every hub writes under the
 * same structure from day one. Stored like any other update (no author: the server wrote it).
 */
export async function storeNewHubBrief(db: Kysely<Database>, hubId: string): Promise<void> {
  const state = await buildLexicalDoc(BRIEF_SECTIONS.map((text) => ({ type: 'h2' as const, text })))
  await appendUpdates(db, [{ doc: briefDocName(hubId), update: state, userId: null }])
}
