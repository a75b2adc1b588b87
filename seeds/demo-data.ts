import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Role } from '../shared/roles.js'

/**
 * The demo data, derived from seeds/demo/source.json (a copy of ../shared/domain/seed-hubs.json,
 * fictional people and content). One derivation feeds both the seed and seeds/demo/users.json.
 */

/** The one demo password (demo only; it is printed in seeds/demo/users.json). */
export const DEMO_PASSWORD = 'hubwork-demo-2026'

/* eslint-disable @typescript-eslint/no-explicit-any -- the source file is plain JSON, read defensively */
export const SOURCE: any = JSON.parse(readFileSync(path.join(import.meta.dirname, 'demo', 'source.json'), 'utf8'))

/** Regions of hubs whose source entry has none. */
const REGION_BY_COUNTRY: Record<string, string> = {
  IN: 'asia-pacific', JP: 'asia-pacific', KR: 'asia-pacific', SG: 'asia-pacific', ID: 'asia-pacific',
  CA: 'north-america', US: 'north-america',
}

export interface DemoUser {
  id: string
  email: string
  password: string
  name: string
  role: Role
  memberships: { hubId: string; mission: string; missionId: string; coordinator: boolean }[]
}

export interface DemoMission { id: string; hubId: string; code: string; kind: 'eu_delegation' | 'ms_embassy'; name: string; city: string | null }
export interface DemoHub {
  id: string; name: string; country: string; countryName: string; region: string; city: string | null
  focalPointUserId: string | null; missions: DemoMission[]
}

function roleOf(roles: string[]): Role {
  if (roles.includes('admin')) return 'admin'
  if (roles.includes('cyber_ambassador')) return 'cyber'
  if (roles.includes('hq_reviewer')) return 'hq'
  return 'staff'
}

/** Hubs with their missions (mission code: EU or the Member State's ISO code). */
export function demoHubs(): DemoHub[] {
  return SOURCE.hubs.map((h: any) => {
    const missions: DemoMission[] = h.missions.map((m: any) => ({
      id: m.id,
      hubId: h.id,
      code: m.kind === 'eu_delegation' ? 'EU' : m.country_code === 'EL' ? 'GR' : m.country_code,
      kind: m.kind,
      name: m.name,
      city: m.city ?? null,
    }))
    const eu = h.missions.find((m: any) => m.kind === 'eu_delegation')
    return {
      id: h.id,
      name: h.name,
      country: h.partner_country,
      countryName: h.partner_country_name,
      region: h.region ?? REGION_BY_COUNTRY[h.partner_country] ?? 'other',
      city: h.city ?? null,
      focalPointUserId: eu?.digital_focal_point_user_id ?? null,
      missions,
    }
  })
}

/** Every demo account, with its memberships. */
export function demoUsers(): DemoUser[] {
  const missionById = new Map(demoHubs().flatMap((h) => h.missions.map((m) => [m.id, m] as const)))
  const users: DemoUser[] = SOURCE.users.map((u: any) => {
    const role = roleOf(u.roles)
    const mission = u.mission_id ? missionById.get(u.mission_id) : undefined
    return {
      id: u.id,
      email: u.email.toLowerCase(),
      password: DEMO_PASSWORD,
      name: u.display_name,
      role,
      memberships:
        role === 'staff' && mission
          ? u.hub_ids.map((hubId: string) => ({
              hubId,
              mission: mission.code,
              missionId: mission.id,
              coordinator: u.roles.includes('hub_coordinator'),
            }))
          : [],
    }
  })
  return users
}
/* eslint-enable @typescript-eslint/no-explicit-any */
