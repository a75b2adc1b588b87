import * as Y from 'yjs'
import { parseDocName } from '../../../shared/doc-names.js'
import { registeredNodeTypes } from '../../editor/headless.js'
import { checkLexicalUpdate } from './lexical-rules.js'
import { checkMentions, type WrittenMention } from './mention-rules.js'
import { checkLogUpdate, type CreatedEntry, type StatusChange, type Writer } from './log-rules.js'
import { MissingReference, PlaceResolver, type DeleteSetLike, type StructIndex } from './struct-places.js'

export type { CreatedEntry, StatusChange } from './log-rules.js'
export type { WrittenMention } from './mention-rules.js'

/** What an accepted update does that the server records itself. */
export interface UpdateEffects {
  created: CreatedEntry[]
  statusChanges: StatusChange[]
  /** Mentions of people written into a brief or note (heard of after the commit: server/mentions). */
  mentions: WrittenMention[]
}

export type MeaningVerdict = { effects: UpdateEffects } | { field: string; reason: string }

/** The room's side of a check: its document, what it expects next per client, its updates still waiting for their commit. */
export interface RoomView {
  name: string
  doc: Y.Doc
  knownClock(client: number): number
  pendingIndexes: readonly StructIndex[]
}

const NO_EFFECTS: UpdateEffects = { created: [], statusChanges: [], mentions: [] }

/**
 * The meaning check at the door: between "decoded" and "queued for storage". Works out which
 * entry and field each new struct (and each deletion) touches, without applying the update, and
 * refuses what only the server may decide. Pure: nothing is changed.
 */
export function checkMeaning(
  room: RoomView,
  decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: DeleteSetLike },
  index: StructIndex,
  writer: Writer,
): MeaningVerdict {
  const doc = parseDocName(room.name)
  if (!doc) return { field: 'document', reason: 'unknown document' }
  const fresh: Y.Item[] = []
  for (const s of decoded.structs) {
    if (s instanceof Y.Item && s.id.clock + s.length > room.knownClock(s.id.client)) fresh.push(s)
  }
  if (fresh.length === 0 && decoded.ds.clients.size === 0) return { effects: NO_EFFECTS }
  const resolver = new PlaceResolver(room.doc, index, room.pendingIndexes)
  try {
    if (doc.type === 'log') {
      const verdict = checkLogUpdate(room.doc, resolver, fresh, decoded.ds, writer, doc.hubOnly === true)
      return 'field' in verdict ? verdict : { effects: { ...verdict, mentions: [] } }
    }
    const verdict = checkLexicalUpdate(resolver, fresh, registeredNodeTypes())
    if ('field' in verdict) return verdict
    const mentions = checkMentions(resolver, fresh, room.pendingIndexes)
    return 'field' in mentions ? mentions : { effects: { ...NO_EFFECTS, mentions: mentions.mentions } }
  } catch (err) {
    if (err instanceof MissingReference) return { field: 'update', reason: 'refers to content this document does not have' }
    throw err
  }
}
