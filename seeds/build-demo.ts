import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isForumId, isThemeId } from '../shared/taxonomy.js'
import { taxonomyFromFile } from '../shared/taxonomy-file.js'
import type { Role } from '../shared/roles.js'
import type { InputStatus } from '../shared/log-doc.js'
import { checkDemoFiles, DemoAccount, DemoHubsFile, HUBS_FILE, USERS_FILE } from './demo-files.js'

/**
 * Writes the committed demo files seeds/demo/users.json and seeds/demo/hubs.json from the domain's
 * seed file (fictional people and content). Run after the source changes:
 *   npx tsx seeds/build-demo.ts [path/to/seed-hubs.json]   (default: tests/fixtures/seed-hubs.json)
 * Deterministic: the same source gives byte-identical files.
 */

/** The demo password of every account (demo only; printed in users.json and the README). */
export const DEMO_PASSWORD = 'hubwork-demo-2026'
/** The extra administrator account: the demo needs one of each role. */
const EXTRA_ADMIN = { id: 'u-adm-demo', email: 'admin@demo.example', name: 'Demo Administrator' }

const SECTION_TITLES: Record<string, string> = {
  context_partner_priorities: 'Context and partner priorities',
  team_europe_activity: 'Team Europe activity',
  partnerships_dialogues: 'Partnerships and dialogues',
  forums_candidatures: 'Forums and candidatures',
  global_gateway_tech_business_offer: 'Global Gateway and Tech Business Offer',
  asks_to_hq: 'Asks to HQ',
}

/** Regions of hubs whose source entry has none. */
const REGION_BY_COUNTRY: Record<string, string> = {
  IN: 'asia-pacific', JP: 'asia-pacific', KR: 'asia-pacific', SG: 'asia-pacific', ID: 'asia-pacific',
  CA: 'north-america', US: 'north-america',
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the source is plain JSON, checked by zod on output */

/** hq_reviewer → hq, cyber_ambassador → cyber (also when hq), members and coordinators → staff. */
function roleOf(roles: string[]): Role {
  if (roles.includes('admin')) return 'admin'
  if (roles.includes('cyber_ambassador')) return 'cyber'
  if (roles.includes('hq_reviewer')) return 'hq'
  return 'staff'
}

const missionCode = (m: any): string => (m.kind === 'eu_delegation' ? 'EU' : m.country_code === 'EL' ? 'GR' : m.country_code)

/** `requested` → awaiting input, `provided` → input provided, a resolved item → resolved. */
function inputStatusOf(cc: any): InputStatus {
  if (cc.status === 'resolved' || cc.status === 'closed') return 'resolved'
  if (cc.cyber_input_status === 'provided') return 'input_provided'
  if (cc.cyber_input_status === 'requested' || cc.status === 'awaiting_input') return 'awaiting_input'
  return 'open'
}

/** Builds both files' content from the parsed source. */
export function buildDemo(src: any): { accounts: DemoAccount[]; data: DemoHubsFile } {
  const missions = new Map<string, any>(src.hubs.flatMap((h: any) => h.missions.map((m: any) => [m.id, m])))
  const userById = new Map<string, any>(src.users.map((u: any) => [u.id, u]))
  const codes = (ids: string[] = []) => ids.map((id) => missionCode(missions.get(id)))
  const authorMission = (userId: string) => {
    const m = missions.get(userById.get(userId)?.mission_id)
    return m ? missionCode(m) : 'EU'
  }
  const itemDate = new Map<string, string>()
  for (const h of src.hubs) {
    for (const e of h.exchanges) itemDate.set(e.id, e.date)
    for (const a of h.actions) itemDate.set(a.id, a.created_at)
  }

  const accounts: DemoAccount[] = src.users.map((u: any) => {
    const role = roleOf(u.roles)
    const mission = missions.get(u.mission_id)
    // A person holding several of the product's roles keeps them all (`role` stays the first).
    const roles = [...new Set([role, ...u.roles.map((r: string) => roleOf([r]))])]
    return {
      email: u.email.toLowerCase(),
      password: DEMO_PASSWORD,
      name: u.display_name,
      role,
      ...(roles.length > 1 ? { roles } : {}),
      memberships: role === 'staff' && mission
        ? u.hub_ids.map((hubId: string) => ({ hubId, mission: missionCode(mission), coordinator: u.roles.includes('hub_coordinator') }))
        : [],
    }
  })
  accounts.push({ email: EXTRA_ADMIN.email, password: DEMO_PASSWORD, name: EXTRA_ADMIN.name, role: 'admin', memberships: [] })

  const hubs = src.hubs.map((h: any) => {
    const eu = h.missions.find((m: any) => m.kind === 'eu_delegation')
    return {
      id: h.id, name: h.name, country: h.partner_country, countryName: h.partner_country_name,
      region: h.region ?? REGION_BY_COUNTRY[h.partner_country] ?? 'other', city: h.city ?? null,
      status: h.status, establishedOn: h.established_on ?? null,
      partnershipIds: h.partnership_ids ?? [], priorityThemes: h.priority_themes ?? [],
      focalPoint: { userId: eu.digital_focal_point_user_id ?? null, missionId: eu.id, trained: !!eu.focal_point_trained, since: eu.focal_point_since ?? null },
      missions: h.missions.map((m: any) => ({
        id: m.id, code: missionCode(m), kind: m.kind, name: m.name, city: m.city ?? null, joinedOn: m.joined_on ?? null, active: m.active !== false,
      })),
      briefs: h.briefs.map((b: any) => ({
        id: b.id, period: b.reporting_period_id, status: b.status, submittedAt: b.submitted_at ?? null,
        acknowledgedBy: b.acknowledged_by ?? null, contributors: b.contributor_user_ids ?? [],
        sections: Object.entries<string>(b.sections ?? {}).map(([key, text]) => ({ key, title: SECTION_TITLES[key] ?? key, text })),
      })),
      notes: [],
      exchanges: h.exchanges.map((e: any) => ({
        id: e.id, title: e.title, body: e.summary ?? '', themes: e.themes ?? [], forums: e.forums ?? [],
        mission: missionCode(missions.get(e.reporting_mission_id)), missions: codes(e.participating_mission_ids),
        authorId: e.created_by, createdAt: e.date, sharingScope: e.sharing_scope ?? null, period: e.reporting_period_id ?? null,
        exchangeType: e.type ?? null, counterpartType: e.counterpart_type ?? null, partnershipId: e.partnership_id ?? null,
      })),
      actions: h.actions.map((a: any) => ({
        id: a.id, title: a.title, body: a.outcome ?? '', themes: a.themes ?? [], forums: a.forums ?? [],
        mission: missionCode(missions.get(a.lead_mission_id)), missions: codes(a.participating_mission_ids),
        authorId: a.owner_user_id, createdAt: a.created_at, sharingScope: a.sharing_scope ?? null, period: a.reporting_period_id ?? null,
        status: a.status, due: a.due_date ?? null,
        updatedAt: (a.status_history ?? []).map((s: any) => s.at).sort().at(-1) ?? a.created_at,
        completedAt: a.completed_at ?? null, actionKind: a.kind ?? null, partnershipId: a.partnership_id ?? null,
        ggProjectId: a.gg_project_id ?? null, sourceExchangeId: a.source_exchange_id ?? null, dropReason: a.drop_reason ?? null,
        statusHistory: a.status_history ?? [],
      })),
      // An item spanning several hubs lives in its origin (first) hub's log; the others are related.
      crossCutting: h.cross_cutting_items
        .filter((cc: any) => (cc.origin_hub_id ?? cc.hub_ids[0]) === h.id)
        .map((cc: any) => {
          const linked = (cc.linked_records ?? []).map((r: any) => r.id)
          const dates = [...linked.map((id: string) => itemDate.get(id)), cc.cyber_input_requested_at].filter(Boolean).sort()
          return {
            id: cc.id, title: cc.title,
            body: linked.length ? `Raised from ${linked.join(', ')}.` : '',
            themes: cc.themes ?? [], forums: cc.forums ?? [], mission: authorMission(cc.created_by), missions: [],
            authorId: cc.created_by, createdAt: dates[0] ?? src.meta.demo_as_of, sharingScope: cc.sharing_scope ?? null,
            relatedHubs: cc.hub_ids.filter((x: string) => x !== h.id), inputStatus: inputStatusOf(cc),
            needsCyberInput: !!cc.needs_cyber_input, inputRequestedAt: cc.cyber_input_requested_at ?? null,
            inputProvidedAt: cc.cyber_input_provided_at ?? null, inputProvidedBy: cc.cyber_input_provided_by ?? null,
            escalation: cc.escalation ?? null, linkedItems: linked,
          }
        }),
    }
  })

  const hubOfItem = new Map<string, string>()
  for (const h of hubs) for (const i of [...h.exchanges, ...h.actions, ...h.crossCutting]) hubOfItem.set(i.id, h.id)
  const data = DemoHubsFile.parse({
    meta: { source: 'shared/domain/seed-hubs.json', disclaimer: src.meta.disclaimer, demoAsOf: src.meta.demo_as_of, counts: src.meta.counts },
    users: [
      ...src.users.map((u: any) => ({ id: u.id, email: u.email.toLowerCase(), jobTitle: u.job_title ?? null, basedIn: u.based_in ?? null })),
      { id: EXTRA_ADMIN.id, email: EXTRA_ADMIN.email, jobTitle: 'Platform administrator (fictional)', basedIn: 'Brussels' },
    ],
    reportingPeriods: src.reporting_periods.map((p: any) => ({ id: p.id, label: p.label, start: p.start, end: p.end, briefDue: p.brief_due, status: p.status })),
    hubs,
    comments: src.comments.map((c: any) => ({
      id: c.id, itemId: c.target_id, targetType: c.target_type, hubId: hubOfItem.get(c.target_id),
      authorId: c.author_user_id, body: c.body, createdAt: c.created_at, resolved: !!c.resolved,
    })),
    globalGatewayProjects: src.demo_global_gateway_projects ?? [],
    expectedRollup: src.expected_rollup_as_of_demo_date,
  })
  return { accounts, data }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Every theme and forum id of the demo content exists in seeds/taxonomy.json. */
function checkTaxonomy(data: DemoHubsFile): void {
  const tax = taxonomyFromFile(JSON.parse(readFileSync(path.join(import.meta.dirname, 'taxonomy.json'), 'utf8')))
  for (const h of data.hubs) {
    for (const item of [...h.exchanges, ...h.actions, ...h.crossCutting]) {
      const bad = [...item.themes.filter((t) => !isThemeId(tax, t)), ...item.forums.filter((f) => !isForumId(tax, f))]
      if (bad.length) throw new Error(`demo data: ${item.id} has unknown taxonomy ids ${bad.join(', ')}`)
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const source = process.argv[2] ?? path.resolve(import.meta.dirname, '..', 'tests', 'fixtures', 'seed-hubs.json')
  const { accounts, data } = buildDemo(JSON.parse(readFileSync(source, 'utf8')))
  checkDemoFiles(accounts, data)
  checkTaxonomy(data)
  writeFileSync(USERS_FILE, JSON.stringify(accounts, null, 2) + '\n')
  writeFileSync(HUBS_FILE, JSON.stringify(data, null, 2) + '\n')
  console.log(`wrote ${accounts.length} accounts to ${USERS_FILE} and ${data.hubs.length} hubs to ${HUBS_FILE}`)
}
