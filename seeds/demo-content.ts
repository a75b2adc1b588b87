import * as Y from 'yjs'
import { briefDocName, logDocName } from '../shared/doc-names.js'
import { createAction, createExchange, type ActionStatus } from '../shared/log-doc.js'
import { buildLexicalDoc, type Block } from '../server/editor/headless.js'
import { SOURCE } from './demo-data.js'
import { shiftDate, shiftToInstant } from './demo-dates.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the source file is plain JSON */

/** One document of demo content, as a single Yjs update. */
export interface DemoDoc {
  doc: string
  update: Uint8Array
  userId: string | null
}

const SECTION_TITLES: Record<string, string> = {
  context_partner_priorities: 'Context and partner priorities',
  team_europe_activity: 'Team Europe activity',
  partnerships_dialogues: 'Partnerships and dialogues',
  forums_candidatures: 'Forums and candidatures',
  global_gateway_tech_business_offer: 'Global Gateway and Tech Business Offer',
  asks_to_hq: 'Asks to HQ',
}

/** `requested` → awaiting input, `provided` → input provided, resolved items → resolved. */
function inputStatusOf(cc: any): string {
  if (cc.status === 'resolved' || cc.status === 'closed') return 'resolved'
  if (cc.cyber_input_status === 'provided') return 'input_provided'
  if (cc.cyber_input_status === 'requested') return 'awaiting_input'
  return 'open'
}

/**
 * Each hub's brief (its latest period's sections) and log (exchanges, actions and the cross-cutting
 * items raised there), with every date shifted by `shiftDays`.
 */
export async function demoDocs(shiftDays: number): Promise<DemoDoc[]> {
  const docs: DemoDoc[] = []
  for (const hub of SOURCE.hubs) {
    const code = new Map<string, string>(
      hub.missions.map((m: any) => [m.id, m.kind === 'eu_delegation' ? 'EU' : m.country_code]),
    )
    const codes = (ids: string[] = []) => ids.map((id) => code.get(id)).filter((c): c is string => !!c)

    const brief = hub.briefs.at(-1)
    const blocks: Block[] = [{ type: 'h1', text: `${hub.name} — brief ${brief?.reporting_period_id ?? ''}`.trim() }]
    for (const [key, text] of Object.entries<string>(brief?.sections ?? {})) {
      blocks.push({ type: 'h2', text: SECTION_TITLES[key] ?? key }, { type: 'p', text })
    }
    docs.push({ doc: briefDocName(hub.id), update: await buildLexicalDoc(blocks), userId: brief?.contributor_user_ids?.[0] ?? null })

    const log = new Y.Doc()
    for (const ex of hub.exchanges) {
      createExchange(log, {
        id: ex.id,
        title: ex.title,
        body: ex.summary ?? '',
        themes: ex.themes ?? [],
        forums: ex.forums ?? [],
        mission: code.get(ex.reporting_mission_id) ?? 'EU',
        missions: codes(ex.participating_mission_ids),
        authorId: ex.created_by,
        createdAt: shiftToInstant(ex.date, shiftDays),
        crossCutting: false,
      })
    }
    for (const ac of hub.actions) {
      const lead = code.get(ac.lead_mission_id) ?? 'EU'
      createAction(log, {
        id: ac.id,
        title: ac.title,
        body: ac.outcome ?? '',
        themes: ac.themes ?? [],
        forums: ac.forums ?? [],
        mission: lead,
        leadMission: lead,
        missions: codes(ac.participating_mission_ids),
        authorId: ac.owner_user_id,
        createdAt: shiftToInstant(ac.created_at, shiftDays),
        status: ac.status as ActionStatus,
        due: ac.due_date ? shiftDate(ac.due_date, shiftDays) : null,
      })
    }
    for (const cc of hub.cross_cutting_items ?? []) {
      if (cc.origin_hub_id && cc.origin_hub_id !== hub.id) continue
      const linked = (cc.linked_records ?? []).map((r: any) => `${r.type} ${r.id}`).join(', ')
      createExchange(log, {
        id: cc.id,
        title: cc.title,
        body: linked ? `Linked records: ${linked}.` : '',
        themes: cc.themes ?? [],
        forums: cc.forums ?? [],
        mission: 'EU',
        authorId: cc.created_by,
        createdAt: shiftToInstant(cc.cyber_input_requested_at ?? cc.created_at ?? SOURCE.meta.demo_as_of, shiftDays),
        crossCutting: true,
        extra: {
          inputStatus: inputStatusOf(cc),
          inputRequestedAt: cc.cyber_input_requested_at ? shiftToInstant(cc.cyber_input_requested_at, shiftDays) : null,
          relatedHubs: (cc.hub_ids ?? []).filter((h: string) => h !== hub.id),
        },
      })
    }
    docs.push({ doc: logDocName(hub.id), update: Y.encodeStateAsUpdate(log), userId: null })
  }
  return docs
}
/* eslint-enable @typescript-eslint/no-explicit-any */
