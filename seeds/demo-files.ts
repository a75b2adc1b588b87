import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { ROLES } from '../shared/roles.js'
import { ACTION_STATUSES, INPUT_STATUSES } from '../shared/log-doc.js'
import { MISSION_KINDS } from '../shared/schemas/hubs.js'
import { PROJECT_ROOT } from '../server/project-root.js'

/**
 * The committed demo files: seeds/demo/users.json (every demo account, in the documented form) and seeds/demo/hubs.json
 * (everything else the seed, the roll-up tests and the comments feature need), both written by
 * seeds/build-demo.ts from the demo source (tests/fixtures/seed-hubs.json). Dates in hubs.json are the source's
 * ORIGINAL dates (as of `meta.demoAsOf`); the seed shifts them (seeds/demo-dates.ts).
 * Both files are validated here at load, and checked against each other.
 */

export const DEMO_DIR = path.join(PROJECT_ROOT, 'seeds', 'demo')
export const USERS_FILE = path.join(DEMO_DIR, 'users.json')
export const HUBS_FILE = path.join(DEMO_DIR, 'hubs.json')

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const Code = z.string().regex(/^(EU|[A-Z]{2})$/)
const Ids = z.array(z.string().min(1))

/** One account of users.json. */
export const DemoAccount = z.strictObject({
  email: z.string().email(),
  password: z.string().min(8),
  name: z.string().min(1),
  role: z.enum(ROLES),
  /** Several roles (the first is `role`); absent: `role` alone. */
  roles: z.array(z.enum(ROLES)).min(1).optional(),
  memberships: z.array(z.strictObject({ hubId: z.string(), mission: Code, coordinator: z.boolean() })),
})
export type DemoAccount = z.infer<typeof DemoAccount>

const Common = {
  id: z.string().min(1),
  title: z.string().min(1),
  body: z.string(),
  themes: Ids,
  forums: Ids,
  /** Mission code of the author (exchanges: reporting mission; actions: lead mission). */
  mission: Code,
  missions: z.array(Code),
  authorId: z.string(),
  createdAt: Day,
  sharingScope: z.string().nullable(),
}

export const DemoExchange = z.object({
  ...Common,
  period: z.string().nullable(),
  exchangeType: z.string().nullable(),
  counterpartType: z.string().nullable(),
  partnershipId: z.string().nullable(),
})
export const DemoAction = z.object({
  ...Common,
  period: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  due: Day.nullable(),
  updatedAt: Day,
  completedAt: Day.nullable(),
  actionKind: z.string().nullable(),
  partnershipId: z.string().nullable(),
  ggProjectId: z.string().nullable(),
  sourceExchangeId: z.string().nullable(),
  dropReason: z.string().nullable(),
  statusHistory: z.array(z.object({ at: Day, from: z.string().nullable(), to: z.string(), by: z.string() })),
})
/** A cross-cutting item: an exchange with `crossCutting: true` in the log of its first hub. */
export const DemoCrossCutting = z.object({
  ...Common,
  relatedHubs: Ids,
  inputStatus: z.enum(INPUT_STATUSES),
  needsCyberInput: z.boolean(),
  inputRequestedAt: Day.nullable(),
  inputProvidedAt: Day.nullable(),
  inputProvidedBy: z.string().nullable(),
  escalation: z.string().nullable(),
  linkedItems: Ids,
})

export const DemoHub = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string(),
  country: z.string().length(2),
  countryName: z.string(),
  region: z.string(),
  city: z.string().nullable(),
  status: z.string(),
  establishedOn: Day.nullable(),
  partnershipIds: Ids,
  priorityThemes: Ids,
  focalPoint: z.object({ userId: z.string().nullable(), missionId: z.string(), trained: z.boolean(), since: Day.nullable() }),
  missions: z.array(
    z.object({
      id: z.string(), code: Code, kind: z.enum(MISSION_KINDS), name: z.string(),
      city: z.string().nullable(), joinedOn: Day.nullable(), active: z.boolean(),
    }),
  ),
  briefs: z.array(
    z.object({
      id: z.string(), period: z.string(), status: z.string(), submittedAt: Day.nullable(),
      acknowledgedBy: z.string().nullable(), contributors: Ids,
      sections: z.array(z.object({ key: z.string(), title: z.string(), text: z.string() })),
    }),
  ),
  notes: z.array(z.object({ id: z.string(), title: z.string(), text: z.string(), authorId: z.string(), createdAt: Day })),
  exchanges: z.array(DemoExchange),
  actions: z.array(DemoAction),
  crossCutting: z.array(DemoCrossCutting),
})
export type DemoHub = z.infer<typeof DemoHub>

export const DemoHubsFile = z.object({
  meta: z.object({ source: z.string(), disclaimer: z.string(), demoAsOf: Day, counts: z.record(z.string(), z.number()) }),
  /** Stable ids of the accounts of users.json, by email (users.json itself carries none). */
  users: z.array(z.object({ id: z.string(), email: z.string(), jobTitle: z.string().nullable(), basedIn: z.string().nullable() })),
  reportingPeriods: z.array(z.object({ id: z.string(), label: z.string(), start: Day, end: Day, briefDue: Day, status: z.string() })),
  hubs: z.array(DemoHub),
  /** Comments on items: the seed writes them to `comments` (`resolved` is not carried over). */
  comments: z.array(
    z.object({
      id: z.string(), itemId: z.string(), targetType: z.enum(['exchange', 'action', 'cross_cutting_item']),
      hubId: z.string(), authorId: z.string(), body: z.string(), createdAt: Day, resolved: z.boolean(),
    }),
  ),
  globalGatewayProjects: z.array(z.unknown()),
  /** The source's expected roll-up figures as of `meta.demoAsOf` (shift with demoShiftDays). */
  expectedRollup: z.record(z.string(), z.unknown()),
})
export type DemoHubsFile = z.infer<typeof DemoHubsFile>

/** Both demo files, validated and cross-checked. @throws naming the first inconsistency */
export function loadDemoFiles(): { accounts: DemoAccount[]; data: DemoHubsFile } {
  const accounts = z.array(DemoAccount).parse(JSON.parse(readFileSync(USERS_FILE, 'utf8')))
  const data = DemoHubsFile.parse(JSON.parse(readFileSync(HUBS_FILE, 'utf8')))
  checkDemoFiles(accounts, data)
  return { accounts, data }
}

/** Cross-file consistency: every reference resolves. @throws naming the first broken one */
export function checkDemoFiles(accounts: DemoAccount[], data: DemoHubsFile): void {
  const fail = (msg: string) => {
    throw new Error(`demo data: ${msg}`)
  }
  const ids = new Map(data.users.map((u) => [u.email, u.id]))
  if (new Set(accounts.map((a) => a.email)).size !== accounts.length) fail('duplicate email in users.json')
  const hubs = new Map(data.hubs.map((h) => [h.id, h]))
  const members = new Set<string>()
  for (const a of accounts) {
    const id = ids.get(a.email) ?? fail(`${a.email} has no id in hubs.json`)
    for (const m of a.memberships) {
      const hub = hubs.get(m.hubId) ?? fail(`${a.email}: unknown hub ${m.hubId}`)
      if (!hub.missions.some((x) => x.code === m.mission)) fail(`${a.email}: no mission ${m.mission} in ${m.hubId}`)
      members.add(`${id}@${m.hubId}`)
    }
  }
  const userIds = new Set(ids.values())
  for (const h of data.hubs) {
    const fp = h.focalPoint.userId
    if (fp && !members.has(`${fp}@${h.id}`)) fail(`${h.id}: focal point ${fp} is not a member`)
    for (const item of [...h.exchanges, ...h.actions, ...h.crossCutting]) {
      if (!userIds.has(item.authorId)) fail(`${item.id}: unknown author ${item.authorId}`)
    }
  }
}
