import type { Actor } from '../../shared/access.js'
import type { Hub, Mission } from '../db/schema.js'
import { noteDocName } from '../../shared/doc-names.js'
import type { MeView } from '../../shared/schemas/auth.js'
import type {
  HubDetailView,
  HubSummaryView,
  MemberView,
  MissionView,
  NoteView,
} from '../../shared/schemas/hubs.js'

/** snake_case rows → the API's camelCase views: the only place the two meet (STYLE §5). */

const iso = (d: Date | string) => new Date(d).toISOString()

export function presentMe(actor: Actor): MeView {
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    memberships: actor.memberships.map((m) => ({
      hubId: m.hubId,
      mission: m.mission,
      coordinator: m.coordinator,
    })),
  }
}

export function presentMission(m: Mission): MissionView {
  return { id: m.id, code: m.code, kind: m.kind, name: m.name, city: m.city }
}

export function presentHubSummary(h: Hub & { missions: Mission[] }): HubSummaryView {
  return {
    id: h.id,
    name: h.name,
    country: h.country,
    countryName: h.country_name,
    region: h.region,
    city: h.city,
    missions: h.missions.map(presentMission),
  }
}

export function presentHubDetail(
  h: Hub & { missions: Mission[] },
  members: {
    user_id: string
    name: string
    email: string
    mission_id: string
    code: string
    coordinator: boolean
  }[],
): HubDetailView {
  const memberViews: MemberView[] = members.map((m) => ({
    userId: m.user_id,
    name: m.name,
    email: m.email,
    missionId: m.mission_id,
    mission: m.code,
    coordinator: m.coordinator,
  }))
  const focal = memberViews.find((m) => m.userId === h.focal_point_user_id)
  return {
    ...presentHubSummary(h),
    members: memberViews,
    focalPoint: focal ? { userId: focal.userId, name: focal.name } : null,
  }
}

export function presentNote(n: {
  id: string
  hub_id: string
  title: string
  created_at: Date
  updated_at: Date
  updated_by: string | null
  updated_by_name: string | null
}): NoteView {
  return {
    id: n.id,
    title: n.title,
    docName: noteDocName(n.hub_id, n.id),
    createdAt: iso(n.created_at),
    updatedAt: iso(n.updated_at),
    updatedBy: n.updated_by ? { id: n.updated_by, name: n.updated_by_name ?? '' } : null,
  }
}
