import * as Y from 'yjs'
import { briefDocName, hubLogDocName, logDocName, noteDocName } from '../shared/doc-names.js'
import { createAction, createExchange, type ExtraValue } from '../shared/log-doc.js'
import { ACTION_KINDS, ESCALATIONS, EXCHANGE_TYPES, type ActionKind, type Counterpart, type Escalation, type ExchangeType } from '../shared/records.js'
import { termLabel, type Taxonomy } from '../shared/taxonomy.js'
import { buildLexicalDoc, type Block } from '../server/editor/headless.js'
import type { DemoHub, DemoHubsFile } from './demo-files.js'
import { shiftDate, shiftToInstant } from './demo-dates.js'

/** One document of demo content, as a single Yjs update (what `appendUpdates` stores). */
export interface DemoDoc {
  doc: string
  update: Uint8Array
  userId: string | null
}

/** Keys with a null value are left out: an absent extra key reads the same and costs nothing. */
function extras(values: Record<string, ExtraValue | undefined>): Record<string, ExtraValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined)) as Record<string, ExtraValue>
}

/** The hub brief of one period (the latest by default): its sections, then the hub's priority themes. */
function briefBlocks(hub: DemoHub, data: DemoHubsFile, taxonomy: Taxonomy, brief = hub.briefs.at(-1)): Block[] {
  const period = data.reportingPeriods.find((p) => p.id === brief?.period)
  const blocks: Block[] = [{ type: 'h1', text: hub.name }]
  if (period) blocks.push({ type: 'p', text: `Brief for ${period.label} (${period.id}).` })
  for (const s of brief?.sections ?? []) blocks.push({ type: 'h2', text: s.title }, { type: 'p', text: s.text })
  if (hub.priorityThemes.length) {
    blocks.push({ type: 'h2', text: 'Priority themes' })
    for (const t of hub.priorityThemes) blocks.push({ type: 'bullet', text: termLabel(taxonomy.themes, t) })
  }
  return blocks
}

/** A brief the demo hub submitted for a period, with the state it froze and how HQ answered. */
export interface DemoSubmission {
  hubId: string
  periodId: string
  status: 'submitted' | 'returned' | 'acknowledged'
  state: Uint8Array
  submittedAt: string
  submittedBy: string | null
  reviewedBy: string | null
}

/** The demo's briefs as the brief cycle keeps them: frozen states of the periods they were submitted for. */
export async function demoSubmissions(data: DemoHubsFile, taxonomy: Taxonomy, shift: number): Promise<DemoSubmission[]> {
  const out: DemoSubmission[] = []
  for (const hub of data.hubs) {
    for (const brief of hub.briefs) {
      const status = brief.status === 'acknowledged' ? 'acknowledged' : brief.status === 'returned' ? 'returned' : brief.status === 'submitted' || brief.status === 'in_review' ? 'submitted' : null
      if (!status) continue
      const period = data.reportingPeriods.find((p) => p.id === brief.period)
      const day = brief.submittedAt ?? period?.briefDue ?? data.meta.demoAsOf
      out.push({
        hubId: hub.id,
        periodId: brief.period,
        status,
        state: await buildLexicalDoc(briefBlocks(hub, data, taxonomy, brief)),
        submittedAt: shiftToInstant(day, shift),
        submittedBy: brief.contributors[0] ?? null,
        reviewedBy: status === 'submitted' ? null : brief.acknowledgedBy,
      })
    }
  }
  return out
}

/** The source's counterpart types in the product's terms (`none`: nobody outside the missions). */
const COUNTERPART_OF: Record<string, Counterpart> = {
  partner_government: 'government', industry: 'industry', civil_society: 'civil_society', academia_research: 'academia', international_organisation: 'international_org',
}
const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : null)

/** The demo data's sharing scopes, in the product's terms. */
const SCOPE_OF: Record<string, 'hub' | 'hq' | 'network'> = { hub_only: 'hub', hub_hq: 'hq', network: 'network' }

/**
 * The hub log, as its two documents: the entries shared with HQ (and the network) and those kept
 * among the hub's missions; exchanges, actions and cross-cutting items, dates shifted.
 */
function logUpdates(hub: DemoHub, shift: number): { shared: Uint8Array; hubOnly: Uint8Array; hasHubOnly: boolean } {
  const shared = new Y.Doc()
  const hubOnly = new Y.Doc()
  const scopeOf = (v: string | null | undefined) => SCOPE_OF[v ?? ''] ?? 'hq'
  const docFor = (v: string | null | undefined) => (scopeOf(v) === 'hub' ? hubOnly : shared)
  const at = (day: string) => shiftToInstant(day, shift)
  const day = (d: string | null) => (d ? shiftDate(d, shift) : null)
  for (const e of hub.exchanges) {
    createExchange(docFor(e.sharingScope), {
      id: e.id, title: e.title, body: e.body, themes: e.themes, forums: e.forums, mission: e.mission,
      missions: e.missions, authorId: e.authorId, createdAt: at(e.createdAt), crossCutting: false,
      exchangeType: oneOf<ExchangeType>(EXCHANGE_TYPES, e.exchangeType),
      counterparts: e.counterpartType && COUNTERPART_OF[e.counterpartType] ? [COUNTERPART_OF[e.counterpartType]] : [],
      partnership: e.partnershipId,
      extra: extras({ scope: scopeOf(e.sharingScope) }),
    })
  }
  for (const a of hub.actions) {
    createAction(docFor(a.sharingScope), {
      id: a.id, title: a.title, body: a.body, themes: a.themes, forums: a.forums, mission: a.mission,
      leadMission: a.mission, missions: a.missions, authorId: a.authorId, createdAt: at(a.createdAt),
      updatedAt: at(a.updatedAt), status: a.status, due: day(a.due),
      actionKind: oneOf<ActionKind>(ACTION_KINDS, a.actionKind), owner: a.authorId, partnership: a.partnershipId,
      ggProject: a.ggProjectId, sourceExchange: a.sourceExchangeId, dropReason: a.dropReason,
      // The source's outcome is the action's text; it is the outcome once the action is done.
      outcome: a.status === 'done' && a.body ? a.body : null,
      statusHistory: a.statusHistory.map((h) => ({ at: at(h.at), by: h.by, from: h.from, to: h.to })),
      extra: extras({ completedAt: day(a.completedAt), scope: scopeOf(a.sharingScope) }),
    })
  }
  for (const c of hub.crossCutting) {
    createExchange(docFor(c.sharingScope), {
      id: c.id, title: c.title, body: c.body, themes: c.themes, forums: c.forums, mission: c.mission,
      missions: c.missions, authorId: c.authorId, createdAt: at(c.createdAt), crossCutting: true,
      extra: extras({
        inputStatus: c.inputStatus, needsCyberInput: c.needsCyberInput,
        inputRequestedAt: c.inputRequestedAt && at(c.inputRequestedAt), inputProvidedAt: c.inputProvidedAt && at(c.inputProvidedAt),
        inputProvidedBy: c.inputProvidedBy, relatedHubs: c.relatedHubs, linkedItems: c.linkedItems,
        scope: scopeOf(c.sharingScope),
      }),
      escalation: oneOf<Escalation>(ESCALATIONS, c.escalation) ?? 'none',
    })
  }
  const hasHubOnly = hubOnly.getMap('exchanges').size + hubOnly.getMap('actions').size > 0
  const updates = { shared: Y.encodeStateAsUpdate(shared), hubOnly: Y.encodeStateAsUpdate(hubOnly), hasHubOnly }
  shared.destroy()
  hubOnly.destroy()
  return updates
}

/** Every demo document (briefs, logs, notes) with every date shifted by `shift` days. */
export async function demoDocs(data: DemoHubsFile, taxonomy: Taxonomy, shift: number): Promise<DemoDoc[]> {
  const docs: DemoDoc[] = []
  for (const hub of data.hubs) {
    const author = hub.briefs.at(-1)?.contributors[0] ?? hub.focalPoint.userId
    docs.push({ doc: briefDocName(hub.id), update: await buildLexicalDoc(briefBlocks(hub, data, taxonomy)), userId: author })
    const log = logUpdates(hub, shift)
    docs.push({ doc: logDocName(hub.id), update: log.shared, userId: null })
    if (log.hasHubOnly) docs.push({ doc: hubLogDocName(hub.id), update: log.hubOnly, userId: null })
    for (const n of hub.notes) {
      const blocks: Block[] = [{ type: 'h1', text: n.title }, ...n.text.split(/\n{2,}/).map((text) => ({ type: 'p' as const, text }))]
      docs.push({ doc: noteDocName(hub.id, n.id), update: await buildLexicalDoc(blocks), userId: n.authorId })
    }
  }
  return docs
}
